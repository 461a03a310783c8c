// Search macros: macros.conf parsing, the registry, expansion and the expanded → original source map.

export { MacroRegistry, macroKey, macroSignature } from './registry.ts';
export type { MacroDefinition } from './registry.ts';
export { parseMacrosConf } from './conf.ts';
export type { MacroConfError, MacrosConfResult } from './conf.ts';
export { expandMacros } from './expand.ts';
export type { ExpandOptions, ExpandResult } from './expand.ts';
export { SourceMap } from './sourcemap.ts';
export type { MapSegment } from './sourcemap.ts';
export { scanCalls, splitArgs } from './calls.ts';
export type { MacroCall, MalformedCall } from './calls.ts';
