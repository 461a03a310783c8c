// Grammars of the aggregating commands beyond stats: eventstats, streamstats, chart, timechart, tstats, mstats, top, rare.

import { alt_sc, apply, kright, opt_sc, seq } from 'typescript-parsec';
import type {
  Aggregation,
  ChartCommand,
  CommandOption,
  EventstatsCommand,
  MstatsCommand,
  OptionValue,
  RareCommand,
  SeriesWhereClause,
  StreamstatsCommand,
  StreamstatsReset,
  TimechartCommand,
  TopCommand,
  TstatsCommand,
  TstatsSource,
} from '../ast.ts';
import { joinSpans } from '../diagnostics.ts';
import { tokenSpan } from '../lexer/index.ts';
import type { Tok } from '../lexer/index.ts';
import {
  anyOption,
  byList,
  comma,
  countArg,
  countTok,
  fieldUnless,
  identOf,
  itemsOf,
  keyword,
  mixedList,
  optionsOf,
  optionUnless,
  orOption,
  parenthesizedAs,
  quotedAs,
  some,
} from './clauses.ts';
import type { Mixed } from './clauses.ts';
import type { Body } from './commands.ts';
import {
  expect,
  fieldPattern,
  ident,
  kw,
  match,
  nameTok,
  optionValue,
  rep_sc,
  spanOf,
  whole,
} from './combinators.ts';
import type { P } from './combinators.ts';
import { evalExpr, evalGroup } from './eval.ts';
import { searchBeforeBy } from './search.ts';
import { aggregationUnless } from './stats.ts';

const AGGREGATION = 'an aggregation such as `count` or `avg(field)`';

/** The first aggregation (required) and the rest, separated by commas or spaces. */
function aggregations(...keywords: string[]): P<Aggregation[]> {
  const one = aggregationUnless(keywords);
  return apply(seq(expect(one, AGGREGATION), rep_sc(kright(comma, one))), ([first, rest]) => [
    first,
    ...rest,
  ]);
}

const byField = fieldUnless('by');

const byOf = (
  xs: readonly Mixed<Tok>[] | undefined,
): { by: ReturnType<typeof identOf>[]; options: CommandOption[] } => ({
  by: itemsOf(xs ?? []).map(identOf),
  options: optionsOf(xs ?? []),
});

export const eventstatsBody: P<Body<EventstatsCommand>> = whole(
  apply(
    seq(rep_sc(anyOption), aggregations(), opt_sc(kright(comma, byList(byField)))),
    ([options, aggs, by]): Body<EventstatsCommand> => {
      const b = byOf(by);
      return (name, span) => ({
        kind: 'eventstats',
        name,
        span,
        options: [...options, ...b.options],
        aggregations: aggs,
        by: b.by,
      });
    },
  ),
);

const RESET_EXPR = 'an eval expression in parentheses, such as `(count>5)` or `"(count>5)"`, after {prev}';

/** `reset_before="(<eval-expression>)"`, as the Search Reference writes it, or without the quotes. */
const reset: P<StreamstatsReset> = apply(
  seq(
    keyword('reset_before', 'reset_after'),
    kw(['op'], '='),
    alt_sc(
      apply(quotedAs('eval', evalGroup, RESET_EXPR), (v) => ({ expr: v.value, last: v.token })),
      apply(parenthesizedAs('eval', evalExpr, RESET_EXPR), (v) => ({
        // The same tree as the quoted form's: the group of the expression.
        expr: {
          kind: 'eval-group' as const,
          inner: v.value,
          span: joinSpans(tokenSpan(v.open), tokenSpan(v.close)),
        },
        last: v.close,
      })),
    ),
  ),
  ([k, , v]): StreamstatsReset => ({
    kind: 'streamstats-reset',
    key: ident(k),
    expr: v.expr,
    span: joinSpans(tokenSpan(k), tokenSpan(v.last)),
  }),
);

const streamstatsOption = optionUnless('reset_before', 'reset_after');
const resetOrOption = orOption(reset, streamstatsOption);
const streamstatsByField = fieldUnless('by', 'reset_before', 'reset_after');

