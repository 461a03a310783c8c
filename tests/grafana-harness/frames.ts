// What Grafana's server does with a backend plugin's frames before the browser sees them: each Arrow IPC
// file becomes data-frame JSON (`{ schema, data }`, grafana-plugin-sdk-go data/frame_json.go), times in
// epoch milliseconds.

import { Type, tableFromIPC } from 'apache-arrow';

export interface FieldJson {
  name: string;
  type: 'time' | 'number' | 'string' | 'boolean' | 'other';
  typeInfo: { frame: string; nullable?: boolean };
  labels?: Record<string, string>;
  config?: Record<string, unknown>;
}

export interface FrameJson {
  schema: { name?: string; refId?: string; meta?: Record<string, unknown>; fields: FieldJson[] };
  data: { values: unknown[][] };
}

function parsed(s: string | undefined): Record<string, unknown> | undefined {
  if (s === undefined || s === '') return undefined;
  const v: unknown = JSON.parse(s);
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}

export function arrowToFrameJson(bytes: Uint8Array): FrameJson {
  const table = tableFromIPC(bytes);
  const md = table.schema.metadata;
  const fields: FieldJson[] = [];
  const values: unknown[][] = [];
  table.schema.fields.forEach((f, i) => {
    const column = table.getChildAt(i);
    const n = column?.length ?? 0;
    const raw = Array.from({ length: n }, (_, j) => column?.get(j) as unknown);
    let type: FieldJson['type'];
    let frameType: string;
    let out: unknown[];
    switch (f.type.typeId) {
      case Type.Timestamp: {
        type = 'time';
        frameType = 'time.Time';
        // The raw int64s are nanoseconds (Grafana reads every Timestamp so).
        const data = column?.data ?? [];
        out = data.flatMap((d) =>
          [...(d.values as BigInt64Array)].map((v, j) => (d.getValid(j) ? Number(v / 1_000_000n) : null)),
        );
        break;
      }
      case Type.Int:
      case Type.Float:
        type = 'number';
        frameType = 'float64';
        out = raw.map((v) => (v === null || v === undefined ? null : Number(v)));
        break;
      case Type.Bool:
        type = 'boolean';
        frameType = 'bool';
        out = raw;
        break;
      case Type.Utf8:
        type = 'string';
        frameType = 'string';
        out = raw;
        break;
      default:
        // Binary: json.RawMessage in Go, an object in the browser.
        type = 'other';
        frameType = 'json.RawMessage';
        out = raw.map((v) =>
          v instanceof Uint8Array ? (JSON.parse(new TextDecoder().decode(v)) as unknown) : (v ?? null),
        );
    }
    const labels = parsed(f.metadata.get('labels')) as Record<string, string> | undefined;
    const config = parsed(f.metadata.get('config'));
    fields.push({
      name: f.metadata.get('name') ?? f.name,
      type,
      typeInfo: { frame: frameType, ...(f.nullable ? { nullable: true } : {}) },
      ...(labels ? { labels } : {}),
      ...(config ? { config } : {}),
    });
    values.push(out);
  });
  const meta = parsed(md.get('meta'));
  return {
    schema: {
      ...(md.get('name') ? { name: md.get('name') } : {}),
      ...(md.get('refId') ? { refId: md.get('refId') } : {}),
      ...(meta ? { meta } : {}),
      fields,
    },
    data: { values },
  };
}
