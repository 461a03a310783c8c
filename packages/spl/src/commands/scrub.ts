// `scrub`: anonymises the results: every word and number of their text becomes another of the same shape.

import type { Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, col, lit, seriesColumn, seriesEntryColumn } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import type { State } from '../plan/index.ts';
import { genericArgs, keepColumnOrder, noMoreWords } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** Fields kept as they are: they name kinds of data, not people or machines. */
const KEPT: ReadonlySet<string> = new Set(['index', 'sourcetype']);

/** The lambda variable of the per-value scrub of a multivalue field. */
const VALUE = '__scrub_value';

/**
 * `scrub`: in `_raw` and every other field but the internal ones, `index` and `sourcetype` (numbers computed by
 * the search, such as counts, are kept), each run of digits becomes digits and each run of letters becomes
 * letters of the same length and case, punctuation and spaces staying. The replacement is derived from the
 * run and the tenant, so a value is replaced alike in every event and every search of the tenant (a user
 * name stays recognisable as the same user) while another tenant's replacements differ.
 *
 * @example `scrub` → `arrayStringConcat(arrayMap(t -> multiIf(match(t, '^[0-9]+$'), …), extractAll(_raw, …)), '') AS _raw`
 */
export const scrub: CommandModule<'generic'> = {
  name: 'scrub',
  kind: 'generic',
  status: 'partly',
  doc: {
    summary: 'Anonymises the results: words and numbers replaced by others of the same length and case.',
    syntax: 'scrub',
    example: 'index=main | scrub | table _raw, host',
    differences: [
      'Splunk keeps the common English words of its dictionaries and replaces names and terms with random ones; Nexus replaces every word and number with a deterministic one of the same length and case (the same for a tenant’s every search), keeps `index` and `sourcetype`, and takes no dictionary options.',
      'Over raw events the structured fields are scrubbed when a later command names them, and the events shown carry every field scrubbed (as text) in their fields.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    noMoreWords('scrub', words, ctx.errors, 'no arguments');
    for (const o of options) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          `\`scrub ${o.key.name}=\` (a dictionary file) is not supported`,
          o.key.span,
          ['Nexus replaces every word and number; no dictionary is needed'],
        ),
      );
    }
    if (words.length > 0 || options.length > 0) return s;
    const salt = lit(ctx.options.orgId);
    const scrubbed = (e: Expr): Expr =>
      e.type === 'mv'
        ? call('mvmap', [e, call('scrub', [col(VALUE, 'string'), salt], 'string'), lit(VALUE)], 'mv', c.span)
        : call('scrub', [toStr(e), salt], 'string', c.span);
    const names = s.scope.columns
      .filter(
        (f) =>
          (f.name === '_raw' || !f.name.startsWith('_')) &&
          !KEPT.has(f.name) &&
          f.name !== seriesColumn &&
          (f.type === 'any' || f.type === 'string' || f.type === 'mv'),
      )
      .map((f) => f.name);
    const state = names.reduce<State>((st, name) => {
      const expr = scrubbed(st.scope.resolve(name));
      return {
        rel: { kind: 'compute', input: st.rel, name, expr },
        scope: st.scope.with(name, expr.type === 'mv' ? 'mv' : 'any'),
      };
    }, s);
    if (!s.scope.raw) return keepColumnOrder(state, s.scope.columns);
    // The events' structured fields, scrubbed when a later command reads one by name.
    const before = s.scope;
    const read = (name: string, at?: Span): Expr | undefined =>
      name.startsWith('_') || KEPT.has(name) ? undefined : scrubbed(before.resolve(name, at));
    // Every field as it is now, scrubbed (internal `_` ones kept): what the events shown carry.
    const current = before.structuredMap(/(?!)/);
    const fields =
      current &&
      call('map_apply', [current, scrubbed(col(seriesEntryColumn, 'mv')), lit('^[^_]')], 'mv', c.span);
    return { rel: state.rel, scope: state.scope.withReader(read, c.name.span, fields) };
  },
};
