// Sizes libuv's thread pool before anything uses it: import this module first.
//
// Every chDB statement (chdb-node's queryAsync, inserts, streams) occupies one libuv pool thread until the
// engine answers, and the pool has 4 threads unless UV_THREADPOOL_SIZE says otherwise (Node reads it once,
// when the pool starts). With 4 query connections, the insert connection, the readiness probe and file
// system work sharing 4 threads, a fifth statement waited for a thread whatever the engine could do: a
// one-row search sat behind two slow ones, and /health/ready timed out. Room for every connection the store
// opens (query pool, insert, probe, control, lookups) plus the pool's own 4 for file system and crypto.
// It takes effect only if nothing started the pool before this module ran (a module loader such as tsx
// may): `npm start`, `npm run bench` and the Dockerfile therefore set UV_THREADPOOL_SIZE themselves.

const poolSize = Number(process.env['NEXUS_QUERY_POOL_SIZE'] ?? '8');
const wanted = (Number.isInteger(poolSize) && poolSize > 0 ? poolSize : 8) * 2 + 8;
const current = Number(process.env['UV_THREADPOOL_SIZE'] ?? '0');
if (!(current >= wanted)) process.env['UV_THREADPOOL_SIZE'] = String(Math.min(1024, wanted));

export const threadPoolSize = Number(process.env['UV_THREADPOOL_SIZE']);
