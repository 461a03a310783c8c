// Test helper playing Grafana's part: launches the built executable as go-plugin does and calls it over gRPC.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { DIST, executableName } from '../../scripts/build.ts';
import { loadServices, protoTextsFromDir } from '../../backend/protocol.ts';
import type { Services } from '../../backend/protocol.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EXECUTABLE = path.join(DIST, executableName());

/** The same pluginv2 protos the plugin embeds. */
export const services: Services = loadServices(protoTextsFromDir(path.join(ROOT, 'proto')));

export interface Launched {
  readonly proc: ChildProcess;
  readonly handshake: string;
  readonly address: string;
  readonly stderr: () => string;
  readonly data: grpc.Client;
  readonly diagnostics: grpc.Client;
  readonly resource: grpc.Client;
  readonly health: grpc.Client;
  readonly controller: grpc.Client;
  readonly exit: Promise<number | null>;
}

/** What Grafana's go-plugin client sets (grpcplugin/client.go, go-plugin client.go). */
export function grafanaEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    grafana_plugin_type: 'datasource',
    PLUGIN_PROTOCOL_VERSIONS: '2',
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    GF_VERSION: '12.3.0',
    GF_EDITION: 'oss',
    GF_PLUGIN_APP_CLIENT_ID: '',
    ...extra,
  };
}

/** Clients dial as go-plugin does: no message size limit either way. */
const clientOptions: grpc.ClientOptions = {
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
};

/** Starts the executable with exactly `env` and waits for its handshake line on stdout. */
export async function launch(env: Record<string, string>, exe = EXECUTABLE): Promise<Launched> {
  const proc = spawn(exe, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const handshake = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no handshake within 20 s: ${err}`)), 20_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before the handshake: ${err}`));
    });
  });
  const parts = handshake.split('|');
  const address = parts[3] ?? '';
  const creds = grpc.credentials.createInsecure();
  const c = services.clients;
  return {
    proc,
    handshake,
    address,
    stderr: () => err,
    data: new c.Data(address, creds, clientOptions),
    diagnostics: new c.Diagnostics(address, creds, clientOptions),
    resource: new c.Resource(address, creds, clientOptions),
    health: new c.Health(address, creds, clientOptions),
    controller: new c.Controller(address, creds, clientOptions),
    exit,
  };
}

/** Stops the plugin as Grafana does when it shuts down (the process is signalled). */
export async function kill(p: Launched): Promise<number | null> {
  for (const client of [p.data, p.diagnostics, p.resource, p.health, p.controller]) client.close();
  p.proc.kill('SIGTERM');
  return p.exit;
}

type UnaryMethod = (req: unknown, cb: (err: grpc.ServiceError | null, res: unknown) => void) => void;

/** One unary call, e.g. `unary(p.data, 'QueryData', req)`. */
export function unary<Res>(client: grpc.Client, method: string, req: unknown): Promise<Res> {
  const f = (client as unknown as Record<string, UnaryMethod>)[method];
  if (!f) throw new Error(`no method ${method}`);
  return new Promise((resolve, reject) =>
    f.call(client, req, (err, res) => (err ? reject(err) : resolve(res as Res))),
  );
}

/** A server-streaming call collected to the end (`CallResource`). */
export function streamed<Res>(client: grpc.Client, method: string, req: unknown): Promise<Res[]> {
  const f = (client as unknown as Record<string, (req: unknown) => grpc.ClientReadableStream<Res>>)[method];
  if (!f) throw new Error(`no method ${method}`);
  const stream = f.call(client, req);
  const got: Res[] = [];
  return new Promise((resolve, reject) => {
    stream.on('data', (d: Res) => got.push(d));
    stream.on('end', () => resolve(got));
    stream.on('error', reject);
  });
}

export interface DsSettings {
  url: string;
  serviceToken?: string;
  oauthPassThru?: boolean;
  /** More `jsonData` keys. */
  jsonData?: Record<string, unknown>;
}

/** A `PluginContext` as Grafana sends it; `user` absent is a backend (alerting) request. */
export function pluginContext(
  ds: DsSettings,
  user?: { login: string; role: string },
): Record<string, unknown> {
  return {
    orgId: '1',
    pluginId: 'nexus-spl-datasource',
    ...(user ? { user: { login: user.login, name: user.login, email: '', role: user.role } } : {}),
    dataSourceInstanceSettings: {
      id: '1',
      uid: 'nexus',
      name: 'Nexus',
      url: ds.url,
      jsonData: Buffer.from(
        JSON.stringify({ oauthPassThru: ds.oauthPassThru ?? false, defaultIndex: 'main', ...ds.jsonData }),
      ),
      decryptedSecureJsonData: ds.serviceToken ? { serviceToken: ds.serviceToken } : {},
      lastUpdatedMS: String(Date.now()),
    },
    pluginVersion: '0.1.0',
    grafanaConfig: {},
  };
}

export interface ResourceAnswer {
  code: number;
  body: Record<string, unknown>;
}

/**
 * One `CallResource` as Grafana's server makes it for `/api/datasources/uid/nexus/resources/<path>`: the path
 * without the query string, the whole URL beside it; the answer's single chunk with its JSON body.
 */
export async function callResource(
  p: Launched,
  context: Record<string, unknown>,
  method: string,
  path: string,
  body?: unknown,
): Promise<ResourceAnswer> {
  const chunks = await streamed<{ code: number; body: Buffer }>(p.resource, 'CallResource', {
    pluginContext: context,
    path: path.split('?')[0],
    method,
    url: `/api/datasources/uid/nexus/resources/${path}`,
    headers: {},
    body: body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body)),
  });
  if (chunks.length !== 1) throw new Error(`CallResource sent ${chunks.length} chunks, not 1`);
  const c = chunks[0];
  return { code: c?.code ?? 0, body: JSON.parse(c?.body.toString() ?? '{}') as Record<string, unknown> };
}

/** A query answer as QueryData returns it. */
export interface AlertAnswer {
  frames: Buffer[];
  error: string;
  status: number;
  errorSource: string;
}

/**
 * Query A of an alert rule as Grafana's alerting sends it: the `FromAlert` header, no user, 43,200 points at a
 * one-second interval, over the rule's `relativeTimeRange` (seconds before now).
 */
export async function alertQuery(
  p: Launched,
  ds: DsSettings,
  a: { readonly relativeTimeRange: { from: number; to: number }; readonly model: Record<string, unknown> },
): Promise<AlertAnswer> {
  const now = Date.now();
  const res = await unary<{ responses: Record<string, AlertAnswer> }>(p.data, 'QueryData', {
    pluginContext: pluginContext(ds),
    headers: { FromAlert: 'true' },
    queries: [
      {
        refId: 'A',
        maxDataPoints: '43200',
        intervalMS: '1000',
        timeRange: {
          fromEpochMS: String(now - a.relativeTimeRange.from * 1000),
          toEpochMS: String(now - a.relativeTimeRange.to * 1000),
        },
        json: Buffer.from(JSON.stringify(a.model)),
      },
    ],
  });
  return res.responses['A'] ?? { frames: [], error: 'no answer for A', status: 0, errorSource: '' };
}
