// ClickHouse SQL for the models some commands fit on their collected results (IR `collect`): k-means
// centroids (commands/kmeans.ts), the clusters of similar events (commands/cluster.ts). One expression
// each, folded over arrays: nothing is finished in Node.
//
// Lambda variables start with `__m` so that they never shadow a column the printed arguments read.

import type { Expr } from '../../ir/types.ts';
import type { FunctionPrinter } from './functions.ts';

/** The distance types of `kmeans dt=`, by their canonical name. */
export type Distance = 'sqeuclidean' | 'cityblock' | 'cosine';

function literal(e: Expr | undefined): string | number {
  if (e?.kind !== 'literal' || (typeof e.value !== 'string' && typeof e.value !== 'number'))
    throw new Error('expected a literal argument');
  return e.value;
}

function distanceOf(e: Expr | undefined): Distance {
  const d = literal(e);
  if (d !== 'sqeuclidean' && d !== 'cityblock' && d !== 'cosine') throw new Error(`unknown distance ${d}`);
  return d;
}

/** The distance between two arrays of numbers. */
function distance(d: Distance, a: string, b: string): string {
  switch (d) {
    case 'sqeuclidean':
      return `L2SquaredDistance(${a}, ${b})`;
    case 'cityblock':
      return `L1Distance(${a}, ${b})`;
    case 'cosine':
      // A point of all zeros has no direction: at distance 1 from everything.
      return `ifNotFinite(cosineDistance(${a}, ${b}), 1)`;
  }
}

/** `body` with `name` bound to the value of `value` (computed once). */
const bind = (name: string, value: string, body: string): string =>
  `arrayMap(${name} -> ${body}, [${value}])[1]`;

/** The 1-based position of the centroid of `centroids` nearest to `point` (the first of equals). */
function nearest(d: Distance, centroids: string, point: string): string {
  return bind(
    '__mds',
    `arrayMap(__mc -> ${distance(d, point, '__mc')}, ${centroids})`,
    'indexOf(__mds, arrayMin(__mds))',
  );
}

const centroidsType = 'Array(Array(Float64))';

/**
 * K-means (Lloyd's algorithm) over the points, sorted so that the result does not depend on their order:
 * the first centroid is the smallest point, each next one the point farthest from the centroids so far
 * (the first of equals), at most as many as there are distinct points. Then at most `iterations` rounds of
 * assigning each point to its nearest centroid and moving each centroid to the mean of its points (a
 * centroid without points stays), until no centroid moves more than `tolerance`. The centroids come out
 * sorted by their coordinates, which numbers the clusters.
 */
function kmeansCentroids(
  points: string,
  k: number,
  iterations: number,
  tolerance: string,
  d: Distance,
): string {
  // A point already chosen is never chosen again (with the cosine distance, a point of all zeros is as far
  // from itself as from anything).
  const spread = `arrayMap(__mp -> if(has(__mC, __mp), -1, arrayMin(arrayMap(__mc -> ${distance(d, '__mp', '__mc')}, __mC))), __mS)`;
  const farthest = bind('__mf', spread, '__mS[indexOf(__mf, arrayMax(__mf))]');
  const count = `least(${k}, length(arrayDistinct(__mS)))`;
  // Centroids are kept sorted, so that a point at equal distance from two goes to the same one in every
  // round and in the final assignment (the first of equals).
  const init = `arraySort(arrayFold((__mC, __mi) -> arrayPushBack(__mC, ${farthest}), range(toUInt64(${count} - 1)), CAST([__mS[1]] AS ${centroidsType})))`;
  const assigned = `arrayMap(__mp -> ${nearest(d, '__mC', '__mp')}, __mS)`;
  const mean = bind(
    '__mm',
    'arrayFilter((__mp, __ma) -> __ma = __mj, __mS, __mA)',
    "if(empty(__mm), __mC[__mj], arrayMap(__mx -> __mx / length(__mm), arrayReduce('sumForEach', __mm)))",
  );
  const moved = bind('__mA', assigned, `arraySort(arrayMap(__mj -> ${mean}, range(1, length(__mC) + 1)))`);
  const step = bind(
    '__mN',
    moved,
    `(__mN, arrayMax(arrayMap((__ma, __mb) -> ${distance(d, '__ma', '__mb')}, __mC, __mN)) <= ${tolerance})`,
  );
  const stateType = `Tuple(${centroidsType}, Bool)`;
  const rounds = `arrayFold((__ms, __mi) -> if(__ms.2, __ms, CAST(${bind('__mC', '__ms.1', step)} AS ${stateType})), range(${iterations}), CAST((${init}, false) AS ${stateType}))`;
  return bind('__mS', `arraySort(${points})`, `${rounds}.1`);
}

/** How `cluster` compares events: their terms in order, as sets, or their sets of 3-character substrings. */
export type TermMatch = 'termlist' | 'termset' | 'ngramset';

function matchOf(e: Expr | undefined): TermMatch {
  const m = literal(e);
  if (m !== 'termlist' && m !== 'termset' && m !== 'ngramset') throw new Error(`unknown match ${m}`);
  return m;
}

/**
 * The similarity of two events' terms, from 0 to 1 (1 for equal terms, and for two events without any):
 * `termlist` the share of positions holding the same term (of the longer list), the sets the share of
 * their union they have in common. Terms are hashes, with their position for `termlist` (so that the terms
 * in the same place are the list's common elements): one intersection, no lambda per term.
 */
