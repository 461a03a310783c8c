// `pivot <model> <dataset> <cells> [SPLITROW …] [SPLITCOL …] [FILTER …] [LIMIT …] …`: Splunk's Pivot
// elements over a data model dataset, lowered as Splunk describes the command: `stats` (or `chart` with a
// column split) over the dataset's events.

import type {
  Aggregation,
  Command,
  CommandOption,
  FieldPattern,
  GenericCommand,
  Ident,
  SearchCompareOp,
  SearchExpr,
  SortKey,
} from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { PlanContext } from '../commands/types.ts';
import { datasetEvents, filterBy, resolveDataset } from './datamodel.ts';
import { splFieldName, splQuoted } from './helpers.ts';
import { withSpan } from '../knowledge/apply.ts';
import { parse } from '../parser/index.ts';
import type { State } from './index.ts';
import { concat } from './append.ts';
import { binKey, discretize } from './bin.ts';
import { defaultSeriesOptions, seriesOption, splitSeries } from './pivot.ts';
import type { BinOptions } from './bin.ts';
import { call, lit } from '../ir/types.ts';
import type { Expr, Rel, ScalarType } from '../ir/types.ts';

interface Tok {
  readonly text: string;
  /** A quoted string: never a keyword or a parenthesis. */
  readonly quoted: boolean;
  readonly span: Span;
}

/** Words, quoted strings, parentheses and commas of the command's text, with their offsets in the query. */
function tokens(text: string, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) i++;
    else if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ text: ch, quoted: false, span: { start: i, end: i + 1 } });
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      let value = '';
      while (j < to && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < to) j++;
        value += text[j] ?? '';
        j++;
      }
      out.push({ text: value, quoted: true, span: { start: i, end: Math.min(j + 1, to) } });
      i = j + 1;
    } else {
      let j = i;
      while (j < to && !/[\s(),"]/.test(text[j] ?? '')) j++;
      out.push({ text: text.slice(i, j), quoted: false, span: { start: i, end: j } });
      i = j;
    }
  }
  return out;
}

const KEYWORDS = [
  'SPLITROW',
  'SPLITCOL',
  'FILTER',
  'LIMIT',
  'ROWSUMMARY',
  'COLSUMMARY',
  'SHOWOTHER',
  'NUMCOLS',
  'SORT',
] as const;
type Keyword = (typeof KEYWORDS)[number];
const keyword = (t: Tok | undefined): Keyword | undefined =>
  t && !t.quoted ? KEYWORDS.find((k) => k === t.text.toUpperCase()) : undefined;

const ident = (t: Tok): Ident => ({ kind: 'ident', name: t.text, quoted: t.quoted, span: t.span });
const pattern = (name: string, span: Span): FieldPattern => ({
  kind: 'field-pattern',
  pattern: name,
  quoted: false,
  span,
});
const option = (key: string, value: string, span: Span): CommandOption => ({
  kind: 'option',
  key: { kind: 'ident', name: key, quoted: false, span },
  value: { kind: 'option-value', text: value, quoted: false, span },
  span,
});

/** A cell or a limit's statistic: `fn(field)`, where naming a dataset of the lineage counts its events. */
interface Cell {
  readonly fn: Tok;
  readonly arg: Tok;
  readonly label?: Tok;
  readonly span: Span;
}

interface Split {
  readonly field: Tok;
  /** `AS <label>`: a SPLITROW's only (a SPLITCOL's is a syntax error). */
  readonly label?: Tok;
  /** `RANGE …` / `PERIOD …`: the options of a `bin` of the field (`span`, `bins`, `start`, `end`). */
  readonly bin?: readonly CommandOption[];
  /** `TRUELABEL` / `FALSELABEL`: what a Boolean field's true and false values show as. */
  readonly trueLabel?: Tok;
  readonly falseLabel?: Tok;
}

