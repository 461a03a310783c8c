// The HTTP(S) listener: serves a Hono app with @hono/node-server, reloads its TLS certificate, closes gracefully.

import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Server } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AuthEnv } from './auth/types.ts';
import type { TlsConfig } from './config.ts';
import type { Logger } from './telemetry/logger.ts';
import { silentLogger } from './telemetry/logger.ts';

export interface RunningServer {
  readonly port: number;
  readonly protocol: 'http' | 'https';
  /** Stops accepting connections, lets in-flight requests finish for up to `graceMs`, then cuts the rest. */
  close(graceMs: number): Promise<void>;
}

export interface ListenOptions {
  /** Serve HTTPS with these files; the certificate is re-read every `reloadMs` and swapped when it changed. */
  tls?: TlsConfig;
  logger?: Logger;
}

interface Pem {
  cert: string;
  key: string;
}

async function readPem(tls: TlsConfig): Promise<Pem> {
  const [cert, key] = await Promise.all([
    fs.readFile(tls.certFile, 'utf8'),
    fs.readFile(tls.keyFile, 'utf8'),
  ]);
  // createSecureContext rejects a malformed file or a key that does not match the certificate.
  createSecureContext({ cert, key });
  return { cert, key };
}

/**
 * Listens on `host:port` (0: any free port), plain HTTP or, with `opts.tls`, HTTPS. A rotated certificate
 * (cert-manager rewrites the Secret's files) is picked up without a restart: new connections get it,
 * open ones keep theirs. A half-written pair (new certificate, old key) is skipped until both match.
 *
 * @example const s = await listen(app, '0.0.0.0', 8443, { tls: { certFile, keyFile, reloadMs: 10_000 } });
 */
export async function listen(
  app: Hono<AuthEnv>,
  host: string,
  port: number,
  opts: ListenOptions = {},
): Promise<RunningServer> {
  const logger = opts.logger ?? silentLogger;
  const tls = opts.tls;
  let pem: Pem | undefined;
  if (tls !== undefined) {
    try {
      pem = await readPem(tls);
    } catch (err) {
      throw new Error(
        `cannot use NEXUS_TLS_CERT=${tls.certFile} / NEXUS_TLS_KEY=${tls.keyFile}: ${String(err)}`,
        { cause: err },
      );
    }
  }
  // createAdaptorServer gives the plain http(s).Server (HTTP/1.1) so we own listen() and close().
  const server = (
    pem === undefined
      ? createAdaptorServer({ fetch: app.fetch })
      : createAdaptorServer({ fetch: app.fetch, createServer: https.createServer, serverOptions: pem })
  ) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  let reload: NodeJS.Timeout | undefined;
  if (tls !== undefined && pem !== undefined) {
    let current = pem;
    let refused = '';
    let checking = false;
    const check = async (): Promise<void> => {
      const [cert, key] = await Promise.all([
        fs.readFile(tls.certFile, 'utf8'),
        fs.readFile(tls.keyFile, 'utf8'),
      ]);
      if (cert === current.cert && key === current.key) return;
      try {
        usablePair(cert, key);
      } catch (err) {
        // Logged once per pair; cert-manager writes both files, the next check usually sees them match.
        if (refused !== cert + key)
          logger.warn('tls: new certificate not usable yet; keeping the old one', { err });
        refused = cert + key;
        return;
      }
      (server as https.Server).setSecureContext({ cert, key });
      current = { cert, key };
      logger.info('tls: certificate reloaded', { certFile: tls.certFile });
    };
    reload = setInterval(() => {
      if (checking) return;
      checking = true;
      check()
        .catch((err: unknown) => logger.warn('tls: cannot read the certificate files', { err }))
        .finally(() => (checking = false));
    }, tls.reloadMs);
    reload.unref();
  }

  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    protocol: pem === undefined ? 'http' : 'https',
    close(graceMs: number): Promise<void> {
      clearInterval(reload);
      return new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

/**
 * Throws unless `cert` and `key` make a context that can serve: a certificate, its own private key. A file
 * read while it is being rewritten can be empty, and `createSecureContext` takes an empty certificate without
 * complaint (a context with no certificate, which fails every handshake).
 */
function usablePair(cert: string, key: string): void {
  const x509 = new X509Certificate(cert);
  if (!x509.checkPrivateKey(createPrivateKey(key)))
    throw new Error('the private key does not belong to the certificate');
  createSecureContext({ cert, key });
}