function similarity(m: TermMatch, a: string, b: string): string {
  const common = `length(arrayIntersect(${a}, ${b}))`;
  const share =
    m === 'termlist'
      ? `${common} / greatest(length(${a}), length(${b}))`
      : `${common} / (length(${a}) + length(${b}) - ${common})`;
  return `if(empty(${a}) AND empty(${b}), 1, ${share})`;
}

const eventType = 'Tuple(Float64, Array(UInt64))';

/** The most similar start (1-based, the first of equals) of `starts` for the terms `terms`, and its similarity. */
function bestStart(m: TermMatch, starts: string, terms: string): { index: string; value: string } {
  const sims = `arrayMap(__mr -> ${similarity(m, terms, '__mr.2')}, ${starts})`;
  return { index: bind('__mv', sims, 'indexOf(__mv, arrayMax(__mv))'), value: `arrayMax(${sims})` };
}

/** The literal JSON list of a saved model's values (plan/density.ts). */
function listOf(e: Expr | undefined): unknown[] {
  const v: unknown = JSON.parse(String(literal(e)));
  if (!Array.isArray(v)) throw new Error('expected a JSON list');
  return v;
}

export const modelPrinters = {
  // The key's position among the model's group keys (bound as one array parameter), 0 when absent.
  model_index: (e, [key = 'NULL'], { params }) => {
    const keys = listOf(e.args[1]).map(String);
    return `if(isNull(${key}), 0, indexOf(${params.bind(keys, 'Array(String)')}, assumeNotNull(${key})))`;
  },
  // The value at a 1-based position of a literal list (a saved model's values, `makeresults data=` cells):
  // text, numbers or lists of text, each possibly null.
  model_value: (e, [position = '0'], { params }) => {
    const values = listOf(e.args[1]);
    const nullable = values.includes(null);
    const type = literal(e.args[2]);
    const list =
      type === 'mv'
        ? params.bind(
            values.map((v) => (v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)])),
            'Array(Array(String))',
          )
        : type === 'string'
          ? params.bind(
              values.map((v) => (v === null ? null : String(v))),
              nullable ? 'Array(Nullable(String))' : 'Array(String)',
            )
          : params.bind(
              values.map((v) => (v === null ? null : Number(v))),
              nullable ? 'Array(Nullable(Float64))' : 'Array(Float64)',
            );
    // Position 0 (no row): NULL, or no values for a list (an array cannot be NULL).
    const at = `arrayElement(${list}, toUInt64(${position}))`;
    return type === 'mv' ? at : `if(${position} = 0, NULL, ${at})`;
  },
  float_array: (_e, args) => `[${args.map((a) => `toFloat64(ifNull(${a}, nan))`).join(', ')}]`,
  kmeans_centroids: (e, [points = '[]'], { params }) =>
    kmeansCentroids(
      points,
      Math.trunc(Number(literal(e.args[1]))),
      Math.trunc(Number(literal(e.args[2]))),
      params.float(Number(literal(e.args[3]))),
      distanceOf(e.args[4]),
    ),
  kmeans_nearest: (e, [centroids = '[]', point = '[]']) => nearest(distanceOf(e.args[2]), centroids, point),
  kmeans_centroid: (e, [centroids = '[]', n = '1']) =>
    `arrayElement(arrayElement(${centroids}, toUInt64(${n})), ${Math.trunc(Number(literal(e.args[2])))})`,
  cluster_terms: (e, [text = "''"], { params }) => {
    const m = matchOf(e.args[1]);
    if (m === 'ngramset') {
      const t = `ifNull(${text}, '')`;
      return `arrayDistinct(arrayMap(__mi -> cityHash64(substringUTF8(${t}, __mi, 3)), range(1, greatest(toInt64(lengthUTF8(${t})) - 1, 2))))`;
    }
    const delims = String(literal(e.args[2]));
    const pattern = delims === '' ? '[^0-9A-Za-z]+' : `[${delims.replace(/[\\\][^-]/g, '\\$&')}]+`;
    const split = `arrayFilter(__mt -> __mt != '', splitByRegexp(${params.string(pattern)}, ifNull(${text}, '')))`;
    // Terms compared by their 64-bit hashes; in a list, each with its position.
    return m === 'termset'
      ? `arrayDistinct(arrayMap(__mt -> cityHash64(__mt), ${split}))`
      : bind('__mw', split, 'arrayMap((__mt, __mi) -> cityHash64(__mi, __mt), __mw, arrayEnumerate(__mw))');
  },
  cluster_event: (_e, [position = '0', terms = '[]']) =>
    `CAST((toFloat64(${position}), ${terms}) AS ${eventType})`,
  cluster_reps: (e, [events = '[]'], { params }) => {
    const m = matchOf(e.args[2]);
    const t = params.float(Number(literal(e.args[1])));
    const best = bestStart(m, '__mR', '__me.2');
    return `arrayFold((__mR, __me) -> if(empty(__mR) OR ${best.value} < ${t}, arrayPushBack(__mR, __me), __mR), arraySort(__mx -> __mx.1, ${events}), CAST([] AS Array(${eventType})))`;
  },
  cluster_label: (e, [starts = '[]', position = '0', terms = '[]']) => {
    const m = matchOf(e.args[3]);
    const before = `arrayFilter(__mr -> __mr.1 <= ${position}, ${starts})`;
    return bestStart(m, before, terms).index;
  },
} satisfies Record<string, FunctionPrinter>;
