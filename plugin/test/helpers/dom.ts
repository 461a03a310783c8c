// A browser for unit tests in Node: jsdom globals, and Grafana's packages loaded from their CommonJS builds.
// Loaded with `--import` before any frontend test (package.json `test:frontend`). Grafana's ESM builds do not load in Node (moment-timezone's
// named exports, CSS imports), its CJS builds do; a resolve hook sends `@grafana/*` there, and `.css`
// requires become empty modules.

import { createRequire, register } from 'node:module';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', {
  url: 'http://localhost/',
  pretendToBeVisual: true,
});
const win = dom.window as unknown as Record<string, unknown> & { matchMedia?: unknown };
win.matchMedia = () => ({
  matches: false,
  media: '',
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
});
/** Node's own event classes would be rejected by jsdom's dispatchEvent. */
const replaced = new Set(['Event', 'EventTarget', 'CustomEvent', 'MessageEvent', 'KeyboardEvent']);
const g = globalThis as Record<string, unknown>;
for (const key of Object.getOwnPropertyNames(dom.window)) {
  if (key in g && !replaced.has(key)) continue;
  try {
    g[key] = win[key];
  } catch {
    // read-only globals (e.g. `crypto` on some Node versions) stay Node's
  }
}
g['IS_REACT_ACT_ENVIRONMENT'] = true;

const require = createRequire(import.meta.url);
(require.extensions as Record<string, (m: unknown, f: string) => void>)['.css'] = () => {};

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      import { createRequire } from 'node:module';
      import { pathToFileURL } from 'node:url';
      const require = createRequire(${JSON.stringify(import.meta.url)});
      export async function resolve(specifier, context, next) {
        if (/^@grafana\\/(data|ui|runtime|schema|e2e-selectors)$/.test(specifier))
          return { url: pathToFileURL(require.resolve(specifier)).href, format: 'commonjs', shortCircuit: true };
        return next(specifier, context);
      }`),
);

export const window = dom.window;
