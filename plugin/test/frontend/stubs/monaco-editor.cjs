// Test stand-in for `monaco-editor`, which ships only ESM with CSS imports and cannot load under jsdom.
// Grafana's ReactMonacoEditor only defines its themes on it at mount.
module.exports = { editor: { defineTheme() {}, remeasureFonts() {} }, languages: {} };
