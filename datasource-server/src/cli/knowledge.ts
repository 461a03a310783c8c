// `nexus knowledge list|get|put|delete`: a tenant's knowledge-object files through a running nexus-api's admin API.

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';

export const knowledgeUsage = `usage:
  nexus knowledge list
  nexus knowledge get eventtypes|tags|props|transforms|datamodels
  nexus knowledge put eventtypes|tags|props|transforms|datamodels FILE   (a Splunk .conf file; - reads stdin)
  nexus knowledge delete eventtypes|tags|props|transforms|datamodels
  nexus knowledge put datamodel FILE.json   (Splunk's data model JSON, e.g. an app's default/data/models/*.json)
  nexus knowledge get|delete datamodel NAME

Options:
  --url        the nexus-api to talk to (default: $NEXUS_URL, else http://127.0.0.1:8080)
  --token      an admin token of the tenant (default: $NEXUS_TOKEN)
`;

const KINDS = ['eventtypes', 'tags', 'props', 'transforms', 'datamodels'];

interface Io {
  stdout: Writable;
  stderr: Writable;
  stdin?: NodeJS.ReadableStream;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `nexus knowledge …`; returns the exit code (0 ok, 1 refused or unreachable, 2 usage). */
export async function knowledgeCommand(
  args: readonly string[],
  io: Io,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  let url = env['NEXUS_URL'] ?? 'http://127.0.0.1:8080';
  let token = env['NEXUS_TOKEN'] ?? '';
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--url' || a === '--token') {
      const v = args[++i];
      if (v === undefined) return usage(io, `${a} needs a value`);
      if (a === '--url') url = v;
      else token = v;
    } else if (a.startsWith('--')) return usage(io, `unknown option ${a}`);
    else positional.push(a);
  }
  const [verb, kind, file] = positional;
  if (token === '') return usage(io, 'an admin token is needed: --token or NEXUS_TOKEN');
  if (verb !== 'list' && verb !== 'get' && verb !== 'put' && verb !== 'delete')
    return usage(io, 'list, get, put or delete?');
  const datamodel = kind === 'datamodel';
  if (verb !== 'list' && (kind === undefined || !(KINDS.includes(kind) || datamodel)))
    return usage(io, `name the file: ${KINDS.join(', ')}, or datamodel`);
  if (verb === 'put' && file === undefined) return usage(io, 'put needs a FILE (or - for stdin)');
  if (datamodel && verb !== 'put' && file === undefined)
    return usage(io, `${verb} datamodel needs the model's NAME`);
  let body: string | undefined;
  if (verb === 'put') {
    try {
      body = file === '-' ? await readAll(io.stdin ?? process.stdin) : await readFile(file ?? '', 'utf8');
    } catch (err) {
      io.stderr.write(
        `nexus: cannot read ${file ?? ''}: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      return 1;
    }
  }
  // A data model is filed under its `modelName` (else the file's name without `.json`).
  let name = file ?? '';
  if (datamodel && verb === 'put') {
    name = basename(name, '.json');
    try {
      const m = (JSON.parse(body ?? '') as { modelName?: unknown }).modelName;
      if (typeof m === 'string') name = m;
    } catch {
      // the service reports what is wrong with the JSON
    }
  }
  const label = datamodel ? `data model ${name}` : `${kind ?? ''}.conf`;
  const path =
    verb === 'list'
      ? '/admin/knowledge'
      : datamodel
        ? `/admin/knowledge/datamodels/${encodeURIComponent(name)}`
        : `/admin/knowledge/${kind ?? ''}`;
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/+$/, '')}${path}`, {
      method: verb === 'list' || verb === 'get' ? 'GET' : verb === 'put' ? 'PUT' : 'DELETE',
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'text/plain' }),
      },
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    io.stderr.write(`nexus: cannot reach ${url}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const text = await res.text();
  if (res.status >= 400) {
    const j = (text.startsWith('{') ? JSON.parse(text) : {}) as {
      error?: { message?: string };
      errors?: { line: number; message: string }[];
    };
    io.stderr.write(`nexus: ${res.status}: ${j.error?.message ?? text}\n`);
    for (const e of j.errors ?? [])
      io.stderr.write(`  ${datamodel ? name : `${kind ?? ''}.conf:${e.line}`}: ${e.message}\n`);
    return 1;
  }
  if (verb === 'get') io.stdout.write(text);
  else if (verb === 'list') {
    const listed = JSON.parse(text) as {
      files: Record<string, { bytes: number }>;
      datamodels?: Record<string, { bytes: number }>;
    };
    for (const k of KINDS)
      if (listed.files[k]) io.stdout.write(`${k}.conf\t${listed.files[k].bytes} bytes\n`);
    for (const [m, f] of Object.entries(listed.datamodels ?? {}))
      io.stdout.write(`datamodel ${m}\t${f.bytes} bytes\n`);
  } else io.stdout.write(`${verb === 'put' ? 'stored' : 'deleted'} ${label}\n`);
  return 0;
}

function usage(io: Io, message: string): number {
  io.stderr.write(`nexus: ${message}\n${knowledgeUsage}`);
  return 2;
}
