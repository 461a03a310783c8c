// The harness server plays Grafana's server: it serves the host page and each plugin's dist/ folder under
// /public/plugins/<id>/, and answers the browser's /api/ds/query, resource and health calls by calling the
// built backend executable over its gRPC protocol (launched as go-plugin does), with the data source's
// stored settings in the plugin context. Frames come back as Arrow IPC files and are turned into
// data-frame JSON, as Grafana's server does.
//
// Standalone: `node --import tsx tests/grafana-harness/server.ts <nexus-url> <token>` prints its URL.

import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Launched } from '../../plugin/test/helpers/grafana.ts';
import { grafanaEnv, kill, launch, streamed, unary } from '../../plugin/test/helpers/grafana.ts';
import { arrowToFrameJson } from './frames.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
export const PLUGIN_DIST = path.join(REPO, 'plugin', 'dist');
const require = createRequire(import.meta.url);
const ICONS = path.join(
  path.dirname(require.resolve('@grafana/ui/package.json')),
  'dist',
  'public',
  'img',
  'icons',
);

export interface StoredSettings {
  /** nexus-api's URL. */
  url: string;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
}

export interface Harness {
  readonly url: string;
  readonly settings: StoredSettings;
  /** Every /api call the page made, newest last. */
  readonly calls: { method: string; path: string; body: unknown }[];
  readonly plugin: Launched;
  close(): Promise<void>;
}

/**
 * Bundles host.tsx (React, @grafana/* and the harness) for the browser; about 3 s. Grafana's packages come
 * from their CommonJS builds: their `.mjs` files default-import CommonJS packages (react-custom-scrollbars-2,
 * …), which esbuild resolves with Node's interop (the whole exports object) where Grafana's webpack takes
 * `exports.default`.
 */
