// Grammars of the remaining top-40 commands: apply, xmlkv, map, replace, fromjson, from, anomalydetection.

import { alt_sc, apply, kright, opt_sc, seq } from 'typescript-parsec';
import type {
  AnomalydetectionCommand,
  ApplyCommand,
  CommandOption,
  FromCommand,
  FromjsonCommand,
  Ident,
  MapCommand,
  ReplaceCommand,
  ReplacePair,
  Subsearch,
  XmlkvCommand,
} from '../ast.ts';
import { joinSpans } from '../diagnostics.ts';
import { tokenSpan } from '../lexer/index.ts';
import type { Tok } from '../lexer/index.ts';
import {
  anyOption,
  commas,
  fieldUnless,
  itemsOf,
  keyword,
  mixedList,
  optionsOf,
  optionUnless,
  some,
  subsearch,
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
  whole,
} from './combinators.ts';
import type { P } from './combinators.ts';

const FIELD = 'a field name after {prev}';

/** `apply [options] <model> [AS <field>] [options]`. */
export const applyBody: P<Body<ApplyCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      expect(fieldUnless('as'), 'a model name after {prev}'),
      opt_sc(kright(keyword('as'), expect(nameTok, FIELD))),
      rep_sc(anyOption),
    ),
    ([before, model, as, after]): Body<ApplyCommand> =>
      (name, span) => ({
        kind: 'apply',
        name,
        span,
        model: ident(model),
        ...some('alias', as === undefined ? undefined : ident(as)),
        options: [...before, ...after],
      }),
  ),
);

/** `xmlkv [options] [<field>] [options]`. */
export const xmlkvBody: P<Body<XmlkvCommand>> = whole(
  apply(
    seq(rep_sc(anyOption), opt_sc(nameTok), rep_sc(anyOption)),
    ([before, field, after]): Body<XmlkvCommand> =>
      (name, span) => ({
        kind: 'xmlkv',
        name,
        span,
        ...some('field', field === undefined ? undefined : ident(field)),
        options: [...before, ...after],
      }),
  ),
);

/** `fromjson [options] <field> [options]`. */
export const fromjsonBody: P<Body<FromjsonCommand>> = whole(
  apply(
    seq(rep_sc(anyOption), expect(nameTok, FIELD), rep_sc(anyOption)),
    ([before, field, after]): Body<FromjsonCommand> =>
      (name, span) => ({
        kind: 'fromjson',
        name,
        span,
        field: ident(field),
        options: [...before, ...after],
      }),
  ),
);

type MapSource =
  | { readonly tag: 'search'; readonly search: CommandOption }
  | { readonly tag: 'subsearch'; readonly subsearch: Subsearch }
  | { readonly tag: 'saved'; readonly name: Ident };

/** `search="<search>"`: the search stays a string (its `$field$` tokens are substituted per result). */
const mapSearch: P<CommandOption> = apply(
  seq(
    keyword('search'),
    kw(['op'], '='),
    expect(
      match((t) => t.kind === 'string' || t.kind === 'word'),
      'a quoted search after {prev}',
    ),
  ),
  ([k, , v]): CommandOption => ({
    kind: 'option',
    key: ident(k),
    value: optionValue(v),
    span: joinSpans(tokenSpan(k), tokenSpan(v)),
  }),
);

const mapSource: P<MapSource> = alt_sc(
  apply(mapSearch, (search): MapSource => ({ tag: 'search', search })),
  apply(subsearch, (s): MapSource => ({ tag: 'subsearch', subsearch: s })),
  apply(nameTok, (t): MapSource => ({ tag: 'saved', name: ident(t) })),
);

const mapOption = optionUnless('search');

/** `map [options] search="…" | [ … ] | <saved-search> [options]`. */
export const mapBody: P<Body<MapCommand>> = whole(
  apply(
    seq(
      rep_sc(mapOption),
      expect(mapSource, 'a search such as `search="…"` or `[ … ]` after {prev}'),
      rep_sc(mapOption),
    ),
    ([before, source, after]): Body<MapCommand> =>
      (name, span) => ({
        kind: 'map',
        name,
        span,
        options: [...before, ...after],
        ...some('search', source.tag === 'search' ? source.search : undefined),
        ...some('subsearch', source.tag === 'subsearch' ? source.subsearch : undefined),
        ...some('savedsearch', source.tag === 'saved' ? source.name : undefined),
      }),
  ),
);