/** `PERIOD` values and the `bin` span each stands for (`auto`: bin's automatic span). */
const PERIODS: Readonly<Record<string, string | undefined>> = {
  auto: undefined,
  year: '1y',
  month: '1mon',
  day: '1d',
  hour: '1h',
  minute: '1m',
  second: '1s',
};
/** `RANGE` options and the `bin` options they are. */
const RANGE_OPTIONS: Readonly<Record<string, string>> = {
  start: 'start',
  end: 'end',
  max: 'bins',
  size: 'span',
};

interface Parsed {
  readonly model: Tok;
  readonly dataset: Tok;
  readonly cells: Cell[];
  readonly rows: Split[];
  readonly cols: Split[];
  readonly filters: { field: Tok; op: Tok; values: Tok[]; span: Span }[];
  readonly limits: { field: Tok; dir: Tok; count: number; stat: Cell; span: Span }[];
  readonly flags: { key: Keyword; value: Tok }[];
  readonly sort?: { count: number; field: Tok; span: Span };
}

/** Parses the pivot elements; undefined (with a diagnostic) at the first token that does not fit. */
function parsePivot(c: GenericCommand, text: string, errors: Diagnostic[]): Parsed | undefined {
  const ts = tokens(text, c.name.span.end, c.span.end);
  let i = 0;
  const fail = (
    what: string,
    at: Span = ts[i]?.span ?? { start: c.span.end, end: c.span.end },
  ): undefined => {
    const found = ts[i] ? `\`${ts[i]?.text}\`` : 'the end of the command';
    errors.push(diagnostic('syntax', `\`pivot\`: expected ${what}, found ${found}`, at));
    return undefined;
  };
  const word = (): Tok | undefined => {
    const t = ts[i];
    if (!t || (!t.quoted && /^[(),]$/.test(t.text))) return undefined;
    i++;
    return t;
  };
  const isAs = (t: Tok | undefined): boolean => t !== undefined && !t.quoted && t.text.toUpperCase() === 'AS';
  const cell = (): Cell | undefined => {
    const fn = ts[i];
    if (!fn || fn.quoted || ts[i + 1]?.text !== '(' || ts[i + 1]?.quoted) return undefined;
    i += 2;
    const arg = word();
    if (!arg) return fail('a field or dataset name inside `(…)`');
    if (ts[i]?.text !== ')') return fail('`)`');
    const end = ts[i]?.span.end ?? arg.span.end;
    i++;
    let label: Tok | undefined;
    if (isAs(ts[i])) {
      i++;
      label = word();
      if (!label) return fail('a label after `AS`');
    }
    return {
      fn,
      arg,
      ...(label ? { label } : {}),
      span: { start: fn.span.start, end: label?.span.end ?? end },
    };
  };
  const split = (column: boolean): Split | undefined => {
    const field = word();
    if (!field) return fail('a field name');
    let label: Tok | undefined;
    const as = ts[i];
    if (as && isAs(as)) {
      i++;
      label = word();
      if (!label) return fail('a label after `AS`');
      // Search Reference, pivot: a row split is `SPLITROW <field> AS <label> [options]`, a column split
      // `SPLITCOL <field> [options]`: no label, its columns are named by the field's values.
      if (column) {
        errors.push(
          diagnostic(
            'syntax',
            `\`pivot SPLITCOL\` takes no \`AS <label>\`: its columns are named by the values of \`${field.text}\``,
            { start: as.span.start, end: label.span.end },
            ['remove `AS …`; `SPLITROW <field> AS <label>` names a row column'],
          ),
        );
        return undefined;
      }
    }
    // Options in any order: RANGE start=… end=… max=… size=…, PERIOD <unit>, TRUELABEL <l>, FALSELABEL <l>.
    let bin: CommandOption[] | undefined;
    let trueLabel: Tok | undefined;
    let falseLabel: Tok | undefined;
    for (;;) {
      const t = ts[i];
      const opt = t && !t.quoted ? t.text.toUpperCase() : '';
      if (opt === 'RANGE') {
        i++;
        bin = [];
        for (let kv = ts[i]; kv && !kv.quoted && /^[a-z]+=/i.test(kv.text); kv = ts[i]) {
          const eq = kv.text.indexOf('=');
          const key = RANGE_OPTIONS[kv.text.slice(0, eq).toLowerCase()];
          const value = kv.text.slice(eq + 1);
          if (!key || !/^-?\d+(\.\d+)?$/.test(value))
            return fail('`start=`, `end=`, `max=` or `size=` with a number after `RANGE`');
          bin.push(option(key, value, kv.span));
          i++;
        }
        if (bin.length === 0) return fail('`start=`, `end=`, `max=` or `size=` after `RANGE`');
        if (!bin.some((o) => o.key.name === 'span' || o.key.name === 'bins')) {
          const at = bin[0]?.span ?? c.name.span;
          errors.push(
            diagnostic(
              'unsupported',
              '`pivot … RANGE` with only `start=`/`end=` is not supported yet: give `size=` or `max=` too',
              at,
            ),
          );
          return undefined;
        }
      } else if (opt === 'PERIOD') {
        i++;
        const key = ts[i]?.text.toLowerCase() ?? '';
        const unit = key in PERIODS ? word() : undefined;
        if (!unit) return fail('a period (auto, year, month, day, hour, minute, second)');
        const span = PERIODS[key];
        bin = span === undefined ? [] : [option('span', span, unit.span)];
      } else if (opt === 'TRUELABEL' || opt === 'FALSELABEL') {
        i++;
        const l = word();
        if (!l) return fail(`a label after \`${opt}\``);
        if (opt === 'TRUELABEL') trueLabel = l;
        else falseLabel = l;
      } else break;
    }
    return {
      field,
      ...(label ? { label } : {}),
      ...(bin ? { bin } : {}),
      ...(trueLabel ? { trueLabel } : {}),
      ...(falseLabel ? { falseLabel } : {}),
    };
  };

  const model = word();
  if (!model) return fail('a data model name');
  const dataset = word();
  if (!dataset) return fail('a dataset name');
  const parsed: Parsed = {
    model,
    dataset,
    cells: [],
    rows: [],
    cols: [],
    filters: [],
    limits: [],
    flags: [],
  };
  let sort: Parsed['sort'];
  for (;;) {
    if (ts[i]?.text === ',' && !ts[i]?.quoted) {
      i++;
      continue;
    }
    const c1 = cell();
    if (c1) {
      parsed.cells.push(c1);
      continue;
    }
    if (errors.length > 0) return undefined;
    break;
  }
  if (parsed.cells.length === 0) return fail('a cell value such as `count(<dataset>)`');
  while (i < ts.length) {
    const kwTok = ts[i];
    const kw = keyword(kwTok);
    if (!kw || !kwTok) {
      if (ts[i]?.text === ',') {
        i++;
        continue;
      }
      return fail(`a pivot element (${KEYWORDS.join(', ')})`);
    }
    i++;
    switch (kw) {
      case 'SPLITROW':
      case 'SPLITCOL': {
        const s = split(kw === 'SPLITCOL');
        if (!s) return undefined;
        (kw === 'SPLITROW' ? parsed.rows : parsed.cols).push(s);
        break;
      }
      case 'FILTER': {
        const field = word();
        const op = word();
        if (!field) return fail('a field name after `FILTER`');
        if (!op) return fail('a filter operator (`is`, `contains`, `<`, …)');
        const values: Tok[] = [];
        const opName = op.text.toLowerCase();
        if (opName === 'in') {
          if (ts[i]?.text !== '(') return fail('`(` after `in`');
          i++;
          while (ts[i] && ts[i]?.text !== ')') {
            const v = word();
            if (v) values.push(v);
            else if (ts[i]?.text === ',') i++;
            else return fail('a value');
          }
          if (ts[i]?.text !== ')') return fail('`)`');
          i++;
        } else if (opName !== 'isnull' && opName !== 'isnotnull') {
          const v = word();
          if (!v) return fail(`a value after \`${op.text}\``);
          values.push(v);
        }
        const end = ts[i - 1]?.span.end ?? op.span.end;
        parsed.filters.push({ field, op, values, span: { start: kwTok.span.start, end } });
        break;
      }
      case 'LIMIT': {
        const field = word();
        if (!field) return fail('a field name after `LIMIT`');
        if (ts[i]?.text.toUpperCase() !== 'BY')
          return fail('`BY` (`LIMIT <field> BY top <n> <stat>(<field>)`)');
        i++;
        const dir = word();
        if (!dir || !['top', 'bottom'].includes(dir.text.toLowerCase())) return fail('`top` or `bottom`');
        const n = word();
        if (!n || !/^\d+$/.test(n.text)) return fail('a count');
        const stat = cell();
        if (!stat) return fail('a statistic such as `count(<dataset>)`');
        parsed.limits.push({
          field,
          dir,
          count: Number(n.text),
          stat,
          span: { start: kwTok.span.start, end: stat.span.end },
        });
        break;
      }
      case 'SORT': {
        const n = word();
        if (!n || !/^\d+$/.test(n.text)) return fail('a row count after `SORT`');
        const field = word();
        if (!field) return fail('a field name to sort by');
        sort = { count: Number(n.text), field, span: { start: kwTok.span.start, end: field.span.end } };
        break;
      }
      default: {
        const value = word();
        if (!value) return fail(`a value after \`${kw}\``);
        parsed.flags.push({ key: kw, value });
      }
    }
  }
  return sort ? { ...parsed, sort } : parsed;
}

