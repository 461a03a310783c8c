// Encodes a frame as Grafana reads it: one Arrow IPC *file* (ARROW1) with Grafana's schema and field metadata.

import {
  Binary,
  Bool,
  Field as ArrowField,
  Float64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampNanosecond,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import type { DataType, Vector } from 'apache-arrow';
import type { Field, Frame } from './frame.ts';

/** `tstype` is the TypeScript field type Grafana's Go SDK writes next to each Arrow field. */
const tstypes: Record<Field['type'], string> = {
  time: 'time',
  number: 'number',
  string: 'string',
  boolean: 'boolean',
  json: 'other',
};

/** Arrow's validity bitmap: bit i set when value i is present. */
function validity(values: readonly unknown[]): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nulls++;
    else bitmap[i >> 3] = (bitmap[i >> 3] ?? 0) | (1 << (i & 7));
  });
  return { bitmap, nulls };
}

function vectorOf(field: Field): Vector<DataType> {
  switch (field.type) {
    case 'time': {
      const { bitmap, nulls } = validity(field.values);
      const data = BigInt64Array.from(field.values, (v) => v ?? 0n);
      return makeVector(
        makeData({
          type: new TimestampNanosecond(),
          length: data.length,
          nullCount: nulls,
          nullBitmap: bitmap,
          data,
        }),
      );
    }
    case 'number': {
      const { bitmap, nulls } = validity(field.values);
      const data = Float64Array.from(field.values, (v) => v ?? 0);
      return makeVector(
        makeData({ type: new Float64(), length: data.length, nullCount: nulls, nullBitmap: bitmap, data }),
      );
    }
    case 'string':
      return vectorFromArray([...field.values], new Utf8());
    case 'boolean':
      return vectorFromArray([...field.values], new Bool());
    case 'json': {
      const encoder = new TextEncoder();
      const { bitmap, nulls } = validity(field.values);
      const parts = field.values.map((v) =>
        v === null || v === undefined ? new Uint8Array(0) : encoder.encode(JSON.stringify(v)),
      );
      const valueOffsets = new Int32Array(parts.length + 1);
      let end = 0;
      parts.forEach((p, i) => (valueOffsets[i + 1] = end += p.length));
      const data = new Uint8Array(end);
      parts.forEach((p, i) => data.set(p, valueOffsets[i] ?? 0));
      return makeVector(
        makeData({
          type: new Binary(),
          length: parts.length,
          nullCount: nulls,
          nullBitmap: bitmap,
          valueOffsets,
          data,
        }),
      );
    }
  }
}

/**
 * The bytes of one `DataResponse.frames` entry.
 * @example encodeFrame({ name: 'A', refId: 'A', meta: { type: 'table' }, fields: [...] }) // starts with "ARROW1"
 */
export function encodeFrame(frame: Frame): Uint8Array {
  const length = frame.fields[0]?.values.length ?? 0;
  for (const f of frame.fields) {
    if (f.values.length !== length)
      throw new Error(`field ${f.name} has ${f.values.length} values, not ${length}`);
  }
  const vectors = frame.fields.map(vectorOf);
  const fields = frame.fields.map((f, i) => {
    const vector = vectors[i];
    if (!vector) throw new Error('unreachable: one vector per field');
    const md = new Map<string, string>([
      ['name', f.name],
      ['tstype', tstypes[f.type]],
    ]);
    if (f.labels) md.set('labels', JSON.stringify(f.labels));
    if (f.config) md.set('config', JSON.stringify(f.config));
    return new ArrowField(f.name, vector.type, true, md);
  });
  const schema = new Schema(
    fields,
    new Map([
      ['name', frame.name],
      ['refId', frame.refId],
      ['meta', JSON.stringify(frame.meta)],
    ]),
  );
  // Built by position. Field names must be unique: the Arrow JS reader keys struct children by name.
  const children = vectors.map((v) => v.data[0] ?? makeData({ type: v.type, length: 0 }));
  const batch = new RecordBatch(
    schema,
    makeData({ type: new Struct(fields), length, nullCount: 0, children }),
  );
  return tableToIPC(new Table([batch]), 'file');
}