/** `BY <field>…` with options among the fields, but the resets (which follow it, in `rep_sc(resetOrOption)`). */
const streamstatsBy: P<Mixed<Tok>[]> = kright(
  keyword('by'),
  apply(
    seq(
      expect(orOption(streamstatsByField, streamstatsOption), 'a field name after {prev}'),
      mixedList(streamstatsByField, streamstatsOption),
    ),
    ([first, rest]) => [first, ...rest],
  ),
);

export const streamstatsBody: P<Body<StreamstatsCommand>> = whole(
  apply(
    seq(
      rep_sc(resetOrOption),
      aggregations(),
      // Options may also follow the aggregations (`streamstats count time_window=5m`) or the BY fields.
      rep_sc(resetOrOption),
      opt_sc(kright(comma, streamstatsBy)),
      rep_sc(resetOrOption),
    ),
    ([leading, aggs, middle, by, trailing]): Body<StreamstatsCommand> => {
      const b = byOf(by);
      return (name, span) => ({
        kind: 'streamstats',
        name,
        span,
        options: [...optionsOf(leading), ...optionsOf(middle), ...b.options, ...optionsOf(trailing)],
        aggregations: aggs,
        by: b.by,
        resets: [...itemsOf(leading), ...itemsOf(middle), ...itemsOf(trailing)],
      });
    },
  ),
);

const chartField = fieldUnless('by', 'over', 'where');

const anyWord: P<Tok> = match((t) => t.kind !== 'eof' && t.kind !== 'subsearch');

/** `WHERE <agg> in top5` / `WHERE <agg> > 100` after the split field of chart and timechart, as words. */
const seriesWhere: P<SeriesWhereClause> = apply(
  seq(keyword('where'), expect(anyWord, 'a condition after {prev}'), rep_sc(anyWord)),
  ([w, first, rest]): SeriesWhereClause => {
    const words: OptionValue[] = [first, ...rest].map(optionValue);
    return { words, span: spanOf(tokenSpan(w), words[words.length - 1]?.span) };
  },
);

/** `chart [options] <agg>… [OVER f] [BY f [f]] [options]`. */
export const chartBody: P<Body<ChartCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      aggregations('over'),
      opt_sc(kright(comma, kright(keyword('over'), expect(chartField, 'a field name after {prev}')))),
      rep_sc(anyOption),
      opt_sc(kright(comma, byList(chartField))),
      opt_sc(seriesWhere),
    ),
    ([options, aggs, over, middle, by, where]): Body<ChartCommand> => {
      const b = byOf(by);
      return (name, span) => ({
        kind: 'chart',
        name,
        span,
        options: [...options, ...middle, ...b.options],
        aggregations: aggs,
        ...some('over', over === undefined ? undefined : ident(over)),
        by: b.by,
        ...some('where', where),
      });
    },
  ),
);

/** `timechart [options] <agg>… [options] [BY f] [options] [WHERE <agg> in top5 …]`. */
export const timechartBody: P<Body<TimechartCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      aggregations('where'),
      rep_sc(anyOption),
      opt_sc(
        kright(comma, kright(keyword('by'), expect(fieldUnless('by', 'where'), 'a field name after {prev}'))),
      ),
      rep_sc(anyOption),
      opt_sc(seriesWhere),
    ),
    ([options, aggs, middle, by, trailing, where]): Body<TimechartCommand> => {
      return (name, span) => ({
        kind: 'timechart',
        name,
        span,
        options: [...options, ...middle, ...trailing],
        aggregations: aggs,
        ...some('by', by === undefined ? undefined : ident(by)),
        ...some('where', where),
      });
    },
  ),
);

