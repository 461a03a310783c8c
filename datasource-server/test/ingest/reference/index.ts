// The decoders before the per-event fast paths, kept as the reference of the equivalence tests
// (test/ingest/*-fast.test.ts) and for bench/decode.ts's before/after figures.

export { decodeBulk } from './es-bulk-decode.ts';
export { decodeLokiJson, decodeLokiProto } from './loki-decode.ts';
export { decodeOtlpLogs } from './otlp-decode.ts';
export { decodeVectorEvents } from './vector-decode.ts';
