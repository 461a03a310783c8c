// `geostats`: statistics per geographic bin, at every zoom level of a map, as the same search would
// compute them with `mvexpand` and `stats`: the command is rewritten into that pipeline and lowered.

import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { parse } from '../parser/index.ts';
import type { State } from '../plan/index.ts';
import type { CommandModule } from './types.ts';

/** Splunk's defaults (Search Reference, geostats). */
const defaults = {
  latfield: 'lat',
  longfield: 'lon',
  outputlatfield: 'latitude',
  outputlongfield: 'longitude',
  binspanlat: 22.5,
  binspanlong: 45,
  maxzoomlevel: 9,
};

const optionKeys = new Set([
  'translatetoxy',
  'latfield',
  'longfield',
  'globallimit',
  'locallimit',
  'outputlatfield',
  'outputlongfield',
  'binspanlat',
  'binspanlong',
  'maxzoomlevel',
]);

/** Names of the planner's columns while the bins are computed (removed at the end). */
const z = 'geostats__zl';
const y = 'geostats__y';
const x = 'geostats__x';

/** A field name as an eval operand (`'name'`); undefined for a name a single-quoted operand cannot hold. */
function operand(name: string): string | undefined {
  // Names that could end the quoted operand or the generated command (`|`, brackets, backquotes) are refused.
  return /['"\\|[\]`]/.test(name) || name === '' ? undefined : `'${name}'`;
}

/** `first` columns, then the others (the statistics), without the planner's `geostats__` columns. */
function ordered(state: State, first: readonly string[]): State {
  const columns = state.scope.columns.filter((col) => !col.name.startsWith('geostats__'));
  const all = [
    ...first.flatMap((n) => columns.filter((col) => col.name === n)),
    ...columns.filter((col) => !first.includes(col.name)),
  ];
  return {
    rel: {
      kind: 'project',
      input: state.rel,
      columns: all.map((col) => ({ name: col.name, expr: state.scope.resolve(col.name) })),
      keepRaw: false,
    },
    scope: state.scope.project(all, false),
  };
}

export const geostats: CommandModule<'generic'> = {
  name: 'geostats',
  kind: 'generic',
  status: 'partly',
  doc: {
    summary: 'Statistics per geographic bin, at every zoom level of a map.',
    syntax:
      'geostats [latfield=<field>] [longfield=<field>] [outputlatfield=<name>] [outputlongfield=<name>] [binspanlat=<float> binspanlong=<float>] [maxzoomlevel=<int>] [globallimit=<int>] [locallimit=<int>] [translatetoxy=<bool>] <stats-agg-term>…',
    example: 'index=main | iplocation clientip | geostats count',
    differences: [
      'One row per bin and zoom level (0 to `maxzoomlevel`), named `bin_id_zl_<zoom>_y_<row>_x_<column>`; `latitude`/`longitude` are the mean position of the bin’s events.',
      'With BY, one column per value as `chart` makes them (`globallimit` most frequent values, default 10, then OTHER); `locallimit=` and `translatetoxy=` are accepted but change nothing.',
    ],
  },
  lower(c, s, ctx) {
    const text = ctx.text.slice(c.name.span.end, c.span.end);
    const fail = (message: string, span: Span = c.name.span): State => {
      ctx.errors.push(diagnostic('unsupported', message, span));
      return s;
    };
    // Leading options (`key=value`, the value quoted or not), then the aggregations.
    const opts = new Map<string, string>();
    let rest = text;
    for (;;) {
      const m = /^\s*([A-Za-z_]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]+)/.exec(rest);
      if (!m?.[1] || !m[2] || !optionKeys.has(m[1].toLowerCase())) break;
      const v = m[2].startsWith('"') ? m[2].slice(1, -1).replace(/\\(.)/g, '$1') : m[2];
      opts.set(m[1].toLowerCase(), v);
      rest = rest.slice(m[0].length);
    }
    const num = (k: 'binspanlat' | 'binspanlong' | 'maxzoomlevel'): number | undefined => {
      const v = opts.get(k);
      if (v === undefined) return defaults[k];
      const n = Number(v);
      const ok =
        k === 'maxzoomlevel' ? Number.isInteger(n) && n >= 0 && n <= 20 : Number.isFinite(n) && n > 0;
      if (ok) return n;
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`${k}=${v}\` must be a ${k === 'maxzoomlevel' ? 'whole number from 0 to 20' : 'positive number'}`,
          c.name.span,
        ),
      );
      return undefined;
    };
    const globalLimit = Number(opts.get('globallimit') ?? '10');
    if (!Number.isInteger(globalLimit) || globalLimit < 0)
      return fail('`globallimit` must be a whole number');
    const spanLat = num('binspanlat');
    const spanLong = num('binspanlong');
    const maxZoom = num('maxzoomlevel');
    if (spanLat === undefined || spanLong === undefined || maxZoom === undefined) return s;
    const lat = operand(opts.get('latfield') ?? defaults.latfield);
    const lon = operand(opts.get('longfield') ?? defaults.longfield);
    const outLat = opts.get('outputlatfield') ?? defaults.outputlatfield;
    const outLon = opts.get('outputlongfield') ?? defaults.outputlongfield;
    if (!lat || !lon || !operand(outLat) || !operand(outLon))
      return fail(
        '`geostats` field names with quotes, backslashes, `|`, brackets or backquotes are not supported yet',
      );

    // The aggregations, checked by the stats grammar.
    const offset = c.name.span.end + (text.length - rest.length);
    const aggs = parse(`${' '.repeat(Math.max(0, offset - 7))}| stats${rest}`);
    const statsCommand = aggs.ast?.commands[0];
    if (aggs.errors.length > 0 || statsCommand?.kind !== 'stats') {
      ctx.errors.push(
        ...(aggs.errors.length > 0
          ? aggs.errors
          : [diagnostic('syntax', 'expected aggregations after `geostats`', c.span)]),
      );
      return s;
    }
    if (statsCommand.by.length > 1) return fail('`geostats` splits by one field', statsCommand.by[1]?.span);

    // Each event once per zoom level; its bin at that level: rows and columns of binspan / 2^zoom degrees.
    const cell = (v: string, origin: number, span: number): string =>
      `floor((${v} + ${origin}) / (${span} / pow(2, ${z})))`;
    const pipeline =
      `| eval ${z}=mvrange(0, ${maxZoom + 1}), geostats__lat=tonumber(${lat}), geostats__lon=tonumber(${lon})` +
      ` | where isnotnull(geostats__lat) AND isnotnull(geostats__lon) | mvexpand ${z}` +
      ` | eval ${z}=tonumber(${z}), ${y}=${cell('geostats__lat', 90, spanLat)}, ${x}=${cell('geostats__lon', 180, spanLong)}`;
    const found: Diagnostic[] = [];
    const parsed = parse(pipeline);
    if (!parsed.ast) return fail('`geostats` could not be planned');
    let state = s;
    for (const command of parsed.ast.commands) state = ctx.lowerCommand(command, state, found);
    const [split] = statsCommand.by;
    if (split) {
      // BY <field>: one column per value (the `globallimit` most frequent, then OTHER), as `chart` makes
      // them, over the bin; the bin's mean position rides in the bin's key.
      const keyed = parse(
        `| eventstats avg(geostats__lat) AS geostats__la, avg(geostats__lon) AS geostats__lo BY ${z}, ${y}, ${x}` +
          ` | eval geostats__key="bin_id_zl_".${z}."_y_".${y}."_x_".${x}."|".geostats__la."|".geostats__lo`,
      );
      const chart = parse(`| chart limit=${globalLimit} count OVER geostats__key`).ast?.commands[0];
      const unpack = parse(
        `| eval geobin=mvindex(split(geostats__key, "|"), 0), "${outLat}"=tonumber(mvindex(split(geostats__key, "|"), 1)), "${outLon}"=tonumber(mvindex(split(geostats__key, "|"), 2))`,
      );
      if (!keyed.ast || chart?.kind !== 'chart' || !unpack.ast)
        return fail('`geostats` could not be planned');
      for (const command of keyed.ast.commands) state = ctx.lowerCommand(command, state, found);
      state = ctx.lowerCommand(
        { ...chart, aggregations: statsCommand.aggregations, by: [split] },
        state,
        ctx.errors,
      );
      for (const command of unpack.ast.commands) state = ctx.lowerCommand(command, state, found);
      ctx.errors.push(...found);
      return ordered(state, ['geobin', outLat, outLon]);
    }
    // The aggregations, and the mean position, per bin (ordered by zoom level, row, column).
    const grouped = parse(
      `| stats avg(geostats__lat) AS "${outLat}", avg(geostats__lon) AS "${outLon}" BY ${z}, ${y}, ${x}`,
    ).ast?.commands[0];
    if (grouped?.kind !== 'stats') return fail('`geostats` could not be planned');
    state = ctx.lowerCommand(
      {
        ...statsCommand,
        aggregations: [...statsCommand.aggregations, ...grouped.aggregations],
        by: grouped.by,
      },
      state,
      ctx.errors,
    );
    const named = parse(`| eval geobin="bin_id_zl_".${z}."_y_".${y}."_x_".${x}`).ast?.commands[0];
    if (!named) return fail('`geostats` could not be planned');
    state = ctx.lowerCommand(named, state, found);
    ctx.errors.push(...found);
    return ordered(state, ['geobin', outLat, outLon]);
  },
};
