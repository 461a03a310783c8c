// Builds the browser side: `module.js` of the data source and of the events panel, as Grafana loads them.
// Grafana loads a plugin's module.js through SystemJS as an AMD module whose dependencies are the modules
// the host shares (React, @grafana/*, rxjs, …). esbuild bundles everything else into one CommonJS body,
// which a banner and footer wrap in `define([...shared], factory)`. Source maps go next to each module.
// Each map carries its sources' text (sourcesContent), as Grafana's plugin validator compares the map with the
// published source code; their names follow create-plugin's webpack layout (relative to src/, third-party code
// under ../node_modules/), so no path of the machine that built them is shipped.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The plugin's src/: source map names are relative to it, as with create-plugin's webpack context. */
const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** What Grafana's host shares with plugins (public/app/features/plugins/loader/sharedDependencies.ts). */
export const SHARED_MODULES: readonly string[] = [
  '@emotion/css',
  '@emotion/react',
  '@grafana/data',
  '@grafana/runtime',
  '@grafana/schema',
  '@grafana/ui',
  'lodash',
  'react',
  'react-dom',
  'react/jsx-runtime',
  'rxjs',
  'rxjs/operators',
];

/** `define([...], function (...) { <CommonJS body> return module.exports; })`: the AMD wrapper. */
function amdWrapper(): { banner: string; footer: string } {
  const deps = JSON.stringify(SHARED_MODULES);
  const banner =
    `define(${deps}, function () {` +
    `var __shared = {}, __args = arguments; ${deps}.forEach(function (n, i) { __shared[n] = __args[i]; });` +
    `var module = { exports: {} }, exports = module.exports;` +
    `var require = function (n) { if (Object.prototype.hasOwnProperty.call(__shared, n)) return __shared[n];` +
    ` throw new Error('module.js asked for ' + n + ', which the host does not share'); };`;
  return { banner, footer: 'return module.exports; });' };
}

export interface FrontendEntry {
  /** `src/…/module.ts` */
  readonly entry: string;
  /** The plugin's folder in dist/. */
  readonly outDir: string;
}

/** Bundles one plugin's module.js (minified, with an external source map of our own sources). */
export async function buildModule(e: FrontendEntry): Promise<void> {
  const { banner, footer } = amdWrapper();
  fs.mkdirSync(e.outDir, { recursive: true });
  await build({
    entryPoints: [e.entry],
    outfile: path.join(e.outDir, 'module.js'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    minify: true,
    sourcemap: 'external',
    sourcesContent: true,
    external: [...SHARED_MODULES],
    banner: { js: banner },
    footer: { js: footer },
    define: { 'process.env.NODE_ENV': '"production"' },
    jsx: 'automatic',
    logLevel: 'warning',
    legalComments: 'none',
  });
  renameSources(path.join(e.outDir, 'module.js.map'));
}

/** One source's name in the map: third-party code as `../node_modules/<package>/…`, ours relative to src/. */
export function sourceName(absolute: string): string {
  const i = absolute.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (i >= 0) return `../node_modules/${absolute.slice(i + `${path.sep}node_modules${path.sep}`.length)}`;
  return path.relative(SRC, absolute);
}

/** Rewrites the map's `sources` (esbuild writes them relative to the map, through resolved symlinks). */
function renameSources(mapFile: string): void {
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[] };
  const dir = path.dirname(mapFile);
  map.sources = map.sources.map((s) => sourceName(path.resolve(dir, s)).split(path.sep).join('/'));
  fs.writeFileSync(mapFile, JSON.stringify(map));
}
