// `tags`: adds the tags that the tenant's tags.conf gives to field values.

import { bool, str } from '../analyse/options.ts';
import type { Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { hasTaggedValue } from '../knowledge/apply.ts';
import type { TagAssignment } from '../knowledge/types.ts';
import { noKnowledge } from '../knowledge/types.ts';
import { toMv } from '../plan/coerce.ts';
import type { State } from '../plan/index.ts';
import { truthy } from '../plan/helpers.ts';
import { reservedNames } from '../plan/scope.ts';
import { genericArgs, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** The distinct non-empty values of `parts` (each a multivalue), in order; null when there are none. */
function distinctValues(parts: readonly Expr[], at: Span): Expr {
  const all = parts.length > 0 ? [...parts] : [toMv(lit(null, at))];
  return call('mvdedup', [call('mvappend', all, 'mv', at)], 'mv', at);
}

/**
 * `tags [outputfield=<field>] [inclname=<bool>] [inclvalue=<bool>] [allowed_tags=<string>] [<field>…]`:
 * for each listed field (default: every field tags.conf tags) whose value has tags in tags.conf
 * (`[<field>=<value>]`, matched as `field=value` searches), `tag::<field>` lists them and `tag` all of them;
 * with `outputfield`, one field lists every tag, each as `[<field>::][<value>::]<tag>`.
 *
 * @example `tags host` → `mvdedup(mvappend(if(host = 'www1', ['prod'], []), …)) AS tag::host`, and `tag`
 */
export const tags: CommandModule<'generic'> = {
  name: 'tags',
  kind: 'generic',
  status: 'supported',
  options: {
    placement: 'anywhere',
    options: { outputfield: str, inclname: bool, inclvalue: bool, allowed_tags: str },
  },
  doc: {
    summary: 'Adds the tags that the tenant’s tags.conf gives to field values (`tag::<field>` and `tag`).',
    syntax:
      'tags [outputfield=<field>] [inclname=<bool>] [inclvalue=<bool>] [allowed_tags=<string>] [<field>…]',
    example: 'index=main | tags host | table host tag::host tag',
    differences: [
      'A field’s tags are listed in tags.conf order, each once; a value has a stanza’s tags when `<field>=<value>` would find it (case-insensitively, as `tag=` searches match).',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    const output = optionOf(options, 'outputfield');
    if (output && (reservedNames.has(output.value.text) || output.value.text === '')) {
      ctx.errors.push(
        diagnostic('semantic', `\`${output.value.text}\` cannot be the output field`, output.value.span),
      );
      return s;
    }
    const flag = (key: string): boolean => {
      const o = optionOf(options, key);
      return o !== undefined && truthy(o.value.text);
    };
    const inclname = flag('inclname');
    const inclvalue = flag('inclvalue');
    const allowedOption = optionOf(options, 'allowed_tags');
    const allowed = allowedOption
      ? new Set(
          allowedOption.value.text
            .split(',')
            .map((t) => t.trim())
            .filter((t) => t !== ''),
        )
      : undefined;
    const assignments = (ctx.options.knowledge?.tags ?? []).filter((t) =>
      t.tags.some((tag) => allowed === undefined || allowed.has(tag)),
    );
    // The fields, in the order written (or of tags.conf); after a transforming command, only those present.
    const listed = words.map((w) => w.text);
    const fields = (listed.length > 0 ? listed : assignments.map((t) => t.field)).filter(
      (f, i, all) => all.indexOf(f) === i && (s.scope.raw || s.scope.has(f)),
    );
    const at = c.span;
    const knowledge = ctx.options.knowledge ?? noKnowledge;
    // A tag as written into the output: with outputfield, `<field>::` and `<value>::` before it on request.
    const label = (f: string, t: TagAssignment, tag: string): string =>
      output ? `${inclname ? `${f}::` : ''}${inclvalue ? `${t.value}::` : ''}${tag}` : tag;
    const perField = fields.map((f) => ({
      field: f,
      parts: assignments
        .filter((t) => t.field === f)
        .flatMap((t) => {
          const p = hasTaggedValue(s, knowledge, f, t.value, at);
          if (!p) return [];
          return t.tags
            .filter((tag) => allowed === undefined || allowed.has(tag))
            .map((tag) => toMv(call('if', [p, lit(label(f, t, tag), at), lit(null, at)], 'any', at)));
        }),
    }));
    let state: State = s;
    const add = (name: string, expr: Expr): void => {
      state = { rel: { kind: 'compute', input: state.rel, name, expr }, scope: state.scope.with(name, 'mv') };
    };
    if (output) {
      add(
        output.value.text,
        distinctValues(
          perField.flatMap((p) => p.parts),
          at,
        ),
      );
      return state;
    }
    for (const p of perField) if (p.parts.length > 0) add(`tag::${p.field}`, distinctValues(p.parts, at));
    add(
      'tag',
      distinctValues(
        perField.flatMap((p) => p.parts),
        at,
      ),
    );
    return state;
  },
};