/** A value to replace: `in` only when `WITH` follows, since otherwise it starts the field list. */
const replaceFrom: P<Tok> = match(
  (t) =>
    t.kind === 'string' ||
    (t.kind === 'word' && (t.text.toLowerCase() !== 'in' || t.next?.text.toLowerCase() === 'with')),
);

/** `<wc-string> WITH <wc-string>`. */
const replacePair: P<ReplacePair> = apply(
  seq(
    replaceFrom,
    expect(keyword('with'), '`WITH` after {prev}'),
    expect(nameTok, 'a replacement value after {prev}'),
  ),
  ([from, , to]): ReplacePair => ({
    kind: 'replace-pair',
    from: optionValue(from),
    to: optionValue(to),
    span: joinSpans(tokenSpan(from), tokenSpan(to)),
  }),
);

/** `replace <wc> WITH <wc> [, <wc> WITH <wc>]… [IN <fields>]`. */
export const replaceBody: P<Body<ReplaceCommand>> = whole(
  apply(
    seq(
      expect(replacePair, 'a value to replace after {prev}'),
      rep_sc(kright(commas, replacePair)),
      commas,
      opt_sc(kright(keyword('in'), seq(expect(nameTok, FIELD), rep_sc(kright(commas, nameTok)), commas))),
    ),
    ([first, rest, , fields]): Body<ReplaceCommand> =>
      (name, span) => ({
        kind: 'replace',
        name,
        span,
        replacements: [first, ...rest],
        fields: fields === undefined ? [] : [fields[0], ...fields[1]].map(fieldPattern),
      }),
  ),
);

/** The dataset types of SPL1's `from`. */
const DATASET_TYPES = ['datamodel', 'lookup', 'inputlookup', 'savedsearch'];
const DATASET = new RegExp(`^(${DATASET_TYPES.join('|')}):(.*)$`, 'i');

/** The ident of `t.text[from, to)`, for the parts of a `type:name` word. */
function partOf(t: Tok, from: number, to: number): Ident {
  const start = t.pos.index;
  return {
    kind: 'ident',
    name: t.text.slice(from, to),
    quoted: false,
    span: { start: start + from, end: start + to },
  };
}

const typeThenName = (pred: (t: Tok) => boolean, type: (t: Tok) => Ident): P<[Ident, Ident]> =>
  apply(seq(match(pred), expect(nameTok, 'a dataset name after {prev}')), ([t, n]): [Ident, Ident] => [
    type(t),
    ident(n),
  ]);

/** `type:name` in one word, `type:"name"`, or `type name`. */
const dataset: P<[Ident, Ident]> = alt_sc(
  apply(
    match((t) => t.kind === 'word' && (DATASET.exec(t.text)?.[2] ?? '') !== ''),
    (t): [Ident, Ident] => {
      const colon = t.text.indexOf(':');
      return [partOf(t, 0, colon), partOf(t, colon + 1, t.text.length)];
    },
  ),
  typeThenName(
    (t) => t.kind === 'word' && DATASET.exec(t.text)?.[2] === '',
    (t) => partOf(t, 0, t.text.length - 1),
  ),
  typeThenName(
    (t) => t.kind === 'word' && DATASET_TYPES.includes(t.text.toLowerCase()),
    (t) => ident(t),
  ),
);

/** `from <dataset-type>:<dataset-name>`. */
export const fromBody: P<Body<FromCommand>> = whole(
  apply(
    expect(dataset, 'a dataset such as `datamodel:<name>` or `inputlookup:<table>` after {prev}'),
    ([datasetType, name_]): Body<FromCommand> =>
      (name, span) => ({ kind: 'from', name, span, datasetType, dataset: name_ }),
  ),
);

/** `anomalydetection [options] [<fields>]`, options and fields in any order. */
export const anomalydetectionBody: P<Body<AnomalydetectionCommand>> = whole(
  apply(mixedList(nameTok), (xs): Body<AnomalydetectionCommand> => (name, span) => ({
    kind: 'anomalydetection',
    name,
    span,
    options: optionsOf(xs),
    fields: itemsOf(xs).map(ident),
  })),
);