/** `datamodel=Endpoint.Processes` (or the older `datamodel:Endpoint.Processes`) → data model and node. */
function dataModel(value: Tok, start: Tok): TstatsSource {
  const whole = ident(value);
  const text = whole.name.replace(/^datamodel:/i, '');
  const skip = whole.name.length - text.length;
  const dot = text.indexOf('.');
  const at = (from: number, to: number): typeof whole.span =>
    whole.quoted ? whole.span : { start: whole.span.start + skip + from, end: whole.span.start + skip + to };
  const dm = {
    ...whole,
    name: dot < 0 ? text : text.slice(0, dot),
    span: at(0, dot < 0 ? text.length : dot),
  };
  const span = joinSpans(tokenSpan(start), whole.span);
  if (dot < 0) return { kind: 'tstats-datamodel', datamodel: dm, span };
  const node = { ...whole, name: text.slice(dot + 1), span: at(dot + 1, text.length) };
  return { kind: 'tstats-datamodel', datamodel: dm, node, span };
}

const fromClause: P<TstatsSource> = apply(
  seq(
    keyword('from'),
    expect(
      alt_sc(
        apply(
          seq(keyword('datamodel'), kw(['op'], '='), expect(nameTok, 'a data model name after {prev}')),
          ([d, , v]) => ({ value: v, start: d, datamodel: true }),
        ),
        apply(nameTok, (v) => ({ value: v, start: v, datamodel: /^datamodel:/i.test(v.text) })),
      ),
      'a data model such as `datamodel=Endpoint.Processes` after {prev}',
    ),
  ),
  ([f, { value, start, datamodel }]): TstatsSource => {
    if (datamodel) {
      const dm = dataModel(value, start);
      return { ...dm, span: joinSpans(tokenSpan(f), dm.span) };
    }
    return {
      kind: 'tstats-namespace',
      namespace: ident(value),
      span: joinSpans(tokenSpan(f), tokenSpan(value)),
    };
  },
);

const whereSearch = kright(keyword('where'), expect(searchBeforeBy, 'a search expression after {prev}'));

/** `tstats [options] <agg>… [FROM …] [WHERE <search>] [BY f, … [span=…]]` (lexed in search mode). */
export const tstatsBody: P<Body<TstatsCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      aggregations('from', 'where'),
      opt_sc(fromClause),
      opt_sc(whereSearch),
      opt_sc(byList(byField)),
      rep_sc(anyOption),
    ),
    ([options, aggs, from, where, by, trailing]): Body<TstatsCommand> => {
      const b = byOf(by);
      return (name, span) => ({
        kind: 'tstats',
        name,
        span,
        options: [...options, ...b.options, ...trailing],
        aggregations: aggs,
        ...some('from', from),
        ...some('where', where),
        by: b.by,
      });
    },
  ),
);

/** `mstats [options] <agg(metric)>… WHERE <search> [BY|GROUPBY f …] [span=…]` (lexed in search mode). */
export const mstatsBody: P<Body<MstatsCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      aggregations('where', 'groupby'),
      expect(whereSearch, '`WHERE` and a search expression'),
      opt_sc(byList(fieldUnless('by', 'groupby'), 'by', 'groupby')),
      rep_sc(anyOption),
    ),
    ([options, aggs, where, by, trailing]): Body<MstatsCommand> => {
      const b = byOf(by);
      return (name, span) => ({
        kind: 'mstats',
        name,
        span,
        options: [...options, ...b.options, ...trailing],
        aggregations: aggs,
        where,
        by: b.by,
      });
    },
  ),
);

/** `top`/`rare`: `[N] [options] <fields> [BY <fields>] [options]`. */
function topRare<K extends 'top' | 'rare'>(kind: K) {
  return whole(
    apply(
      seq(
        opt_sc(countTok),
        rep_sc(anyOption),
        expect(byField, 'a field name to count'),
        mixedList(byField),
        opt_sc(byList(byField)),
      ),
      ([count, leading, first, rest, by]) => {
        const b = byOf(by);
        const fields = [first, ...itemsOf(rest)].map(fieldPattern);
        const options = [...leading, ...optionsOf(rest), ...b.options];
        return (name: ReturnType<typeof identOf>, span: { start: number; end: number }) => ({
          kind,
          name,
          span,
          ...some('count', count === undefined ? undefined : countArg(count)),
          options,
          fields,
          by: b.by,
        });
      },
    ),
  );
}

export const topBody: P<Body<TopCommand>> = topRare('top');
export const rareBody: P<Body<RareCommand>> = topRare('rare');
