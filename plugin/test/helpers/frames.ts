// Test helper: decodes a DataResponse frame as Grafana does (Arrow IPC file) into plain values to assert on.

import assert from 'node:assert/strict';
import { RecordBatchReader, Type, tableFromIPC } from 'apache-arrow';

export interface DecodedField {
  readonly name: string;
  /** Arrow type name: `Timestamp<NANOSECOND>`, `Float64`, `Utf8`, `Binary`, `Bool`. */
  readonly arrowType: string;
  readonly metadata: Record<string, string>;
  readonly labels: Record<string, string> | undefined;
  readonly values: unknown[];
}

export interface DecodedFrame {
  readonly name: string | undefined;
  readonly refId: string | undefined;
  readonly meta: Record<string, unknown>;
  readonly schemaKeys: string[];
  readonly fields: DecodedField[];
}

/** Accepted by Grafana's Go decoder (grafana-plugin-sdk-go data/arrow.go). */
const accepted = new Set([Type.Utf8, Type.Int, Type.Float, Type.Bool, Type.Timestamp, Type.Binary]);

/** Decodes one frame; fails unless it is the Arrow *file* format with Grafana's metadata. */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  const magic = new TextDecoder().decode(bytes.subarray(0, 6));
  assert.equal(magic, 'ARROW1', 'a frame starts with the Arrow file magic');
  assert.equal(new TextDecoder().decode(bytes.subarray(bytes.length - 6)), 'ARROW1', 'and ends with it');
  const reader = RecordBatchReader.from(bytes);
  assert.ok(reader.isFile(), 'the apache-arrow reader sees the file format');
  const table = tableFromIPC(bytes);
  const md = table.schema.metadata;
  const fields = table.schema.fields.map((f, i) => {
    assert.ok(
      accepted.has(f.type.typeId),
      `field ${f.name}: Arrow type ${String(f.type)} is one Grafana accepts`,
    );
    const column = table.getChildAt(i);
    const data = column?.data ?? [];
    let values: unknown[];
    if (f.type.typeId === Type.Timestamp) {
      // The raw int64s: Grafana reads them as nanoseconds.
      values = data.flatMap((d) =>
        [...(d.values as BigInt64Array)].map((v, j) => (d.getValid(j) ? v : null)),
      );
    } else if (f.type.typeId === Type.Binary) {
      values = (column?.toArray() as (Uint8Array | null)[]).map((v) =>
        v === null ? null : (JSON.parse(new TextDecoder().decode(v)) as unknown),
      );
    } else {
      // `get` honours the validity bitmap (`toArray` of a Float64 column reads nulls as 0).
      values = Array.from({ length: column?.length ?? 0 }, (_, j) => column?.get(j) as unknown);
    }
    const metadata = Object.fromEntries(f.metadata);
    return {
      name: f.name,
      arrowType: String(f.type),
      metadata,
      labels: metadata['labels'] ? (JSON.parse(metadata['labels']) as Record<string, string>) : undefined,
      values,
    };
  });
  const lengths = new Set(fields.map((f) => f.values.length));
  assert.ok(lengths.size <= 1, 'all fields of a frame have equal length');
  return {
    name: md.get('name'),
    refId: md.get('refId'),
    meta: JSON.parse(md.get('meta') ?? '{}') as Record<string, unknown>,
    schemaKeys: [...md.keys()].sort(),
    fields,
  };
}
