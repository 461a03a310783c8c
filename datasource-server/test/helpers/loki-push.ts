// Test helper: Loki's push request in protobuf, as Promtail and the Loki clients send it.

import protobuf from 'protobufjs';

// Field numbers as in grafana/loki pkg/push/push.proto (google.protobuf.Timestamp inlined).
const PUSH_PROTO = `
syntax = "proto3";
package logproto;
message Timestamp { int64 seconds = 1; int32 nanos = 2; }
message PushRequest { repeated StreamAdapter streams = 1; string format = 2; }
message StreamAdapter { string labels = 1; repeated EntryAdapter entries = 2; uint64 hash = 3; }
message LabelPairAdapter { string name = 1; string value = 2; }
message EntryAdapter {
  Timestamp timestamp = 1;
  string line = 2;
  repeated LabelPairAdapter structuredMetadata = 3;
  repeated LabelPairAdapter parsed = 4;
}
`;
export const PushRequest = protobuf.parse(PUSH_PROTO).root.lookupType('logproto.PushRequest');

export interface EntrySpec {
  ns?: bigint;
  line: string;
  meta?: Record<string, string>;
}

export function encodePush(streams: { labels: string; entries: EntrySpec[] }[]): Uint8Array {
  const msg = PushRequest.fromObject({
    format: 'loki', // field 2: not read, skipped
    streams: streams.map((s) => ({
      labels: s.labels,
      hash: '12345',
      entries: s.entries.map((e) => ({
        ...(e.ns === undefined
          ? {}
          : { timestamp: { seconds: String(e.ns / 1_000_000_000n), nanos: Number(e.ns % 1_000_000_000n) } }),
        line: e.line,
        structuredMetadata: Object.entries(e.meta ?? {}).map(([name, value]) => ({ name, value })),
        parsed: [{ name: 'ignored', value: 'by the push path' }], // field 4: skipped
      })),
    })),
  });
  return PushRequest.encode(msg).finish();
}
