// `mstats` on the embedded `metrics` table: one grouped SELECT, tenant filter first, every value a parameter.

import { assertNever } from '../../ast.ts';
import type { MetricAggregate, MetricField, MetricFilter, MetricStats } from '../../ir/metrics.ts';
import type { Params } from './quote.ts';
import { quoteIdent } from './quote.ts';
import { seriesColumn } from '../../ir/types.ts';

/** Splunk's `*` wildcard as a LIKE pattern: `%`, `_` and `\` are literal. */
function likePattern(pattern: string): string {
  return pattern.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}

function fieldSql(f: MetricField, params: Params): string {
  switch (f.kind) {
    case 'metric-name':
      return quoteIdent('metric_name');
    case 'metric-index':
      return quoteIdent('index');
    case 'metric-dim':
      return `${quoteIdent('labels')}[${params.string(f.name)}]`;
  }
}

/** A dimension must exist for `f=v`, `f!=v` and BY (a missing map key reads as ''). */
function presentSql(f: MetricField, params: Params): string | undefined {
  return f.kind === 'metric-dim'
    ? `mapContains(${quoteIdent('labels')}, ${params.string(f.name)})`
    : undefined;
}

function matchSql(m: Extract<MetricFilter, { kind: 'm-match' }>, params: Params): string {
  const x = fieldSql(m.field, params);
  const wild = m.pattern.includes('*');
  const test =
    m.pattern === '*'
      ? undefined
      : wild
        ? `${x} ${m.caseless ? 'ILIKE' : 'LIKE'} ${params.string(likePattern(m.pattern))}`
        : m.caseless
          ? `lower(${x}) = lower(${params.string(m.pattern)})`
          : `${x} = ${params.string(m.pattern)}`;
  const present = presentSql(m.field, params);
  if (m.op === 'eq') return [present, test].filter((s) => s !== undefined).join(' AND ') || '1';
  if (test === undefined) return '0';
  return [present, `NOT (${test})`].filter((s) => s !== undefined).join(' AND ');
}

/** The WHERE filter as a two-valued SQL predicate. */
export function filterSql(f: MetricFilter, params: Params): string {
  switch (f.kind) {
    case 'm-true':
      return '1';
    case 'm-match':
      return `(${matchSql(f, params)})`;
    case 'm-and':
    case 'm-or':
      return `(${f.operands.map((o) => filterSql(o, params)).join(f.kind === 'm-and' ? ' AND ' : ' OR ')})`;
    case 'm-not':
      return `(NOT ${filterSql(f.operand, params)})`;
    default:
      return assertNever(f, 'metric filter');
  }
}

/**
 * Splunk's percentile: nearest rank, the value at rank ceil(p × n) of the sorted `values` (p a fraction).
 * NULL without values.
 */
export function nearestRank(values: string, n: string, p: string): string {
  return `if(${n} = 0, NULL, arrayElement(arraySort(${values}), toUInt64(greatest(1, ceil(${p} * ${n})))))`;
}

/** One aggregation over the samples of its metric (`cond`), as Splunk computes it over a bucket's points. */
function aggregateSql(a: MetricAggregate, params: Params): string {
  const value = quoteIdent('value');
  const time = quoteIdent('timestamp');
  const cond =
    a.metric === undefined ? undefined : `${quoteIdent('metric_name')} = ${params.string(a.metric)}`;
  const w = (fn: string, args: string): string =>
    cond === undefined ? `${fn}(${args})` : `${fn}If(${args}${args === '' ? '' : ', '}${cond})`;
  const n = w('count', '');
  const seconds = `toUnixTimestamp64Milli(${time}) / 1000`;
  switch (a.fn) {
    case 'count':
      return n;
    case 'sum':
      return w('sumOrNull', value);
    case 'avg':
      return w('avgOrNull', value);
    case 'min':
      return w('minOrNull', value);
    case 'max':
      return w('maxOrNull', value);
    case 'stdev':
      return w('stddevSampOrNull', value);
    case 'latest':
      return `if(${n} = 0, NULL, ${w('argMax', `${value}, ${time}`)})`;
    case 'earliest':
      return `if(${n} = 0, NULL, ${w('argMin', `${value}, ${time}`)})`;
    case 'rate': {
      // (latest - earliest) / (latest_time - earliest_time) over the group's points; no rate from one point.
      const dt = `(${w('max', seconds)} - ${w('min', seconds)})`;
      return `if(${n} < 2 OR ${dt} = 0, NULL, (${w('argMax', `${value}, ${time}`)} - ${w('argMin', `${value}, ${time}`)}) / ${dt})`;
    }
    case 'rate_avg':
    case 'rate_sum': {
      // The rate of each series (its index and dimensions) as `rate` computes it, then their average or sum; a series
      // with fewer than two points at distinct times has no rate. `arrayMap(x -> …, [v])[1]` names v once.
      const key = `toString((${quoteIdent('index')}, mapSort(${quoteIdent('labels')})))`;
      const points = w('groupArray', `(${key}, ${seconds}, ${value})`);
      const rate = `if(length(p) < 2 OR p[-1].2 = p[1].2, NULL, (p[-1].3 - p[1].3) / (p[-1].2 - p[1].2))`;
      const ofSeries = `arrayMap(p -> ${rate}, [arraySort(q -> q.2, arrayFilter(q -> q.1 = s, pts))])[1]`;
      const rates = `arrayMap(r -> assumeNotNull(r), arrayFilter(r -> isNotNull(r), arrayMap(s -> ${ofSeries}, arrayDistinct(arrayMap(q -> q.1, pts)))))`;
      const total = `if(empty(rs), NULL, ${a.fn === 'rate_avg' ? 'arrayAvg' : 'arraySum'}(rs))`;
      return `arrayMap(pts -> arrayMap(rs -> ${total}, [${rates}])[1], [${points}])[1]`;
    }
    case 'perc': {
      // Nearest rank, as Splunk computes percentiles: the value at rank ceil(p/100 × n) of the sorted values.
      const p = params.float((a.param ?? 50) / 100);
      return nearestRank(w('groupArray', value), n, p);
    }
    default:
      return assertNever(a.fn, 'metric aggregation');
  }
}

