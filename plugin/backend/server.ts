// The gRPC server Grafana's go-plugin client talks to: pluginv2 services plus the standard health service.

import * as grpc from '@grpc/grpc-js';
import { checkHealth } from './health.ts';
import { log } from './log.ts';
import type {
  CallResourceRequest,
  CallResourceResponse,
  CheckHealthRequest,
  CheckHealthResponse,
  QueryDataRequest,
  QueryDataResponse,
} from './messages.ts';
import { prometheusText } from './metrics.ts';
import type { Services } from './protocol.ts';
import { queryData } from './query.ts';
import { callResource } from './resources.ts';

/** Unlimited both ways: go-plugin's client dials with MaxInt32, and results can be large. */
const serverOptions: grpc.ServerOptions = {
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
};

function unary<Req, Res>(name: string, f: (req: Req) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    f(call.request).then(
      (res) => callback(null, res),
      (err: unknown) => {
        log('error', `${name} failed`, { error: err instanceof Error ? err.stack : String(err) });
        callback({ code: grpc.status.INTERNAL, details: err instanceof Error ? err.message : String(err) });
      },
    );
  };
}

/**
 * The server with every service registered, not yet bound. `onShutdown` runs after go-plugin's
 * `GRPCController/Shutdown` has been answered.
 */
export function createServer(services: Services, onShutdown: () => void): grpc.Server {
  const server = new grpc.Server(serverOptions);
  server.addService(services.data, {
    QueryData: unary<QueryDataRequest, QueryDataResponse>('QueryData', queryData),
  });
  server.addService(services.diagnostics, {
    CheckHealth: unary<CheckHealthRequest, CheckHealthResponse>('CheckHealth', checkHealth),
    CollectMetrics: unary<unknown, { metrics: { prometheus: Uint8Array } }>('CollectMetrics', () =>
      Promise.resolve({ metrics: { prometheus: new TextEncoder().encode(prometheusText()) } }),
    ),
  });
  const resource: grpc.handleServerStreamingCall<CallResourceRequest, CallResourceResponse> = (call) => {
    callResource(call.request).then(
      (res) => {
        call.write(res);
        call.end();
      },
      (err: unknown) => call.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  };
  server.addService(services.resource, { CallResource: resource });
  // go-plugin pings service `plugin`; "" is the whole server.
  const serving = (service: string): boolean => service === '' || service === 'plugin';
  const health: grpc.UntypedServiceImplementation = {
    Check: ((call, callback) => {
      if (serving(call.request.service)) callback(null, { status: 'SERVING' });
      else callback({ code: grpc.status.NOT_FOUND, details: `unknown service ${call.request.service}` });
    }) satisfies grpc.handleUnaryCall<{ service: string }, { status: string }>,
    Watch: ((call) => {
      call.write({ status: serving(call.request.service) ? 'SERVING' : 'SERVICE_UNKNOWN' });
    }) satisfies grpc.handleServerStreamingCall<{ service: string }, { status: string }>,
  };
  server.addService(services.health, health);
  const shutdown: grpc.handleUnaryCall<unknown, Record<string, never>> = (_call, callback) => {
    callback(null, {});
    setImmediate(onShutdown);
  };
  server.addService(services.controller, { Shutdown: shutdown });
  return server;
}

const bind = (server: grpc.Server, port: number): Promise<number> =>
  new Promise((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );

/**
 * Binds 127.0.0.1 on the first free port of `min..max` (go-plugin's PLUGIN_MIN_PORT/MAX_PORT), starting at a
 * random one so two plugins starting together rarely collide; any free port when no range is given.
 */
export async function listen(
  server: grpc.Server,
  min: number | undefined,
  max: number | undefined,
): Promise<number> {
  if (min === undefined || max === undefined || min > max) return bind(server, 0);
  const size = max - min + 1;
  const start = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = min + ((start + i) % size);
    try {
      return await bind(server, port);
    } catch {
      // in use: try the next one
    }
  }
  throw new Error(`no free port in ${min}..${max}`);
}
