// Test stand-in for `@monaco-editor/react`: a plain textarea; the real editor runs only in a browser
// (the lead's Playwright harness), so `onMount` is never called here.
const React = require('react');
function Editor(props) {
  return React.createElement('textarea', { 'data-testid': 'monaco-stand-in', defaultValue: props.value });
}
module.exports = { __esModule: true, default: Editor, loader: { config() {} } };
