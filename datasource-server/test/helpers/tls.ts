// Test helper: self-signed certificates from openssl, and HTTPS requests that trust a given CA (or none).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';

export interface CertFiles {
  readonly cert: string;
  readonly key: string;
}

/** A self-signed P-256 certificate for localhost / 127.0.0.1, written as `<name>.crt` and `<name>.key` in `dir`. */
export function selfSigned(dir: string, name: string): CertFiles {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

export interface HttpsAnswer {
  readonly status: number;
  readonly body: string;
  /** SHA-256 fingerprint of the certificate the server presented. */
  readonly fingerprint: string;
}

/** One HTTPS request to 127.0.0.1:`port` trusting only `ca` (a PEM); rejects when the server is not trusted. */
export function httpsRequest(
  port: number,
  ca: string | undefined,
  method: string,
  urlPath: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port, method, path: urlPath, headers, ...(ca ? { ca } : {}), agent: false },
      (res) => {
        const fingerprint =
          res.socket && 'getPeerCertificate' in res.socket
            ? (res.socket as TLSSocket).getPeerCertificate().fingerprint256
            : '';
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, fingerprint }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const readPem = (file: string): string => fs.readFileSync(file, 'utf8');