const COMPARE: Readonly<Record<string, SearchCompareOp>> = {
  '=': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  is: '=',
  isnot: '!=',
};

/** A pivot filter as a search expression over the dataset's fields. */
function filterExpr(f: Parsed['filters'][number], errors: Diagnostic[]): SearchExpr | undefined {
  const at = f.span;
  const cmp = (op: SearchCompareOp, text: string, quoted = true): SearchExpr => ({
    kind: 'search-compare',
    field: ident(f.field),
    op,
    value: { kind: 'search-value', text, quoted, span: at },
    caseSensitive: false,
    span: at,
  });
  const not = (e: SearchExpr): SearchExpr => ({ kind: 'search-not', operand: e, span: at });
  const v = f.values[0]?.text ?? '';
  const op = f.op.text.toLowerCase();
  const direct = COMPARE[op];
  if (direct) return cmp(direct, v);
  switch (op) {
    case 'contains':
      return cmp('=', `*${v}*`, false);
    case 'doesnotcontain':
      return not(cmp('=', `*${v}*`, false));
    case 'startswith':
      return cmp('=', `${v}*`, false);
    case 'endswith':
      return cmp('=', `*${v}`, false);
    case 'isnull':
      return not(cmp('=', '*', false));
    case 'isnotnull':
      return cmp('=', '*', false);
    case 'in':
      return { kind: 'search-or', operands: f.values.map((x) => cmp('=', x.text)), span: at };
    default:
      errors.push(
        diagnostic('semantic', `\`pivot FILTER\`: unknown operator \`${f.op.text}\``, f.op.span, [
          'use is, isNot, contains, doesNotContain, startsWith, endsWith, in, isNull, isNotNull, =, !=, <, <=, >, >=',
        ]),
      );
      return undefined;
  }
}

