// Lowers `foreach <fields> [ eval … ]` (mode=multifield): the subsearch's text once per field, with the
// template values replaced, as Splunk does; the folds of foreach-folds.ts where names or values are known
// only when the search runs.

import type { Command, FieldPattern, ForeachCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { ExprContext } from './coerce.ts';
import type { State } from './index.ts';
import { fieldPatternRegExp } from './scope.ts';
import type { Mode, Templates } from './foreach-folds.ts';
import { eachItem, eachSeries, eachStructured, parseAt, within } from './foreach-folds.ts';

/**
 * Splunk's `foreach` in its default `multifield` mode: for each field the list names (wildcards expand
 * over the fields known here, in name order, internal `_` fields only for a pattern starting with `_`),
 * the subsearch runs with `<<FIELD>>` replaced by the field's name, `<<MATCHSTR>>` by what its wildcard
 * matched and `<<MATCHSEGn>>` by what its n-th wildcard matched (`fieldstr=`, `matchstr=`, `matchseg1=`…
 * name other placeholders); each run sees the fields the runs before it set. Only `eval` may run. After
 * a split-by, a wildcard also reaches the series, whose names are known only when the search runs: there
 * the subsearch may only set `<<FIELD>>` from the series' own value.
 */
export function foreach(
  c: ForeachCommand,
  s: State,
  text: string,
  ctx: (s: State, errors: Diagnostic[]) => ExprContext,
  lower: (command: Command, s: State, errors: Diagnostic[]) => State,
  errors: Diagnostic[],
): State {
  const t: Templates = {
    field: '<<FIELD>>',
    matchstr: '<<MATCHSTR>>',
    segments: ['<<MATCHSEG1>>', '<<MATCHSEG2>>', '<<MATCHSEG3>>'],
    item: '<<ITEM>>',
    iter: '<<ITER>>',
  };
  let mode: Mode = 'multifield';
  for (const o of c.options) {
    const k = o.key.name.toLowerCase();
    const v = o.value.text;
    if (k !== 'mode' && v === '') {
      errors.push(diagnostic('semantic', `\`${o.key.name}\` needs a placeholder text`, o.span));
      return s;
    }
    if (k === 'fieldstr') t.field = v;
    else if (k === 'matchstr') t.matchstr = v;
    else if (k === 'matchseg1' || k === 'matchseg2' || k === 'matchseg3')
      t.segments[Number(k.slice(-1)) - 1] = v;
    else if (k === 'itemstr') t.item = v;
    else if (k === 'iterstr') t.iter = v;
    else if (k === 'mode') {
      const m = v.toLowerCase();
      if (m !== 'multifield' && m !== 'multivalue' && m !== 'json_array' && m !== 'auto_collections') {
        errors.push(diagnostic('semantic', `\`foreach\` has no mode \`${v}\``, o.span));
        return s;
      }
      mode = m;
    } else {
      errors.push(diagnostic('unsupported', `\`foreach ${o.key.name}=\` is not supported yet`, o.span));
      return s;
    }
  }
  const other = c.subsearch.pipeline.commands.find((x) => x.kind !== 'eval');
  if (other) {
    errors.push(
      diagnostic('unsupported', '`foreach` supports only `eval` in its subsearch so far', other.name.span),
    );
    return s;
  }
  const body = c.subsearch.pipeline.span;
  const template = text.slice(body.start, body.end);
  if (mode !== 'multifield') return eachItem(c, mode, s, template, t, ctx, errors);

  // The fields, in order: each pattern's matches by name, each field once.
  const fields: { name: string; captures: string[]; pattern: string }[] = [];
  const seriesPatterns: string[] = [];
  const rawPatterns: FieldPattern[] = [];
  for (const p of c.fields) {
    if (!p.pattern.includes('*')) {
      if (!fields.some((f) => f.name === p.pattern))
        fields.push({ name: p.pattern, captures: [], pattern: p.pattern });
      continue;
    }
    if (s.scope.raw) rawPatterns.push(p);
    const re = fieldPatternRegExp(p.pattern);
    const names = s.scope.fields
      .map((x) => x.name)
      .filter((n) => re.test(n) && (!n.startsWith('_') || p.pattern.startsWith('_')))
      .sort();
    for (const name of names) {
      const captures = re.exec(name)?.slice(1) ?? [];
      if (!fields.some((f) => f.name === name)) fields.push({ name, captures, pattern: p.pattern });
    }
    if (s.scope.seriesType !== undefined) seriesPatterns.push(p.pattern);
  }

  /** The subsearch's commands with the placeholders replaced; undefined after a parse error. */
  const commands = (
    field: string,
    captures: readonly string[],
    pattern: string,
  ): readonly Command[] | undefined => {
    let filled = template.split(t.field).join(field);
    filled = filled.split(t.matchstr).join(matchString(field, pattern));
    t.segments.forEach((seg, i) => {
      filled = filled.split(seg).join(captures[i] ?? '');
    });
    return parseAt(filled, body, errors);
  };

  let state = s;
  for (const f of fields) {
    const run = commands(f.name, f.captures, f.pattern);
    if (!run) return s;
    const found: Diagnostic[] = [];
    for (const command of run) state = lower(command, state, found);
    errors.push(...found.map((d) => within(d, body)));
  }
  if (seriesPatterns.length > 0) state = eachSeries(c, state, template, t, seriesPatterns, ctx, errors);
  for (const p of rawPatterns) {
    const next = eachStructured(p, state, template, t, body, ctx, errors);
    if (!next) return s;
    state = next;
  }
  return state;
}

/**
 * `<<MATCHSTR>>` for `field`, which `pattern` matched: with one wildcard its match; with several
 * (Splunk's page says only "the part of the field name that matches the wildcard values"), the name from
 * the first wildcard's match to the last's, the text between them included (`test1ab2` for `test*ab*`:
 * `1ab2`); empty for a field named without a wildcard.
 */
function matchString(field: string, pattern: string): string {
  const stars = pattern.split('*');
  if (stars.length < 2) return '';
  // The pattern's text before the first `*` and after the last is the name's own prefix and suffix.
  const prefix = stars[0] ?? '';
  const suffix = stars[stars.length - 1] ?? '';
  return field.slice(prefix.length, field.length - suffix.length);
}
