// `mvcombine`: merges results that differ only in one field into one result, that field multivalue.

import { str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit, seriesColumn } from '../ir/types.ts';
import { toMv, toStr } from '../plan/coerce.ts';
import { materializeFields, plainStructured } from '../plan/helpers.ts';
import { withPositions } from '../plan/streamstats.ts';
import { genericArgs, noMoreWords } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** Stands for a missing value in a group key, so results lacking the same fields still group together. */
const MISSING = '\u0000';

/** A value as a group key: text, a multivalue as its values joined, a missing value as `MISSING`. */
function keyOf(e: Expr): Expr {
  const text = e.type === 'mv' ? call('mvjoin', [e, lit('\u0001')], 'string') : toStr(e);
  return call('coalesce', [text, lit(MISSING)], 'string');
}

/**
 * `mvcombine [delim=<string>] <field>`: results whose other (non-internal) fields are all equal become one,
 * `<field>` holding the values of all of them, in the results' order (missing values skipped). The result
 * takes the place of the last one of its group; internal fields (`_time` …) are the last one's.
 *
 * @example `stats max(bytes) AS max BY host | mvcombine host` → a running `groupArray(host)` per
 *   `(coalesce(max, …))`, keeping each group's last row
 */
export const mvcombine: CommandModule<'generic'> = {
  name: 'mvcombine',
  kind: 'generic',
  status: 'partly',
  options: { placement: 'anywhere', options: { delim: str } },
  doc: {
    summary: 'Merges results that differ only in one field into one result with that field multivalue.',
    syntax: 'mvcombine [delim=<string>] <field>',
    example: 'index=main | stats count BY host, sourcetype | mvcombine host',
    differences: [
      'Over raw events every other field counts, the structured ones too, unless an earlier command renamed structured fields with a wildcard or extracted fields whose names only the data holds (then reduce them first with `table`, `fields` or `stats`).',
      '`delim` is accepted; the values stay a multivalue field, which `nomv` joins with newlines and `mvjoin` with any delimiter.',
    ],
  },
  lower(c, input, ctx) {
    // Over raw events, earlier removals, fills, merges and maps are written into the events' fields first.
    const s = input.scope.raw ? (materializeFields(input) ?? input) : input;
    const { words } = genericArgs(c, ctx.errors);
    const [target, ...extra] = words;
    noMoreWords('mvcombine', extra, ctx.errors, 'one field');
    if (!target) {
      ctx.errors.push(diagnostic('syntax', '`mvcombine` needs the name of a field', c.name.span));
      return s;
    }
    const raw = s.scope.raw;
    if (raw && !plainStructured(s)) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          '`mvcombine` over raw events after a command that renamed their fields with a wildcard or extracted fields whose names only the data holds is not supported yet',
          c.name.span,
          ['keep the fields to compare first, for example `table host, status, user | mvcombine user`'],
        ),
      );
      return s;
    }
    if (target.text.startsWith('_')) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`mvcombine\` does not apply to internal fields such as \`${target.text}\``,
          target.span,
        ),
      );
      return s;
    }
    const name = target.text;
    const others = s.scope.columns.filter(
      (f) => f.name !== name && !f.name.startsWith('_') && f.name !== seriesColumn,
    );
    // Over raw events the structured fields (but `name`) count too: their names and values, as one text.
    const structured = raw
      ? [call('fields_tojson', [call('fields_json', [], 'any'), lit('str'), lit(name)], 'string')]
      : [];
    const partition = [...others.map((f) => keyOf(col(f.name, f.type))), ...structured];
    const values = '__mvcombine_values';
    const n = '__mvcombine_n';
    const total = '__mvcombine_total';
    // Each row gets the values of its group so far, in the results' order (their positions), and its position
    // in the group; the group's last row, which has them all, is kept.
    const ordered = withPositions(s.rel);
    let rel: Rel = {
      kind: 'window',
      input: ordered.rel,
      partition,
      aggregates: [
        { name: values, fn: 'list', arg: toMv(s.scope.resolve(name, target.span)), max: 0, type: 'mv' },
        { name: n, fn: 'count', type: 'number' },
      ],
      running: { size: 0, current: true, positions: ordered.positions },
    };
    rel = {
      kind: 'window',
      input: rel,
      partition,
      aggregates: [{ name: total, fn: 'count', type: 'number' }],
    };
    rel = {
      kind: 'filter',
      input: rel,
      predicate: call('eq', [col(n, 'number'), col(total, 'number')], 'bool'),
    };
    rel = { kind: 'compute', input: rel, name, expr: col(values, 'mv') };
    const columns = s.scope.columns.map((f) => (f.name === name ? { name, type: 'mv' as const } : f));
    if (!s.scope.has(name)) columns.push({ name, type: 'mv' });
    rel = {
      kind: 'project',
      input: rel,
      columns: columns.map((f) => ({ name: f.name, expr: col(f.name, f.type) })),
      keepRaw: raw,
    };
    return { rel, scope: s.scope.project(columns, raw) };
  },
};