/** The series-map functions of a wildcard metric (ClickHouse's `-Map` combinator: one value per key). */
const mapFunctions: Partial<Record<MetricAggregate['fn'], string>> = {
  count: 'countMapIf',
  sum: 'sumOrNullMapIf',
  avg: 'avgOrNullMapIf',
  min: 'minOrNullMapIf',
  max: 'maxOrNullMapIf',
  stdev: 'stddevSampOrNullMapIf',
};

/**
 * `avg(tcp.*) AS t_*`: the samples of each metric name `re` matches, aggregated apart, in a map keyed by the
 * output name (`replaceRegexpOne(metric_name, re, to)`).
 */
function wildcardSql(a: MetricAggregate, w: { re: string; to: string }, params: Params): string {
  const fn = mapFunctions[a.fn];
  if (fn === undefined) throw new Error(`mstats ${a.fn} over a wildcard metric name was not refused`);
  const name = quoteIdent('metric_name');
  const re = params.string(w.re);
  const key = `replaceRegexpOne(${name}, ${re}, ${params.string(w.to)})`;
  return `CAST(${fn}(map(${key}, ${quoteIdent('value')}), match(${name}, ${re})) AS Map(String, Nullable(Float64)))`;
}

/** Inner aliases: `__`-prefixed names are reserved (the planner refuses them as dimensions or AS names). */
const timeAlias = '__t';
const groupAlias = (i: number): string => `__g${i}`;
const aggAlias = (i: number): string => `__a${i}`;
const seriesAlias = '__s';

/**
 * The grouped SELECT of `mstats` with inner aliases, and the output columns it maps to them.
 *
 * @example printMetricStats(mstats('avg(cpu) WHERE index=m BY host span=1m'), params).sql
 *   // SELECT intDiv(toUnixTimestamp64Milli(`timestamp`), 60000) * 60000 AS `__t`, `labels`[{p0:String}] AS `__g0`,
 *   //   avgOrNullIf(`value`, `metric_name` = {p1:String}) AS `__a0` FROM `metrics` WHERE `org_id` = {p2:String} AND … GROUP BY …
 */
