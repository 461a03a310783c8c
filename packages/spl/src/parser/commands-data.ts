// Grammars of the field-shaping commands: convert, lookup, bin, dedup, rex, regex, fillnull, spath, mvexpand, makemv, iplocation, addtotals.

import { alt_sc, apply, kright, opt_sc, seq } from 'typescript-parsec';
import type {
  AddtotalsCommand,
  BinCommand,
  ConvertCommand,
  ConvertFunction,
  DedupCommand,
  FillnullCommand,
  IplocationCommand,
  LookupCommand,
  LookupField,
  MakemvCommand,
  MvexpandCommand,
  RegexCommand,
  RexCommand,
  SortKey,
  SpathCommand,
} from '../ast.ts';
import { tokenSpan } from '../lexer/index.ts';
import type { Tok } from '../lexer/index.ts';
import {
  anyOption,
  commas,
  countArg,
  countTok,
  fieldUnless,
  itemsOf,
  keyword,
  mixedList,
  optionsOf,
  some,
} from './clauses.ts';
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
  tk,
  whole,
} from './combinators.ts';
import type { P } from './combinators.ts';
import { sortKey } from './stats.ts';

const FIELD = 'a field name after {prev}';

/** `ctime(firstTime) [AS t]`. */
const conversion: P<ConvertFunction> = apply(
  seq(
    fieldUnless('as'),
    expect(tk('lparen'), '`(` after the conversion function {prev}'),
    expect(nameTok, 'a field name after `(`'),
    expect(tk('rparen'), '`)`'),
    opt_sc(kright(keyword('as'), expect(nameTok, FIELD))),
  ),
  ([fn, , field, r, as]): ConvertFunction => ({
    kind: 'convert-function',
    fn: ident(fn),
    field: fieldPattern(field),
    ...some('alias', as === undefined ? undefined : fieldPattern(as)),
    span: spanOf(tokenSpan(fn), tokenSpan(r), as === undefined ? undefined : tokenSpan(as)),
  }),
);

export const convertBody: P<Body<ConvertCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      expect(conversion, 'a conversion such as `ctime(field)` after {prev}'),
      mixedList(conversion),
    ),
    ([options, first, rest]): Body<ConvertCommand> =>
      (name, span) => ({
        kind: 'convert',
        name,
        span,
        options: [...options, ...optionsOf(rest)],
        conversions: [first, ...itemsOf(rest)],
      }),
  ),
);

const lookupName = fieldUnless('as', 'output', 'outputnew');

/** `field [AS alias]` of `lookup`. */
const lookupField: P<LookupField> = apply(
  seq(lookupName, opt_sc(kright(keyword('as'), expect(nameTok, FIELD)))),
  ([f, as]): LookupField => ({
    kind: 'lookup-field',
    field: ident(f),
    ...some('alias', as === undefined ? undefined : ident(as)),
    span: spanOf(tokenSpan(f), as === undefined ? undefined : tokenSpan(as)),
  }),
);

const lookupFields = (what: string): P<LookupField[]> =>
  apply(seq(expect(lookupField, what), rep_sc(kright(commas, lookupField)), commas), ([first, rest]) => [
    first,
    ...rest,
  ]);

export const lookupBody: P<Body<LookupCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      expect(lookupName, 'a lookup table name after {prev}'),
      lookupFields('a lookup field name after the table name {prev}'),
      opt_sc(seq(keyword('output', 'outputnew'), lookupFields(FIELD))),
    ),
    ([options, table, keys, out]): Body<LookupCommand> => {
      const output =
        out === undefined
          ? undefined
          : {
              mode: out[0].text.toLowerCase() === 'outputnew' ? ('OUTPUTNEW' as const) : ('OUTPUT' as const),
              keyword: ident(out[0]),
              fields: out[1],
              span: spanOf(tokenSpan(out[0]), out[1][out[1].length - 1]?.span),
            };
      return (name, span) => ({
        kind: 'lookup',
        name,
        span,
        options,
        table: ident(table),
        keys,
        ...some('output', output),
      });
    },
  ),
);

/** `bin`/`bucket [options] <field> [options] [AS name] [options]`: Splunk takes the options anywhere. */
export const binBody: P<Body<BinCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      expect(fieldUnless('as'), FIELD),
      rep_sc(anyOption),
      opt_sc(kright(keyword('as'), expect(nameTok, FIELD))),
      rep_sc(anyOption),
    ),
    ([before, field, middle, as, after]): Body<BinCommand> =>
      (name, span) => ({
        kind: 'bin',
        name,
        span,
        options: [...before, ...middle, ...after],
        field: fieldPattern(field),
        ...some('alias', as === undefined ? undefined : ident(as)),
      }),
  ),
);

const dedupField = fieldUnless('sortby');

