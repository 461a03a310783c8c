// Builds the browser side: `module.js` of the data source and of the events panel, as Grafana loads them.
// Grafana loads a plugin's module.js through SystemJS as an AMD module whose dependencies are the modules
// the host shares (React, @grafana/*, rxjs, …). esbuild bundles everything else into one CommonJS body,
// which a banner and footer wrap in `define([...shared], factory)`. Source maps go next to each module.

import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

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
    sourcesContent: false,
    external: [...SHARED_MODULES],
    banner: { js: banner },
    footer: { js: footer },
    define: { 'process.env.NODE_ENV': '"production"' },
    jsx: 'automatic',
    logLevel: 'warning',
    legalComments: 'none',
  });
}
