// Test helper: the real Splunk JavaScript SDK (`splunk-sdk` from npm, CommonJS, untyped) with the types the
// tests use, and a running nexus-api (in-process, on a loopback port) for it to talk to.

import { createRequire } from 'node:module';
import { listen } from '../../src/server.ts';
import type { RunningServer } from '../../src/server.ts';
import type { TestEnv } from './env.ts';

export interface SdkJob {
  readonly sid: string;
  fetch(): Promise<SdkJob>;
  properties(): Record<string, unknown>;
  results(params?: Record<string, unknown>): Promise<[SdkRows, SdkJob]>;
  events(params?: Record<string, unknown>): Promise<[SdkRows, SdkJob]>;
  cancel(): Promise<unknown>;
  finalize(): Promise<unknown>;
}

/** `output_mode=json_rows`, the SDK's default for results. */
export interface SdkRows {
  readonly fields: string[];
  readonly rows: (string | string[] | null)[][];
  readonly messages: { type: string; text: string }[];
}

export interface SdkResponse {
  readonly status: number;
  readonly data: unknown;
}

export interface SdkService {
  version: string;
  sessionKey: string;
  login(): Promise<unknown>;
  oneshotSearch(query: string, params?: Record<string, unknown>): Promise<SdkRows>;
  jobs(): {
    create(query: string, params?: Record<string, unknown>): Promise<SdkJob>;
    fetch(): Promise<{ list(): SdkJob[] }>;
  };
  getJob(sid: string): Promise<SdkJob>;
  parse(query: string): Promise<unknown>;
  get(path: string, params: Record<string, unknown>, timeout?: number, isAsync?: boolean): Promise<unknown>;
  post(path: string, params: Record<string, unknown>): Promise<SdkResponse>;
}

export interface SdkServiceOptions {
  scheme: 'http';
  host: string;
  port: number;
  username?: string;
  password?: string;
  sessionKey?: string;
  authorization?: string;
  version?: string;
  autologin?: boolean;
}

interface SplunkJs {
  Service: new (opts: SdkServiceOptions) => SdkService;
}

export const splunkjs = createRequire(import.meta.url)('splunk-sdk') as SplunkJs;

/** Serves `env.app` on a free loopback port, as `npm start` would. */
export async function serveForSdk(env: TestEnv): Promise<{ port: number; close(): Promise<void> }> {
  const server: RunningServer = await listen(env.app, '127.0.0.1', 0);
  return { port: server.port, close: () => server.close(1_000) };
}

/** A service of the SDK on `port`: logged in with a token as the password, or with a token as session key. */
export function sdkService(port: number, auth: { password: string } | { sessionKey: string }): SdkService {
  return new splunkjs.Service({
    scheme: 'http',
    host: '127.0.0.1',
    port,
    ...('password' in auth
      ? { username: 'nexus-sdk-test', password: auth.password }
      : { sessionKey: auth.sessionKey, authorization: 'Splunk', version: '9.1.0' }),
  });
}
