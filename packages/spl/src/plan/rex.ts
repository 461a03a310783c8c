// Lowers `rex` (named groups into fields, max_match, mode=sed) and `regex` (keep or drop matching events).

import type { RegexCommand, RexCommand } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { toStr } from './coerce.ts';
import { optionText } from './helpers.ts';
import { checkRegex, matchOnlyForm } from './re2-syntax.ts';

export { checkRegex };
import type { State } from './index.ts';

/** The names of the capturing groups in order; unnamed groups are `undefined` (they still count). */
export function captureGroups(pattern: string): (string | undefined)[] {
  const groups: (string | undefined)[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      continue;
    }
    if (ch !== '(') continue;
    const rest = pattern.slice(i + 1);
    const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    if (named) groups.push(named[1]);
    else if (!rest.startsWith('?')) groups.push(undefined);
  }
  return groups;
}

/** RE2 spells named groups `(?P<name>…)`; PCRE's `(?<name>…)` is rewritten to it. */
const re2 = (pattern: string): string => pattern.replace(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?P<$1>');

const option = (c: RexCommand, key: string): string | undefined => optionText(c.options, key);

export function rex(c: RexCommand, s: State, errors: Diagnostic[]): State {
  const fieldName = option(c, 'field') ?? '_raw';
  const input = s.scope.resolve(fieldName);
  const pattern = c.regex.text;
  for (const o of c.options) {
    const k = o.key.name.toLowerCase();
    if (k !== 'field' && k !== 'max_match' && k !== 'mode') {
      errors.push(diagnostic('unsupported', `\`rex ${o.key.name}=\` is not supported yet`, o.span));
    }
  }
  if (option(c, 'mode')?.toLowerCase() === 'sed') return sed(c, s, fieldName, input, errors);
  const problem = checkRegex(pattern, c.regex.span);
  if (problem) {
    errors.push(problem);
    return s;
  }
  const maxMatch = Number(option(c, 'max_match') ?? '1');
  if (!Number.isInteger(maxMatch) || maxMatch < 0) {
    errors.push(diagnostic('semantic', '`max_match` must be a whole number ≥ 0', c.span));
    return s;
  }
  const groups = captureGroups(pattern);
  if (!groups.some((g) => g !== undefined)) {
    errors.push(
      diagnostic(
        'semantic',
        '`rex` needs a named group such as `(?<user>\\w+)` to extract a field',
        c.regex.span,
      ),
    );
    return s;
  }
  return extractGroups(s, input, pattern, maxMatch, c.span);
}

/**
 * The named groups of `pattern` (checked, with at least one named group) extracted from `input` into fields of
 * their names: the first match, or every match up to `maxMatch` (0: all) as a multivalue field. `rex`'s
 * extraction, and `erex`'s once its expression is learned.
 *
 * @example extractGroups(s, _raw, 'port (?<port>\\d+)', 1, span) → `compute port = rex_group(_raw, 'port (?P<port>\\d+)', 1)`
 */
export function extractGroups(s: State, input: Expr, pattern: string, maxMatch: number, span: Span): State {
  let state = s;
  captureGroups(pattern).forEach((name, i) => {
    if (name === undefined) return;
    const args = [toStr(input), lit(re2(pattern)), lit(i + 1)];
    const expr: Expr =
      maxMatch === 1
        ? call('rex_group', args, 'string', span)
        : call('rex_groups', [...args, lit(maxMatch)], 'mv', span);
    state = {
      rel: { kind: 'compute', input: state.rel, name, expr },
      scope: state.scope.with(name, expr.type),
    };
  });
  return state;
}

/** `rex mode=sed "s/re/repl/g"` (and `y/abc/xyz/`) rewrites the field in place. */
function sed(c: RexCommand, s: State, fieldName: string, input: Expr, errors: Diagnostic[]): State {
  const m = /^s(.)((?:\\.|(?!\1).)*)\1((?:\\.|(?!\1).)*)\1([gi0-9]*)$/s.exec(c.regex.text);
  if (!m) {
    errors.push(
      diagnostic('unsupported', 'only `s/regex/replacement/[g]` sed expressions are supported', c.regex.span),
    );
    return s;
  }
  const [, , re = '', replacement = '', flags = ''] = m;
  const problem = checkRegex(re, c.regex.span);
  if (problem) {
    errors.push(problem);
    return s;
  }
  // sed's `&` is the whole match, ClickHouse's `\0`.
  const by = replacement.replace(/(?<!\\)&/g, '\\0');
  const pattern = flags.includes('i') ? `(?i)${re2(re)}` : re2(re);
  const expr = call(
    flags.includes('g') ? 'replace' : 'replace_first',
    [toStr(input), lit(pattern), lit(by)],
    'string',
    c.span,
  );
  return {
    rel: { kind: 'compute', input: s.rel, name: fieldName, expr },
    scope: s.scope.with(fieldName, 'string'),
  };
}

/**
 * `regex field="re"` keeps events whose field matches; `field!="re"` drops them. Default field `_raw`. Only
 * whether the field matches counts, so a lookbehind that starts the pattern or a lookahead that ends it
 * (which RE2 lacks) runs in the equivalent form `matchOnlyForm` gives.
 */
export function regexFilter(c: RegexCommand, s: State, errors: Diagnostic[]): State {
  const problem = checkRegex(c.regex.text, c.regex.span);
  const pattern = problem ? matchOnlyForm(c.regex.text) : c.regex.text;
  if (problem && pattern === undefined) {
    errors.push(problem);
    return s;
  }
  const input = s.scope.resolve(c.field?.name ?? '_raw');
  const matches = call('match', [toStr(input), lit(re2(pattern ?? ''))], 'bool', c.span);
  // A missing field never matches, so `!=` keeps it (Splunk drops only events that match).
  const kept = c.negated
    ? call('not', [call('coalesce', [matches, lit(false)], 'bool')], 'bool')
    : call('coalesce', [matches, lit(false)], 'bool');
  return { rel: { kind: 'filter', input: s.rel, predicate: kept }, scope: s.scope };
}