/** `dedup [N] <fields> [options] [sortby [+|-]f …]`. */
export const dedupBody: P<Body<DedupCommand>> = whole(
  apply(
    seq(
      opt_sc(countTok),
      rep_sc(anyOption),
      expect(dedupField, FIELD),
      mixedList(dedupField),
      opt_sc(kright(keyword('sortby'), seq(expect(sortKey, 'a sort key after {prev}'), mixedList(sortKey)))),
    ),
    ([count, leading, first, rest, sortby]): Body<DedupCommand> => {
      const keys: SortKey[] = sortby === undefined ? [] : [sortby[0], ...itemsOf(sortby[1])];
      const options = [...leading, ...optionsOf(rest), ...optionsOf(sortby?.[1] ?? [])];
      return (name, span) => ({
        kind: 'dedup',
        name,
        span,
        ...some('count', count === undefined ? undefined : countArg(count)),
        fields: [first, ...itemsOf(rest)].map(fieldPattern),
        options,
        sortby: keys,
      });
    },
  ),
);

/** `rex [options] "<regex>" [options]`. */
export const rexBody: P<Body<RexCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      expect(tk('string'), 'a quoted regular expression after {prev}'),
      rep_sc(anyOption),
    ),
    ([before, regex, after]): Body<RexCommand> =>
      (name, span) => ({
        kind: 'rex',
        name,
        span,
        options: [...before, ...after],
        regex: optionValue(regex),
      }),
  ),
);

const regexValue = match((t) => t.kind === 'string' || t.kind === 'word');

/** `regex [<field>=|<field>!=]"<regex>"`. */
export const regexBody: P<Body<RegexCommand>> = whole(
  apply(
    expect(
      alt_sc(
        apply(
          seq(nameTok, kw(['op'], '=', '!='), expect(regexValue, 'a regular expression after {prev}')),
          ([f, op, v]) => ({ field: f, negated: op.text === '!=', value: v }),
        ),
        apply(tk('string'), (v) => ({ field: undefined, negated: false, value: v })),
      ),
      'a regular expression such as `field="^a.*"`',
    ),
    ({ field, negated, value }): Body<RegexCommand> =>
      (name, span) => ({
        kind: 'regex',
        name,
        span,
        ...some('field', field === undefined ? undefined : ident(field)),
        negated,
        regex: optionValue(value),
      }),
  ),
);

/** Options and fields in any order: `fillnull value=0 a, b`, `addtotals row=t a b`. */
const optionsAndFields = mixedList(nameTok);

export const fillnullBody: P<Body<FillnullCommand>> = whole(
  apply(optionsAndFields, (xs): Body<FillnullCommand> => (name, span) => ({
    kind: 'fillnull',
    name,
    span,
    options: optionsOf(xs),
    fields: itemsOf(xs).map(fieldPattern),
  })),
);

export const addtotalsBody: P<Body<AddtotalsCommand>> = whole(
  apply(optionsAndFields, (xs): Body<AddtotalsCommand> => (name, span) => ({
    kind: 'addtotals',
    name,
    span,
    options: optionsOf(xs),
    fields: itemsOf(xs).map(fieldPattern),
  })),
);

/** `spath [options] [<path>] [options]`. */
export const spathBody: P<Body<SpathCommand>> = whole(
  apply(
    seq(rep_sc(anyOption), opt_sc(nameTok), rep_sc(anyOption)),
    ([before, path, after]): Body<SpathCommand> =>
      (name, span) => ({
        kind: 'spath',
        name,
        span,
        options: [...before, ...after],
        ...some('path', path === undefined ? undefined : optionValue(path)),
      }),
  ),
);

/** `[options] <field> [options]`: the shape of mvexpand, makemv and iplocation. */
const oneField: P<{ options: ReturnType<typeof optionsOf>; field: Tok }> = apply(
  seq(rep_sc(anyOption), expect(nameTok, FIELD), rep_sc(anyOption)),
  ([before, field, after]) => ({ options: [...before, ...after], field }),
);

export const mvexpandBody: P<Body<MvexpandCommand>> = whole(
  apply(oneField, ({ options, field }): Body<MvexpandCommand> => (name, span) => ({
    kind: 'mvexpand',
    name,
    span,
    options,
    field: fieldPattern(field),
  })),
);

export const makemvBody: P<Body<MakemvCommand>> = whole(
  apply(oneField, ({ options, field }): Body<MakemvCommand> => (name, span) => ({
    kind: 'makemv',
    name,
    span,
    options,
    field: fieldPattern(field),
  })),
);

export const iplocationBody: P<Body<IplocationCommand>> = whole(
  apply(oneField, ({ options, field }): Body<IplocationCommand> => (name, span) => ({
    kind: 'iplocation',
    name,
    span,
    options,
    field: ident(field),
  })),
);