export function printMetricStats(
  m: MetricStats,
  params: Params,
): { sql: string; columns: { inner: string; name: string }[] } {
  // The tenant filter first: it comes from the identity, never from the query text.
  const where = [`${quoteIdent('org_id')} = ${params.string(m.orgId)}`];
  if (m.indexes) where.push(`${quoteIdent('index')} IN ${params.bind(m.indexes, 'Array(String)')}`);
  const time = quoteIdent('timestamp');
  if (m.earliestMs !== null)
    where.push(`${time} >= fromUnixTimestamp64Milli(${params.int(m.earliestMs)}, 'UTC')`);
  if (m.latestMs !== null) where.push(`${time} < fromUnixTimestamp64Milli(${params.int(m.latestMs)}, 'UTC')`);
  const name = quoteIdent('metric_name');
  const metrics = [
    ...new Set(m.aggregates.flatMap((a) => (a.metric === undefined || a.wildcard ? [] : [a.metric]))),
  ];
  const patterns = [...new Set(m.aggregates.flatMap((a) => (a.wildcard ? [a.wildcard.re] : [])))];
  const named = [
    ...(metrics.length > 0 ? [`${name} IN ${params.bind(metrics, 'Array(String)')}`] : []),
    ...patterns.map((re) => `match(${name}, ${params.string(re)})`),
  ];
  if (named.length > 0) where.push(named.length === 1 ? (named[0] ?? '') : `(${named.join(' OR ')})`);
  if (m.filter.kind !== 'm-true') where.push(filterSql(m.filter, params));
  for (const b of m.by) {
    const present = presentSql(b.field, params);
    if (present) where.push(present);
  }
  if (m.points !== undefined) return printPoints(m.points, where, params);
  const select: string[] = [];
  const columns: { inner: string; name: string }[] = [];
  if (m.spanMs !== undefined) {
    // Epoch-aligned buckets [t, t+span) labelled t (UTC, like the PromQL path's step grid).
    select.push(
      `fromUnixTimestamp64Milli(intDiv(toUnixTimestamp64Milli(${time}), ${m.spanMs}) * ${m.spanMs}, 'UTC') AS ${quoteIdent(timeAlias)}`,
    );
    columns.push({ inner: timeAlias, name: '_time' });
  }
  m.by.forEach((b, i) => {
    select.push(`${fieldSql(b.field, params)} AS ${quoteIdent(groupAlias(i))}`);
    columns.push({ inner: groupAlias(i), name: b.name });
  });
  const groups = columns.map((c) => quoteIdent(c.inner));
  m.aggregates.forEach((a, i) => {
    if (a.wildcard) return;
    select.push(`${aggregateSql(a, params)} AS ${quoteIdent(aggAlias(i))}`);
    columns.push({ inner: aggAlias(i), name: a.name });
  });
  // The wildcard aggregations: one map of series name → value, a later aggregation's name winning.
  const maps = m.aggregates.flatMap((a) => (a.wildcard ? [wildcardSql(a, a.wildcard, params)] : []));
  if (maps.length > 0) {
    select.push(`${maps.reduce((acc, x) => `mapUpdate(${acc}, ${x})`)} AS ${quoteIdent(seriesAlias)}`);
    columns.push({ inner: seriesAlias, name: seriesColumn });
  }
  const sql = [
    `SELECT ${select.join(', ')}`,
    `FROM ${quoteIdent('metrics')}`,
    `WHERE ${where.join(' AND ')}`,
    // Without groups an aggregate SELECT returns one row even over no samples; the PromQL path returns
    // none, and so does this one.
    groups.length > 0 ? `GROUP BY ${groups.join(', ')}` : 'HAVING count() > 0',
  ].join('\n');
  return { sql, columns };
}

/**
 * `mpreview`'s samples: the newest `points` of each time series (metric name, index, dimensions), newest
 * first, each with its JSON in `_raw`: the dimensions and `"metric_name:<name>": <value>`.
 */
function printPoints(
  points: number,
  where: readonly string[],
  params: Params,
): { sql: string; columns: { inner: string; name: string }[] } {
  const [time, index, name, value, labels] = ['timestamp', 'index', 'metric_name', 'value', 'labels'].map(
    quoteIdent,
  );
  const dims = `toJSONString(CAST(${labels ?? ''} AS Map(String, String)))`;
  const sample = `concat('{', toJSONString(concat(${params.string('metric_name:')}, ${name ?? ''})), ':', toJSONString(${value ?? ''}), if(empty(${labels ?? ''}), '', concat(',', substring(${dims}, 2, length(${dims}) - 2))), '}')`;
  const columns = [
    { inner: timeAlias, name: '_time', sql: time },
    { inner: pointAlias('i'), name: 'index', sql: index },
    { inner: pointAlias('m'), name: 'metric_name', sql: name },
    { inner: pointAlias('v'), name: '_value', sql: value },
    { inner: pointAlias('r'), name: '_raw', sql: sample },
  ];
  const sql = [
    `SELECT ${columns.map((c) => `${c.sql ?? ''} AS ${quoteIdent(c.inner)}`).join(', ')}`,
    `FROM ${quoteIdent('metrics')}`,
    `WHERE ${where.join(' AND ')}`,
    `ORDER BY ${time ?? ''} DESC`,
    `LIMIT ${String(points)} BY ${index ?? ''}, ${name ?? ''}, ${labels ?? ''}`,
  ].join('\n');
  return { sql, columns: columns.map(({ inner, name: n }) => ({ inner, name: n })) };
}

const pointAlias = (x: string): string => `__p${x}`;
