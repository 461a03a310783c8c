// Test helper: Prometheus remote-write v1 bodies, encoded with protobufjs from the .proto text below,
// independently of the service's own decoder.

import protobuf from 'protobufjs';
import { compressSync } from 'snappy';

// Field numbers as in prometheus/prometheus prompb/remote.proto and prompb/types.proto.
const REMOTE_PROTO = `
syntax = "proto3";
package prometheus;
message WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
message MetricMetadata { int32 type = 1; string metric_family_name = 2; string help = 4; }
message TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }
message Label { string name = 1; string value = 2; }
message Sample { double value = 1; int64 timestamp = 2; }
`;

/** The `prometheus.WriteRequest` message type, for bodies a test builds itself (metadata only, …). */
export const WriteRequest = protobuf.parse(REMOTE_PROTO).root.lookupType('prometheus.WriteRequest');

export interface Series {
  labels: Record<string, string>;
  /** `[timestamp ms, value]` pairs. */
  samples: [number, number][];
}

/** Headers of a remote-write request, as Prometheus sends them. */
export const RW = { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy' };

/**
 * A remote-write body: the snappy block of a `WriteRequest` holding `series`.
 *
 * @example remoteWrite([{ labels: { __name__: 'up', job: 'a' }, samples: [[Date.now(), 1]] }])
 */
export function remoteWrite(series: readonly Series[]): Buffer {
  const msg = WriteRequest.fromObject({
    timeseries: series.map((s) => ({
      labels: Object.entries(s.labels).map(([name, value]) => ({ name, value })),
      samples: s.samples.map(([timestamp, value]) => ({ timestamp, value })),
    })),
  });
  return compressSync(Buffer.from(WriteRequest.encode(msg).finish()));
}
