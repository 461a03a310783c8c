// The OTLP logs decoder without a service: damaged protobuf bodies. The HTTP route, its answers and the stored
// rows: test/ingest/otlp.test.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeOtlpLogs } from '../../../src/ingest/otlp-decode.ts';
import { assertSurvivesMutations, unitContext } from '../../helpers/mutate.ts';
import { encode, kv, request, str } from '../../helpers/otlp-proto.ts';

const T0 = BigInt(Math.floor(Date.now() / 1000) - 3600);
const ns = (secOffset: number): bigint => (T0 + BigInt(secOffset)) * 1_000_000_000n;
const TRACE = '5b8efff798038103d269b633813fc60c';

describe('decoder robustness', () => {
  test('mutated and truncated protobuf bodies: an IngestError or a result, never another exception', () => {
    const ctx = unitContext();
    const good = encode(
      request([
        {
          timeUnixNano: String(ns(1)),
          body: {
            kvlistValue: { values: [kv('a', { arrayValue: { values: [str('x'), { doubleValue: 1.5 }] } })] },
          },
          attributes: [kv('n', { intValue: '-3' }), kv('b', { bytesValue: Uint8Array.from([9]) })],
          traceId: Buffer.from(TRACE, 'hex'),
        },
        { observedTimeUnixNano: String(ns(2)), body: str('two'), severityNumber: 5, flags: 1 },
      ]),
    );
    assert.equal(decodeOtlpLogs(Buffer.from(good), 'protobuf', ctx).rows.length, 2);
    assertSurvivesMutations(good, (b) => decodeOtlpLogs(b, 'protobuf', ctx), 7);
  });
});