/**
 * `| pivot M D count(D) AS "Count" SPLITROW f AS "F" SPLITCOL g FILTER h is x LIMIT f BY top 5 count(D)`:
 * the dataset's events (their own field names), filtered, then `stats … by <rows>` (with a SPLITCOL, chart's
 * series by `<col>` over the rows, any number of them), the row labels applied. A cell naming the dataset (or
 * an ancestor) counts events.
 *
 * @example | pivot Web Web count(Web) AS "Requests" SPLITROW status FILTER http_method is GET
 */
export function pivotCommand(c: GenericCommand, ctx: PlanContext): State | undefined {
  const p = parsePivot(c, ctx.text, ctx.errors);
  if (!p) return undefined;
  const resolved = resolveDataset(
    ctx.options,
    p.model.text,
    p.dataset.text,
    { model: p.model.span, dataset: p.dataset.span },
    ctx.errors,
  );
  if (!resolved) return undefined;
  const datasetNames = new Set(resolved.chain.map((d) => d.name));
  const errors = ctx.errors;
  const unsupported = (message: string, at: Span): undefined => {
    errors.push(diagnostic('unsupported', message, at));
    return undefined;
  };
  const flag = (key: Keyword): boolean =>
    p.flags.some((f) => f.key === key && /^(1|t|true|yes)$/i.test(f.value.text));
  const rowSummary = flag('ROWSUMMARY');
  const colSummary = flag('COLSUMMARY');
  let state = datasetEvents(resolved, ctx.options, ctx.range, p.dataset.span, ctx.subsearch, errors, false);
  const filters = p.filters.flatMap((f) => filterExpr(f, errors) ?? []);
  state = filterBy(state, filters, ctx.options, ctx.subsearch, errors);

  const aggregation = (x: Cell, alias?: string): Aggregation => {
    const countsEvents = datasetNames.has(x.arg.text) && x.fn.text.toLowerCase() === 'count';
    const name = alias ?? x.label?.text ?? `${x.fn.text}(${x.arg.text})`;
    return {
      kind: 'aggregation',
      fn: ident(x.fn),
      ...(countsEvents
        ? {}
        : { arg: { kind: 'agg-field' as const, field: pattern(x.arg.text, x.arg.span), span: x.arg.span } }),
      alias: { kind: 'ident', name, quoted: true, span: x.label?.span ?? x.span },
      span: x.span,
    };
  };
  const aggregations = p.cells.map((x) => aggregation(x));
  const limit = p.limits[0];
  if (p.limits.length > 1)
    return unsupported('`pivot` with more than one `LIMIT` is not supported yet', c.name.span);
  if (limit && (p.rows.length !== 1 || p.rows[0]?.field.text !== limit.field.text || p.cols.length > 0))
    return unsupported('`pivot LIMIT` is compiled only for the field of the one `SPLITROW`', limit.span);
  const hidden = '__pivot_limit';
  if (limit) aggregations.push(aggregation(limit.stat, hidden));

  const name = (n: string): Ident => ({ kind: 'ident', name: n, quoted: false, span: c.name.span });
  const lower = (cmd: Command): void => {
    state = ctx.lowerCommand(cmd, state);
  };
  // A split whose values the pivot changes (RANGE / PERIOD bins, TRUELABEL / FALSELABEL, COLSUMMARY's `ALL`)
  // is carried in a hidden field, so a cell over the field itself (`sum(x) SPLITROW x RANGE …`) still reads
  // the field's own values. A row label (`SPLITROW f AS "Label"`) renames the output column only, after the
  // statistics: `dc(f) SPLITROW f AS "Label"` counts the values of `f`.
  const hiddenOf = new Map<Split, string>();
  for (const sp of [...p.rows, ...p.cols]) {
    const relabel = sp.trueLabel !== undefined || sp.falseLabel !== undefined;
    if (!sp.bin && !relabel) continue;
    const hiddenName = `__pivot_split${hiddenOf.size}`;
    hiddenOf.set(sp, hiddenName);
    if (sp.bin) {
      const opts: BinOptions = {};
      for (const o of sp.bin) {
        const k = binKey(o);
        if (k) opts[k] = o;
      }
      if (opts.start || opts.end) {
        // RANGE start=/end= bound the bins as chart's bin options do: "Data outside of the [start, end]
        // range is discarded" (Search Reference, chart; `bin` itself only widens automatic bins).
        const out = discretize({
          s: state,
          field: { name: sp.field.text, span: sp.field.span },
          as: hiddenName,
          opts,
          rules: { command: name('pivot'), defaultBins: 100, startEnd: 'discard' },
          range: ctx.range,
          options: ctx.options,
          errors,
        });
        if (!out) return undefined;
        state = out;
      } else
        lower({
          kind: 'bin',
          name: name('bin'),
          span: sp.field.span,
          options: sp.bin,
          field: pattern(sp.field.text, sp.field.span),
          alias: { kind: 'ident', name: hiddenName, quoted: false, span: sp.field.span },
        });
    }
    // TRUELABEL / FALSELABEL: a Boolean field's values shown as the labels; other values stay as they are.
    const source = splFieldName(sp.bin ? hiddenName : sp.field.text);
    const str = (t: Tok): string => splQuoted(t.text);
    const cases = [
      ...(sp.trueLabel ? [`match(lower(${source}), "^(1|true|t|yes|y)$"), ${str(sp.trueLabel)}`] : []),
      ...(sp.falseLabel ? [`match(lower(${source}), "^(0|false|f|no|n)$"), ${str(sp.falseLabel)}`] : []),
    ];
    const value = relabel ? `case(${cases.join(', ')}, true(), ${source})` : source;
    if (!sp.bin || relabel) {
      const e = parse(`| makeresults | eval ${splFieldName(hiddenName)}=${value}`).ast?.commands[1];
      if (e) lower(withSpan(e, sp.field.span));
    }
  }
  const rowName = (r: Split): Ident => {
    const hiddenName = hiddenOf.get(r);
    return hiddenName ? { ...ident(r.field), name: hiddenName } : ident(r.field);
  };
  // Several SPLITCOLs: one column per combination of their values, named by the values in SPLITCOL order
  // joined with `: ` (`cmd.exe: alice`). The Search Reference does not say how Pivot names them; `: ` is the
  // separator chart and timechart put between the parts of a series name (`<stat>: <value>`, their `sep`
  // default), so several cells read `<cell>: <value>: <value>`. An event missing one of the fields counts in
  // the NULL column, as an event missing the field of a single SPLITCOL does.
  const combined = '__pivot_cols';
  if (p.cols.length > 1) {
    const parts = p.cols.map((x) => splFieldName(rowName(x).name));
    const value = `if(${parts.map((x) => `isnotnull(${x})`).join(' AND ')}, ${parts.join(' . ": " . ')}, null())`;
    const e = parse(`| makeresults | eval ${combined}=${value}`).ast?.commands[1];
    if (e) lower(withSpan(e, p.cols[1]?.field.span ?? c.name.span));
  }
  const colName = (x: Split): Ident =>
    p.cols.length > 1 ? { ...ident(x.field), name: combined } : rowName(x);
  const col = p.cols[0];
  // A SPLITCOL without a SPLITROW gives one row of cells, as Splunk's pivot does: the statistics are split by
  // a constant hidden row key, dropped from the output (labelRows).
  const constKey = '__pivot_row';
  const constIdent = name(constKey);
  const withConst = (from: State): State => {
    const e = parse(`| makeresults | eval ${constKey}="ALL"`).ast?.commands[1];
    return e ? ctx.lowerCommand(withSpan(e, c.name.span), from) : from;
  };
  // The series options of the column split: NUMCOLS is chart's `limit`, SHOWOTHER its `useother`.
  const series = defaultSeriesOptions();
  for (const f of p.flags) {
    if (f.key === 'NUMCOLS') seriesOption(option('limit', f.value.text, f.value.span), series, errors);
    if (f.key === 'SHOWOTHER') seriesOption(option('useother', f.value.text, f.value.span), series, errors);
  }
  // The statistics over `from` by the row `keys`: with a column split one column per value of it (chart's
  // series, over any number of row keys), else `stats … by <keys>`.
  const statistics = (from: State, keys: readonly Ident[]): State => {
    if (col)
      return splitSeries({
        s: from,
        command: name('chart'),
        rows: keys.map((k) => {
          const expr = from.scope.resolve(k.name, k.span);
          return { name: k.name, expr, type: expr.type === 'null' ? ('any' as const) : expr.type };
        }),
        split: colName(col),
        aggregations,
        series,
        text: ctx.text,
        options: ctx.options,
        errors,
      });
    return ctx.lowerCommand(
      { kind: 'stats', name: name('stats'), span: c.span, options: [], aggregations, by: [...keys] },
      from,
    );
  };
  // Row columns take their labels (hidden fields their field's name), in place; a column that already has
  // that name gives way, as it does to `rename`. The `drop` columns (the constant row key) go.
  const labelRows = (from: State, drop: ReadonlySet<string> = new Set([constKey])): State => {
    const names = new Map(
      p.rows.flatMap((r) => {
        const current = rowName(r).name;
        const to = (r.label ?? r.field).text;
        return current === to ? [] : [[current, to] as const];
      }),
    );
    if (names.size === 0 && !from.scope.columns.some((x) => drop.has(x.name))) return from;
    const targets = new Set(names.values());
    const columns = from.scope.columns.flatMap((x) => {
      if (drop.has(x.name)) return [];
      const to = names.get(x.name);
      if (to === undefined && targets.has(x.name)) return [];
      return [
        {
          name: to ?? x.name,
          type: x.type === 'null' ? ('any' as const) : x.type,
          expr: from.scope.resolve(x.name),
        },
      ];
    });
    return {
      rel: {
        kind: 'project',
        input: from.rel,
        columns: columns.map((x) => ({ name: x.name, expr: x.expr })),
        keepRaw: false,
      },
      scope: from.scope.project(columns, false),
    };
  };
  // ROWSUMMARY: `ALL` (`<cell>: ALL` for each of several cells), each cell's statistic over all the row's
  // events, as the COLSUMMARY row is over all events: `stats … by <row>` beside the chart, joined on the row.
  const rowTotals = (from: State, source: State, keys: readonly Ident[]): State => {
    if (!rowSummary || from.scope.seriesType === undefined || keys.length === 0) return from;
    const keyNames = new Set(keys.map((k) => k.name));
    const several = p.cells.length > 1;
    const cellsAll = p.cells.map((x, i) =>
      aggregation(x, several ? `${aggregations[i]?.alias?.name ?? ''}: ALL` : 'ALL'),
    );
    const right = ctx.lowerCommand(
      {
        kind: 'stats',
        name: name('stats'),
        span: c.span,
        options: [],
        aggregations: cellsAll,
        by: [...keys],
      },
      source,
    );
    const allNames = cellsAll.map((a) => a.alias?.name ?? '');
    const typeOf = (t: ScalarType): ScalarType => (t === 'null' ? 'any' : t);
    const leftColumns = from.scope.columns;
    const columns = [
      ...leftColumns.map((x) => ({
        name: x.name,
        type: typeOf(x.type),
        from: keyNames.has(x.name) ? ('both' as const) : ('left' as const),
      })),
      ...allNames.map((n) => ({
        name: n,
        type: typeOf(right.scope.resolve(n).type),
        from: 'right' as const,
      })),
    ];
    const side = (st: State, names: readonly string[]): Rel => ({
      kind: 'project',
      input: st.rel,
      columns: names.map((n) => ({ name: n, expr: st.scope.resolve(n) })),
      keepRaw: false,
    });
    return {
      rel: {
        kind: 'join',
        left: side(
          from,
          leftColumns.map((x) => x.name),
        ),
        right: side(right, [...keyNames, ...allNames]),
        keys: [...keyNames],
        type: 'left',
        overwrite: false,
        columns,
        raw: false,
      },
      scope: from.scope.project(
        columns.map((x) => ({ name: x.name, type: x.type })),
        false,
      ),
    };
  };
  // The events whose row value is one of the rows of `shown` (the limited table): the row field of the
  // events as text, in the row column's values as text (a bin label or a number alike).
  const keptEvents = (events: State, shown: State, r: Split): State => {
    const kept = '__pivot_kept';
    const text = (e: Expr): Expr => call('tostring', [e], 'string');
    const rows: Rel = {
      kind: 'project',
      input: shown.rel,
      columns: [{ name: kept, expr: text(shown.scope.resolve((r.label ?? r.field).text)) }],
      keepRaw: false,
    };
    const predicate: Expr = {
      kind: 'in-rel',
      exprs: [text(events.scope.resolve(rowName(r).name))],
      rel: rows,
      columns: [kept],
      limit: limit?.count ?? 0,
      exact: true,
      type: 'bool',
    };
    return { rel: { kind: 'filter', input: events.rel, predicate }, scope: events.scope };
  };
  const pre = col && p.rows.length === 0 ? withConst(state) : state;
  const keys = col && p.rows.length === 0 ? [constIdent] : p.rows.map(rowName);
  state = labelRows(rowTotals(statistics(pre, keys), pre, keys));
  if (limit) {
    const key: SortKey = {
      kind: 'sort-key',
      field: { kind: 'ident', name: hidden, quoted: false, span: limit.span },
      direction: limit.dir.text.toLowerCase() === 'top' ? 'desc' : 'asc',
      coerce: null,
      span: limit.span,
    };
    // Ties keep the rows' order (by the row value), as Splunk's stable sort does; it also makes the rows kept
    // the same each time the limited table is read (the COLSUMMARY row reads it again).
    const row = p.rows[0];
    const tie: SortKey[] = row
      ? [{ ...key, field: { ...ident(row.field), name: (row.label ?? row.field).text }, direction: 'asc' }]
      : [];
    lower({ kind: 'sort', name: name('sort'), span: limit.span, keys: [key, ...tie], reverse: false });
    lower({
      kind: 'head',
      name: name('head'),
      span: limit.span,
      count: { value: limit.count, span: limit.span },
      options: [],
    });
    lower({
      kind: 'fields',
      name: name('fields'),
      span: limit.span,
      mode: 'remove',
      fields: [pattern(hidden, limit.span)],
    });
  }
  // COLSUMMARY: a last row with each cell's statistic over all the events (the first row field `ALL`, the
  // other row fields empty); without a SPLITROW the one row already is over all the events. With a LIMIT,
  // over the events of the rows the limit keeps: Pivot's limit is one of its filters (the editor sets it
  // under Filters), and its column totals are over the filtered events, the rows shown.
  let totals: State | undefined;
  const first = p.rows[0];
  if (colSummary && first) {
    const f = rowName(first).name;
    // With a column split, the statistics by the constant key (one row), then ROWSUMMARY over it.
    const source = col ? withConst(pre) : limit ? keptEvents(pre, state, first) : pre;
    const all = col
      ? rowTotals(statistics(source, [constIdent]), source, [constIdent])
      : statistics(source, []);
    // The LIMIT's hidden statistic is a cell of the totals too: it goes.
    totals = labelRows(
      {
        rel: { kind: 'compute', input: all.rel, name: f, expr: lit('ALL') },
        scope: all.scope.with(f, 'string'),
      },
      new Set([constKey, hidden]),
    );
  }
  if (p.sort) {
    const key: SortKey = {
      kind: 'sort-key',
      field: ident(p.sort.field),
      direction: 'asc',
      coerce: null,
      span: p.sort.span,
    };
    lower({
      kind: 'sort',
      name: name('sort'),
      span: p.sort.span,
      keys: [key],
      reverse: false,
      limit: { value: p.sort.count, span: p.sort.span },
    });
  }
  return totals ? concat(state, totals) : state;
}
