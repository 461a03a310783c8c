// Decodes a Prometheus remote-write v1 body (`prometheus.WriteRequest`, after snappy) into metric samples.
//
// Field numbers are Prometheus' own, checked against prometheus/prometheus `prompb/remote.proto`
// (WriteRequest: timeseries = 1, 2 reserved, metadata = 3) and `prompb/types.proto` (TimeSeries: labels = 1,
// samples = 2, exemplars = 3, histograms = 4; Label: name = 1, value = 2; Sample: value = 1 (double),
// timestamp = 2 (int64, ms)), read at commit 01f1cf9a47f0036520557abca0364e1b9e0b28ad.
// Metadata, exemplars and native histograms are skipped: only float samples are stored.

import type { MetricRow } from '../store/types.ts';
import { HEC, IngestError } from './errors.ts';
import { pushSample, seriesHead } from './metric-samples.ts';
import type { IngestContext } from './normalise.ts';
import { ProtoError, ProtoReader, WIRE } from './protobuf.ts';

function label(r: ProtoReader): [string, string] {
  let name = '';
  let value = '';
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.bytes, 'Label.name')) name = r.string();
    else if (f.field === 2 && r.expect(f, WIRE.bytes, 'Label.value')) value = r.string();
    else r.skip(f);
  }
  return [name, value];
}

function sample(r: ProtoReader): { value: number; timestamp: bigint } {
  let value = 0;
  let timestamp = 0n;
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.fixed64, 'Sample.value')) value = r.double();
    else if (f.field === 2 && r.expect(f, WIRE.varint, 'Sample.timestamp')) timestamp = r.int64();
    else r.skip(f);
  }
  return { value, timestamp };
}

function timeSeries(r: ProtoReader, ctx: IngestContext, n: number, out: MetricRow[]): void {
  const labels: [string, string][] = [];
  const samples: { value: number; timestamp: bigint }[] = [];
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.bytes, 'TimeSeries.labels')) labels.push(label(r.message()));
    else if (f.field === 2 && r.expect(f, WIRE.bytes, 'TimeSeries.samples'))
      samples.push(sample(r.message()));
    else r.skip(f);
  }
  if (samples.length === 0) return; // a series of histograms or exemplars only
  const where = `timeseries ${n}`;
  const head = seriesHead(labels, ctx, where);
  for (const s of samples) pushSample(out, ctx, head, Number(s.timestamp), s.value, where);
}

/**
 * The samples of a `WriteRequest`. A request with no float sample (metadata only, as Prometheus sends
 * periodically) gives none, and is answered 204 without writing. Throws IngestError 400 for a malformed message.
 *
 * @example decodeRemoteWrite(await snappyBlock(body, max), ctx) // => [{ metric_name: 'up', … }]
 */
export function decodeRemoteWrite(body: Uint8Array, ctx: IngestContext): MetricRow[] {
  const out: MetricRow[] = [];
  try {
    const r = new ProtoReader(body);
    let n = 0;
    while (!r.done()) {
      const f = r.next();
      if (f.field === 1 && r.expect(f, WIRE.bytes, 'WriteRequest.timeseries'))
        timeSeries(r.message(), ctx, n++, out);
      else r.skip(f);
    }
  } catch (err) {
    if (err instanceof ProtoError) {
      throw new IngestError(400, HEC.invalidFormat, `cannot decode the remote-write body: ${err.message}`);
    }
    throw err;
  }
  return out;
}
