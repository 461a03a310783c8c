// The pivot elements as written: `pivot <model> <dataset> <cells> [SPLITROW …] [SPLITCOL …] [FILTER …] [LIMIT …] …`
// tokenised and parsed into cells, splits, filters, limits and flags, each with its span in the query.

import type { CommandOption, FieldPattern, GenericCommand, Ident } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';

export interface Tok {
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

export const KEYWORDS = [
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
export type Keyword = (typeof KEYWORDS)[number];
const keyword = (t: Tok | undefined): Keyword | undefined =>
  t && !t.quoted ? KEYWORDS.find((k) => k === t.text.toUpperCase()) : undefined;

export const ident = (t: Tok): Ident => ({ kind: 'ident', name: t.text, quoted: t.quoted, span: t.span });
export const pattern = (name: string, span: Span): FieldPattern => ({
  kind: 'field-pattern',
  pattern: name,
  quoted: false,
  span,
});
export const option = (key: string, value: string, span: Span): CommandOption => ({
  kind: 'option',
  key: { kind: 'ident', name: key, quoted: false, span },
  value: { kind: 'option-value', text: value, quoted: false, span },
  span,
});

/** A cell or a limit's statistic: `fn(field)`, where naming a dataset of the lineage counts its events. */
export interface Cell {
  readonly fn: Tok;
  readonly arg: Tok;
  readonly label?: Tok;
  readonly span: Span;
}

export interface Split {
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

export interface Parsed {
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
export function parsePivot(c: GenericCommand, text: string, errors: Diagnostic[]): Parsed | undefined {
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
        // "You do not need to specify all of the options" (Search Reference, pivot): without `size=`/`max=`
        // the bins are bin's automatic ones (at most 100), over the values `start=`/`end=` keep.
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
        if (!dir || !/^(top|bottom|highest|lowest)$/i.test(dir.text))
          return fail('`top`, `bottom`, `highest` or `lowest`');
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