export async function buildHost(outDir: string): Promise<void> {
  await build({
    plugins: [
      {
        name: 'grafana-cjs',
        setup(b) {
          b.onResolve({ filter: /^@grafana\/[a-z0-9-]+(\/unstable)?$/ }, (args) => ({
            path: require.resolve(args.path),
          }));
        },
      },
    ],
    entryPoints: [path.join(HERE, 'host.tsx')],
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': '"development"', global: 'globalThis' },
    logLevel: 'error',
  });
}

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Nexus plugins in a Grafana harness</title>
<link rel="stylesheet" href="/harness/host.css">
<style>
  body { margin: 0; padding: 16px; background: #111217; color: #ccccdc; font-family: Inter, Helvetica, Arial, sans-serif; font-size: 14px; }
  .harness-toolbar { margin: 8px 0; display: flex; gap: 12px; align-items: center; }
  .harness-error { color: #ff5286; white-space: pre-wrap; }
  .harness-log-line { font-family: monospace; font-size: 12px; padding: 2px 0; border-bottom: 1px solid #22252b; }
  .harness-log-time { color: #8e8e8e; }
  .harness-log-level { color: #f2cc0c; }
  .harness-notice { color: #f2cc0c; margin: 4px 0; }
  .harness-option { display: block; }
  #fatal { color: #ff5286; white-space: pre-wrap; }
</style>
<script>
  window.grafanaBootData = {
    settings: { appSubUrl: '', buildInfo: { version: '13.2.3', commit: 'harness', env: 'production' }, featureToggles: {} },
    user: { id: 1, login: 'admin', name: 'Admin', orgId: 1, orgRole: 'Admin', isSignedIn: true, theme: 'dark', timezone: 'utc', locale: 'en-US', language: 'en-US' },
    navTree: [],
    assets: {}
  };
</script>
</head>
<body>
<div id="fatal"></div>
<div id="root"></div>
<script type="module" src="/harness/host.js"></script>
</body>
</html>`;

/** A quarter-circle arc: the harness's stand-in for Grafana's spinner icon. */
const SPINNER =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2a10 10 0 0 1 10 10h-2a8 8 0 0 0-8-8z"/></svg>';

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.png': 'image/png',
};

function serveFile(res: http.ServerResponse, root: string, rel: string): void {
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

export async function startHarness(opts: {
  nexusUrl: string;
  token: string;
  jsonData?: Record<string, unknown>;
}): Promise<Harness> {
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-harness-'));
  await buildHost(assets);
  const plugin = await launch(grafanaEnv());
  const settings: StoredSettings = {
    url: opts.nexusUrl,
    jsonData: { defaultIndex: 'main', ...opts.jsonData },
    secureJsonData: { serviceToken: opts.token },
  };
  const calls: Harness['calls'] = [];

  const pluginContext = (): Record<string, unknown> => ({
    orgId: '1',
    pluginId: 'nexus-spl-datasource',
    user: { login: 'admin', name: 'Admin', email: 'admin@example.org', role: 'Admin' },
    dataSourceInstanceSettings: {
      id: '1',
      uid: 'nexus',
      name: 'Nexus',
      url: settings.url,
      jsonData: Buffer.from(JSON.stringify(settings.jsonData)),
      decryptedSecureJsonData: settings.secureJsonData,
      lastUpdatedMS: String(Date.now()),
    },
    pluginVersion: '0.1.0',
    grafanaConfig: {},
  });

  const publicSettings = () => ({
    uid: 'nexus',
    type: 'nexus-spl-datasource',
    name: 'Nexus',
    url: settings.url,
    jsonData: settings.jsonData,
    secureJsonFields: Object.fromEntries(
      Object.entries(settings.secureJsonData).map(([k, v]) => [k, v !== '']),
    ),
  });

  async function query(body: Buffer, res: http.ServerResponse): Promise<void> {
    const req = JSON.parse(body.toString('utf8')) as {
      queries: (Record<string, unknown> & { refId: string })[];
      from?: string;
      to?: string;
    };
    calls.push({ method: 'POST', path: '/api/ds/query', body: req });
    const queries = req.queries.map((q) => ({
      refId: q.refId,
      maxDataPoints: String(q['maxDataPoints'] ?? 1000),
      intervalMS: String(q['intervalMs'] ?? 60_000),
      timeRange: { fromEpochMS: req.from ?? '0', toEpochMS: req.to ?? '0' },
      json: Buffer.from(JSON.stringify(q)),
      queryType: typeof q['queryType'] === 'string' ? q['queryType'] : '',
    }));
    const r = await unary<{
      responses: Record<string, { frames: Uint8Array[]; error: string; status: number }>;
    }>(plugin.data, 'QueryData', { pluginContext: pluginContext(), headers: {}, queries });
    const results: Record<string, unknown> = {};
    let status = 200;
    for (const [refId, dr] of Object.entries(r.responses)) {
      const s = dr.status || 200;
      if (dr.error && status === 200) status = s >= 400 ? s : 500;
      results[refId] = {
        status: s,
        frames: dr.frames.map((f) => arrowToFrameJson(f)),
        ...(dr.error ? { error: dr.error, errorSource: 'downstream' } : {}),
      };
    }
    send(res, status, { results });
  }

  async function resource(
    method: string,
    rest: string,
    search: string,
    body: Buffer,
    res: http.ServerResponse,
  ): Promise<void> {
    calls.push({
      method,
      path: `/resources/${rest}${search}`,
      body: body.length ? body.toString() : undefined,
    });
    const parts = await streamed<{
      code: number;
      headers: Record<string, { values: string[] }>;
      body: Buffer;
    }>(plugin.resource, 'CallResource', {
      pluginContext: pluginContext(),
      path: rest,
      method,
      url: `${rest}${search}`,
      headers: {},
      body,
    });
    const first = parts[0];
    if (!first) return send(res, 502, { message: 'the plugin sent no response' });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(first.headers ?? {})) headers[k] = v.values.join(', ');
    res.writeHead(first.code || 200, headers);
    res.end(Buffer.concat(parts.map((p) => Buffer.from(p.body ?? []))));
  }

  async function health(res: http.ServerResponse): Promise<void> {
    const r = await unary<{ status: number | string; message: string }>(plugin.diagnostics, 'CheckHealth', {
      pluginContext: pluginContext(),
      headers: {},
    });
    const ok = r.status === 1 || r.status === 'OK';
    // Grafana answers 400 with the message when the check fails.
    send(res, ok ? 200 : 400, { status: ok ? 'OK' : 'ERROR', message: r.message });
  }

  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://harness');
    const p = u.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    void (async () => {
      try {
        const body = await readBody(req);
        if (p === '/favicon.ico' || p.startsWith('/public/fonts/')) {
          // Grafana's fonts ship with Grafana's server, not with its npm packages: the page falls back.
          res.writeHead(204).end();
        } else if (p === '/') {
          res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
        } else if (p === '/public/build/img/icons/unicons/spinner.svg') {
          // Grafana's own icon (not in @grafana/ui's package), shown while a lazy editor loads.
          res.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end(SPINNER);
        } else if (p.startsWith('/public/build/img/icons/')) {
          // Grafana serves @grafana/ui's icons from its public folder.
          serveFile(res, ICONS, p.slice('/public/build/img/icons/'.length));
        } else if (p.startsWith('/harness/')) {
          serveFile(res, assets, p.slice('/harness/'.length));
        } else if (p.startsWith('/public/plugins/')) {
          serveFile(res, PLUGIN_DIST, p.slice('/public/plugins/'.length));
        } else if (p === '/api/ds/query' && method === 'POST') {
          await query(body, res);
        } else if (p === '/api/datasources/uid/nexus/health') {
          await health(res);
        } else if (p.startsWith('/api/datasources/uid/nexus/resources/')) {
          await resource(
            method,
            p.slice('/api/datasources/uid/nexus/resources/'.length),
            u.search,
            body,
            res,
          );
        } else if (p === '/api/datasources/uid/nexus' && method === 'GET') {
          send(res, 200, publicSettings());
        } else if (p === '/api/datasources/uid/nexus' && method === 'PUT') {
          // Grafana's save: secure values given replace the stored ones; absent ones are kept.
          const next = JSON.parse(body.toString('utf8')) as Partial<StoredSettings> & {
            secureJsonFields?: Record<string, boolean>;
          };
          calls.push({ method, path: p, body: next });
          if (typeof next.url === 'string') settings.url = next.url;
          if (next.jsonData) settings.jsonData = next.jsonData;
          const reset = Object.entries(next.secureJsonFields ?? {})
            .filter(([k, set]) => !set && !(k in (next.secureJsonData ?? {})))
            .map(([k]) => k);
          settings.secureJsonData = Object.fromEntries(
            Object.entries({ ...settings.secureJsonData, ...next.secureJsonData }).filter(
              ([k]) => !reset.includes(k),
            ),
          );
          send(res, 200, publicSettings());
        } else {
          send(res, 404, { message: `the harness has no ${method} ${p}` });
        }
      } catch (err) {
        send(res, 500, { message: err instanceof Error ? err.message : String(err) });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    settings,
    calls,
    plugin,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await kill(plugin);
      fs.rmSync(assets, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [nexusUrl, token] = process.argv.slice(2);
  if (!nexusUrl || !token) {
    process.stderr.write('usage: server.ts <nexus-api url> <token>\n');
    process.exit(2);
  }
  const h = await startHarness({ nexusUrl, token });
  process.stdout.write(`harness on ${h.url}\n`);
}
