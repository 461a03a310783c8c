// `nexus tokens list|create|revoke`: service-token management through a running nexus-api's admin API
// (so it works the same against the embedded default and a server deployment).

import type { Writable } from 'node:stream';
import { adminApi } from './admin-api.ts';

export const tokensUsage = `usage:
  nexus tokens list [--org ORG|*] [--json]
  nexus tokens create --name NAME --role viewer|editor|admin|ingest [--index INDEX]... [--org ORG]
                      [--default-index INDEX] [--default-sourcetype ST] [--ack] [--expires-in-days N] [--json]
  nexus tokens revoke ID

Options:
  --url        the nexus-api to talk to (default: $NEXUS_URL, else http://127.0.0.1:8080)
  --token      an admin token (default: $NEXUS_TOKEN)
  --org        another organisation (operator admins only; \`*\` lists every organisation)
  --index      limit the token to this index (repeat for several); default: every index of the org
  --default-index       the index of events that name none (one of --index when given); default: the
                        first --index, else main
  --default-sourcetype  the sourcetype of events that name none; default: the protocol's (httpevent, vector)
  --ack                 HEC indexer acknowledgement: senders need a channel, answers carry an ackId to
                        confirm at /services/collector/ack
`;

interface TokenRow {
  id: string;
  orgId: string;
  name: string;
  role: string;
  indexes: string[];
  defaultIndex: string | null;
  defaultSourcetype: string | null;
  ack: boolean;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

class TokensUsageError extends Error {}

interface Parsed {
  url: string;
  token: string;
  json: boolean;
  org?: string;
  name?: string;
  role?: string;
  indexes: string[];
  defaultIndex?: string;
  defaultSourcetype?: string;
  ack: boolean;
  expiresInDays?: number;
  positional: string[];
}

function parse(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Parsed {
  const p: Parsed = {
    url: env['NEXUS_URL'] ?? 'http://127.0.0.1:8080',
    token: env['NEXUS_TOKEN'] ?? '',
    json: false,
    indexes: [],
    ack: false,
    positional: [],
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new TokensUsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--url') p.url = value();
    else if (a === '--token') p.token = value();
    else if (a === '--json') p.json = true;
    else if (a === '--org') p.org = value();
    else if (a === '--name') p.name = value();
    else if (a === '--role') p.role = value();
    else if (a === '--index') p.indexes.push(value());
    else if (a === '--default-index') p.defaultIndex = value();
    else if (a === '--default-sourcetype') p.defaultSourcetype = value();
    else if (a === '--ack') p.ack = true;
    else if (a === '--expires-in-days') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new TokensUsageError('--expires-in-days takes a whole number of days');
      p.expiresInDays = Number(v);
    } else if (a.startsWith('--')) throw new TokensUsageError(`unknown option ${a}`);
    else p.positional.push(a);
  }
  if (p.token === '') throw new TokensUsageError('an admin token is needed: --token or NEXUS_TOKEN');
  return p;
}

/** `index=web sourcetype=nginx`, or `-` when the token has neither. */
function defaults(t: TokenRow): string {
  const parts = [
    ...(t.defaultIndex === null ? [] : [`index=${t.defaultIndex}`]),
    ...(t.defaultSourcetype === null ? [] : [`sourcetype=${t.defaultSourcetype}`]),
  ];
  return parts.length === 0 ? '-' : parts.join(' ');
}

function table(rows: TokenRow[]): string {
  const header = ['ID', 'ORG', 'NAME', 'ROLE', 'INDEXES', 'DEFAULTS', 'ACK', 'CREATED', 'LAST USED', 'STATE'];
  const cells = rows.map((t) => [
    t.id,
    t.orgId,
    t.name,
    t.role,
    t.indexes.length === 0 ? '*' : t.indexes.join(','),
    defaults(t),
    t.ack ? 'on' : 'off',
    t.createdAt.slice(0, 19),
    t.lastUsedAt?.slice(0, 19) ?? '-',
    t.revoked
      ? 'revoked'
      : t.expiresAt !== null && Date.parse(t.expiresAt) < Date.now()
        ? 'expired'
        : 'active',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  return (
    [header, ...cells]
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** Runs `nexus tokens …`; returns the exit code (0 ok, 1 refused by the service, 2 usage). */
export async function tokensCommand(
  args: readonly string[],
  io: { stdout: Writable; stderr: Writable },
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const [verb, ...rest] = args;
  let p: Parsed;
  try {
    if (verb !== 'list' && verb !== 'create' && verb !== 'revoke')
      throw new TokensUsageError('list, create or revoke?');
    p = parse(rest, env);
    if (verb === 'revoke' && p.positional.length !== 1)
      throw new TokensUsageError('revoke takes one token ID');
    if (verb === 'create' && (p.name === undefined || p.role === undefined)) {
      throw new TokensUsageError('create needs --name and --role');
    }
  } catch (err) {
    if (!(err instanceof TokensUsageError)) throw err;
    io.stderr.write(`nexus: ${err.message}\n${tokensUsage}`);
    return 2;
  }
  const base = p.url.replace(/\/+$/, '');
  const request = adminApi(base, p.token);
  let r: { status: number; json: unknown };
  try {
    if (verb === 'list') {
      r = await request(
        'GET',
        `/admin/tokens${p.org === undefined ? '' : `?org=${encodeURIComponent(p.org)}`}`,
      );
    } else if (verb === 'create') {
      r = await request('POST', '/admin/tokens', {
        name: p.name,
        role: p.role,
        ...(p.indexes.length > 0 ? { indexes: p.indexes } : {}),
        ...(p.defaultIndex === undefined ? {} : { defaultIndex: p.defaultIndex }),
        ...(p.defaultSourcetype === undefined ? {} : { defaultSourcetype: p.defaultSourcetype }),
        ...(p.ack ? { ack: true } : {}),
        ...(p.org === undefined ? {} : { org: p.org }),
        ...(p.expiresInDays === undefined ? {} : { expiresInDays: p.expiresInDays }),
      });
    } else {
      r = await request('DELETE', `/admin/tokens/${encodeURIComponent(p.positional[0] ?? '')}`);
    }
  } catch (err) {
    io.stderr.write(`nexus: cannot reach ${base}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  if (r.status >= 400) {
    const e = (r.json as { error?: { message?: string } }).error;
    io.stderr.write(`nexus: ${r.status}: ${e?.message ?? 'refused'}\n`);
    return 1;
  }
  if (verb === 'revoke') {
    io.stdout.write(`revoked ${p.positional[0] ?? ''}\n`);
  } else if (p.json) {
    io.stdout.write(`${JSON.stringify(r.json, null, 2)}\n`);
  } else if (verb === 'list') {
    io.stdout.write(table((r.json as { tokens: TokenRow[] }).tokens));
  } else {
    const t = r.json as TokenRow & { token: string };
    io.stdout.write(
      `${t.token}\n\nCreated token ${t.id} (${t.role}) for org ${t.orgId}. It is shown only this once: store it now.\n` +
        (t.ack
          ? 'HEC indexer acknowledgement is on: send a channel (X-Splunk-Request-Channel) and confirm ackIds at /services/collector/ack.\n'
          : ''),
    );
  }
  return 0;
}
