// The ingestion module's public surface: routes, batcher and decoders.

export { hecRoutes } from './hec.ts';
export type { HecRoutesDeps } from './hec.ts';
export { elasticsearchRoutes } from './elasticsearch.ts';
export type { ElasticsearchRoutesDeps } from './elasticsearch.ts';
export { vectorRoutes } from './vector.ts';
export { lokiRoutes } from './loki.ts';
export { otlpRoutes } from './otlp.ts';
export type { VectorRoutesDeps } from './vector.ts';
export { Batcher, OverloadedError, InsertFailedError, BatcherClosedError } from './batcher.ts';
export type { BatcherOptions, BatcherStats } from './batcher.ts';
export { decodeHecEvents, decodeHecRaw, splitJsonObjects } from './hec-decode.ts';
export { decodeVectorEvents } from './vector-decode.ts';
export { decodeBulk } from './es-bulk-decode.ts';
export { extractKeyValues } from './fields.ts';
