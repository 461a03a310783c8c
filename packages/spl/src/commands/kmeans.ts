// `kmeans`: partitions the results into k clusters of their numeric fields (Lloyd's algorithm), each result
// annotated with its cluster's number and centroid, the results of a cluster next to each other.
//
// One statement: the results' points are collected into one array (IR `collect`) and the centroids folded
// from it in SQL (`kmeans_centroids`, backends/clickhouse/models.ts); each result is joined to them and
// given the number of its nearest centroid.

import { bool, number, positive, str } from '../analyse/options.ts';
import type { CommandOption } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import { genericArgs, namedFields, truthy } from '../plan/helpers.ts';
import { modelRow, withModel, without } from '../plan/model.ts';
import { fieldList } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

/** The most results `kmeans` clusters: their points are held in memory together. */
export const kmeansMaxPoints = 50_000;

/** The most rounds `maxiters=` may ask for (each is an element of one array in the statement). */
const maxIterations = 100_000;

/** Splunk's `maxkvalue` (limits.conf [kmeans]): k must be below it. */
const maxK = 1000;

/** `dt=` spellings (the Search Reference's distance types), by the distance they name. */
const distances: Readonly<Record<string, 'sqeuclidean' | 'cityblock' | 'cosine'>> = {
  l2: 'sqeuclidean',
  l2norm: 'sqeuclidean',
  sq: 'sqeuclidean',
  sqeuclidean: 'sqeuclidean',
  l1: 'cityblock',
  l1norm: 'cityblock',
  cityblock: 'cityblock',
  cb: 'cityblock',
  cos: 'cosine',
  cosine: 'cosine',
};

/** Hidden columns: the result's position, the centroids, the points and their count. */
const position = '__kmeans_pos';
const centroids = '__kmeans_centroids';
const points = '__kmeans_points';
const count = '__kmeans_n';

/** The number of clusters of `k=`; undefined after a diagnostic at its value. */
function clusterCount(o: CommandOption | undefined, errors: Diagnostic[]): number | undefined {
  if (!o) return 2;
  const text = o.value.text;
  if (/^\d+-\d+$/.test(text)) {
    errors.push(
      diagnostic(
        'unsupported',
        '`kmeans` with a range of k (a summary of the clusters for each k) is not supported yet',
        o.value.span,
        ['give one number of clusters, for example `k=3`'],
      ),
    );
    return undefined;
  }
  const k = Number(text);
  if (!/^\d+$/.test(text) || k < 2 || k >= maxK) {
    errors.push(
      diagnostic(
        'semantic',
        `\`k\` must be a whole number from 2 to ${String(maxK - 1)}, or a range such as \`2-5\`, found \`${text}\``,
        o.value.span,
      ),
    );
    return undefined;
  }
  return k;
}

