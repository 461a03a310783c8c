// Entry point of the backend executable: go-plugin's handshake, then serve until Grafana stops the process.

import { log } from './log.ts';
import { embeddedProtoTexts, loadServices } from './protocol.ts';
import { createServer, listen } from './server.ts';

const COOKIE_KEY = 'grafana_plugin_type';
const COOKIE_VALUE = 'datasource';

function port(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
}

async function main(): Promise<void> {
  if (process.env[COOKIE_KEY] !== COOKIE_VALUE) {
    // go-plugin's own wording for a plugin started by hand.
    process.stderr.write(
      'This binary is a plugin. These are not meant to be executed directly.\n' +
        'Please execute the program that consumes these plugins, which will\n' +
        'load any plugins automatically\n',
    );
    process.exit(1);
  }
  const versions = (process.env['PLUGIN_PROTOCOL_VERSIONS'] ?? '2').split(',').map((v) => v.trim());
  if (!versions.includes('2')) {
    log('error', `Grafana offers plugin protocol versions ${versions.join(',')}; this plugin speaks 2`);
    process.exit(1);
  }
  const server = createServer(loadServices(embeddedProtoTexts()), () => stop('GRPCController/Shutdown'));
  const stop = (reason: string): void => {
    log('info', 'stopping', { reason });
    server.tryShutdown(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  const bound = await listen(server, port('PLUGIN_MIN_PORT'), port('PLUGIN_MAX_PORT'));
  // The handshake line: core protocol 1, app protocol 2. Nothing may reach stdout before it.
  process.stdout.write(`1|2|tcp|127.0.0.1:${bound}|grpc\n`);
  log('info', 'nexus-spl-datasource backend serving', {
    port: bound,
    grafanaVersion: process.env['GF_VERSION'] ?? '',
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  log('error', 'the plugin could not start', { error: err instanceof Error ? err.stack : String(err) });
  process.exit(1);
});
