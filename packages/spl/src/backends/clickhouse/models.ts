// ClickHouse SQL for the models some commands fit on their collected results (IR `collect`): k-means
// centroids (commands/kmeans.ts). One expression each, folded over arrays: nothing is finished in Node.
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
      return `cosineDistance(${a}, ${b})`;
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
  const spread = `arrayMap(__mp -> arrayMin(arrayMap(__mc -> ${distance(d, '__mp', '__mc')}, __mC)), __mS)`;
  const farthest = bind('__mf', spread, '__mS[indexOf(__mf, arrayMax(__mf))]');
  const count = `least(${k}, length(arrayDistinct(__mS)))`;
  const init = `arrayFold((__mC, __mi) -> arrayPushBack(__mC, ${farthest}), range(toUInt64(${count} - 1)), CAST([__mS[1]] AS ${centroidsType}))`;
  const assigned = `arrayMap(__mp -> ${nearest(d, '__mC', '__mp')}, __mS)`;
  const mean = bind(
    '__mm',
    'arrayFilter((__mp, __ma) -> __ma = __mj, __mS, __mA)',
    "if(empty(__mm), __mC[__mj], arrayMap(__mx -> __mx / length(__mm), arrayReduce('sumForEach', __mm)))",
  );
  const moved = bind('__mA', assigned, `arrayMap(__mj -> ${mean}, range(1, length(__mC) + 1))`);
  const step = bind(
    '__mN',
    moved,
    `(__mN, arrayMax(arrayMap((__ma, __mb) -> ${distance(d, '__ma', '__mb')}, __mC, __mN)) <= ${tolerance})`,
  );
  const stateType = `Tuple(${centroidsType}, Bool)`;
  const rounds = `arrayFold((__ms, __mi) -> if(__ms.2, __ms, CAST(${bind('__mC', '__ms.1', step)} AS ${stateType})), range(${iterations}), CAST((${init}, false) AS ${stateType}))`;
  return bind('__mS', `arraySort(${points})`, `arraySort(${rounds}.1)`);
}

export const modelPrinters = {
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
} satisfies Record<string, FunctionPrinter>;
