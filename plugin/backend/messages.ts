// The pluginv2 messages as @grpc/proto-loader decodes them (keepCase, longs and enums as strings, bytes as Buffer).

export interface User {
  readonly login: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
}

export interface DataSourceInstanceSettings {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly uid: string;
  readonly jsonData: Buffer;
  readonly decryptedSecureJsonData: Readonly<Record<string, string>>;
}

export interface PluginContext {
  readonly orgId: string;
  readonly pluginId: string;
  readonly user?: User | null;
  readonly dataSourceInstanceSettings?: DataSourceInstanceSettings | null;
  readonly pluginVersion: string;
}

export interface DataQuery {
  readonly refId: string;
  readonly maxDataPoints: string;
  readonly intervalMS: string;
  readonly timeRange?: { readonly fromEpochMS: string; readonly toEpochMS: string } | null;
  readonly json: Buffer;
  readonly queryType: string;
}

export interface QueryDataRequest {
  readonly pluginContext?: PluginContext | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly queries: readonly DataQuery[];
}

export interface DataResponse {
  frames: Uint8Array[];
  error: string;
  status: number;
  errorSource: string;
}

export interface QueryDataResponse {
  responses: Record<string, DataResponse>;
}

export interface CheckHealthRequest {
  readonly pluginContext?: PluginContext | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface CheckHealthResponse {
  status: 'UNKNOWN' | 'OK' | 'ERROR';
  message: string;
  jsonDetails: Uint8Array;
}

export interface CallResourceRequest {
  readonly pluginContext?: PluginContext | null;
  readonly path: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, { readonly values: readonly string[] }>>;
  readonly body: Buffer;
}

export interface CallResourceResponse {
  code: number;
  headers: Record<string, { values: string[] }>;
  body: Uint8Array;
}