export const kmeans: CommandModule<'generic'> = {
  name: 'kmeans',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      k: str,
      reps: positive,
      maxiters: positive,
      t: number,
      cnumfield: str,
      cfield: str,
      dt: { type: 'enum', values: Object.keys(distances) },
      showcentroid: bool,
    },
  },
  doc: {
    summary:
      'Partitions the results into k clusters of their numeric fields: each result gets its cluster’s number (`CLUSTERNUM`) and centroid (`centroid_<field>`), the results of a cluster next to each other.',
    syntax:
      'kmeans [k=<int>] [reps=<int>] [maxiters=<int>] [t=<num>] [cnumfield=<field>] [dt=sqeuclidean|cityblock|cosine] [showcentroid=<bool>] [<field>…]',
    example: 'index=main | kmeans k=3 bytes duration',
    differences: [
      'The starting centroids are not random: the smallest point, then each time the point farthest from those chosen, so the same results always give the same clusters. Splunk starts `reps` times from random centroids and keeps the best run, so it can find another partition, and numbers the clusters in another order; `reps` is accepted and not used.',
      'Clusters are numbered from 1 in the order of their centroids’ coordinates; within a cluster the results keep their order.',
      'Centroids are the mean of their points for every distance type; a run stops when no centroid moves more than `t` (by the chosen distance), or after `maxiters` rounds (at most 100,000). With `dt=cosine` a point of all zeros is at distance 1 from every centroid.',
      '`k` as a range (`k=2-5`, a summary of the clusters for each k) is not supported yet.',
      `At most ${kmeansMaxPoints.toLocaleString('en-US')} results are clustered (the search stops with an error beyond); results without a numeric value of every field are left out, as Splunk skips them.`,
      'Without a field list it needs the fields to be known (after `stats`, `chart`, `eval`) and uses those known to hold numbers (computed ones, such as statistics), not fields whose text may be a number.',
    ],
  },
  lower(c, s, ctx) {
    const patterns = fieldList(c, ctx.errors, true);
    if (!patterns) return s;
    const { options } = genericArgs(c);
    const option = (name: string): CommandOption | undefined =>
      options.findLast((o) => o.key.name.toLowerCase() === name);
    const k = clusterCount(option('k'), ctx.errors);
    if (k === undefined) return s;
    const before = ctx.errors.length;
    const listed = namedFields(
      c.name,
      patterns,
      s,
      ctx.errors,
      'list the numeric fields, for example `kmeans k=3 bytes duration`',
    );
    if (!listed || ctx.errors.length > before) return s;
    // Without a list: the fields known to hold numbers.
    const names = patterns.length > 0 ? listed : listed.filter((n) => s.scope.resolve(n).type === 'number');
    if (names.length === 0) {
      ctx.errors.push(
        diagnostic('semantic', '`kmeans` needs numeric fields to cluster', c.name.span, [
          'for example `kmeans k=3 bytes duration`',
        ]),
      );
      return s;
    }
    const maxiters = option('maxiters');
    const iterations = Number(maxiters?.value.text ?? '10000');
    if (maxiters && iterations > maxIterations) {
      ctx.errors.push(
        diagnostic(
          'limit',
          `\`maxiters\` may be at most ${maxIterations.toLocaleString('en-US')}, found \`${maxiters.value.text}\``,
          maxiters.value.span,
        ),
      );
      return s;
    }
    const t = option('t');
    const tolerance = Number(t?.value.text ?? '0');
    if (t && tolerance < 0) {
      ctx.errors.push(
        diagnostic('semantic', `\`t\` must be a number ≥ 0, found \`${t.value.text}\``, t.value.span),
      );
      return s;
    }
    const distance = distances[(option('dt')?.value.text ?? 'sqeuclidean').toLowerCase()] ?? 'sqeuclidean';
    const clusterField = option('cnumfield')?.value.text ?? option('cfield')?.value.text ?? 'CLUSTERNUM';
    const showCentroid = truthy(option('showcentroid')?.value.text ?? 'true');

    // Only results with a number in every field are clustered.
    const values = names.map((n) => toNumber(s.scope.resolve(n)));
    const complete = values
      .map((v): Expr => call('isnotnull', [v], 'bool'))
      .reduce((a, b) => call('and', [a, b], 'bool'));
    const kept: Rel = { kind: 'filter', input: s.rel, predicate: complete };
    const point = call('float_array', values, 'any');

    // The centroids, from every point at once (no row without points).
    const collected: Rel = {
      kind: 'aggregate',
      input: kept,
      groups: [],
      aggregates: [
        { name: points, fn: 'collect', arg: point, type: 'any' },
        { name: count, fn: 'count', type: 'number' },
      ],
    };
    const fitted = call(
      'kmeans_centroids',
      [col(points, 'any'), lit(k), lit(iterations), lit(tolerance), lit(distance)],
      'any',
    );
    const message = `kmeans clusters at most ${kmeansMaxPoints.toLocaleString('en-US')} results; narrow the search first`;
    const model = modelRow(collected, count, kmeansMaxPoints, message, centroids, fitted);

    // Each result, numbered in its order, with the centroids.
    const joined = withModel(
      {
        rel: {
          kind: 'window',
          input: kept,
          partition: [],
          aggregates: [{ name: position, fn: 'count', type: 'number' }],
          running: { size: 0, current: true },
        },
        scope: s.scope.with(position, 'number'),
      },
      model,
      centroids,
    );
    const fittedCol = col(centroids, 'any');
    const cluster = call(
      'kmeans_nearest',
      [
        fittedCol,
        call(
          'float_array',
          names.map((n) => toNumber(joined.scope.resolve(n))),
          'any',
        ),
        lit(distance),
      ],
      'number',
    );
    let rel: Rel = { kind: 'compute', input: joined.rel, name: clusterField, expr: cluster };
    let scope = joined.scope.with(clusterField, 'number');
    if (showCentroid) {
      names.forEach((n, i) => {
        const name = `centroid_${n}`;
        rel = {
          kind: 'compute',
          input: rel,
          name,
          expr: call('kmeans_centroid', [fittedCol, col(clusterField, 'number'), lit(i + 1)], 'number'),
        };
        scope = scope.with(name, 'number');
      });
    }
    // The results of a cluster next to each other, in their order.
    rel = {
      kind: 'sort',
      input: rel,
      keys: [
        { expr: col(clusterField, 'number'), descending: false, mode: 'num' },
        { expr: col(position, 'number'), descending: false, mode: 'num' },
      ],
    };
    return without(rel, scope, [position, centroids]);
  },
};
