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

/** The positions of the characters of `pattern` that are syntax: not escaped, not inside a `[…]` class. */
function* syntaxPositions(pattern: string): Generator<number> {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else yield i;
  }
}

/** The names of the capturing groups in order; unnamed groups are `undefined` (they still count). */
export function captureGroups(pattern: string): (string | undefined)[] {
  const groups: (string | undefined)[] = [];
  for (const i of syntaxPositions(pattern)) {
    if (pattern[i] !== '(') continue;
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
    if (k !== 'field' && k !== 'max_match' && k !== 'mode' && k !== 'offset_field') {
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
  let state = s;
  const offsetOption = c.options.find((o) => o.key.name.toLowerCase() === 'offset_field');
  if (offsetOption) {
    const offsets = offsetsExpr(pattern, toStr(input), c);
    if (typeof offsets === 'string' || maxMatch !== 1) {
      errors.push(
        diagnostic(
          'unsupported',
          maxMatch !== 1
            ? '`rex offset_field=` with `max_match` other than 1 is not supported yet'
            : `\`rex offset_field=\` ${String(offsets)} is not supported yet`,
          offsetOption.span,
        ),
      );
      return s;
    }
    const name = offsetOption.value.text;
    state = {
      rel: { kind: 'compute', input: state.rel, name, expr: offsets },
      scope: state.scope.with(name, 'string'),
    };
  }
  return extractGroups(state, input, pattern, maxMatch, c.span);
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

/** The named groups of `pattern` at its top level, with where they are; a reason when offsets cannot be had. */
function topLevelGroups(pattern: string): { start: number; end: number; name: string }[] | string {
  const out: { start: number; end: number; name: string }[] = [];
  let depth = 0;
  let open = -1;
  for (const i of syntaxPositions(pattern)) {
    const ch = pattern[i];
    if (ch === '|' && depth === 0) return 'with an alternation (`|`) outside any group';
    if (ch === '(') {
      if (depth === 0) open = i;
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth !== 0) continue;
      const name = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(pattern.slice(open))?.[1];
      if (name === undefined) continue;
      if (/^[*+?{]/.test(pattern.slice(i + 1))) return `with a repeated named group \`${name}\``;
      out.push({ start: open, end: i + 1, name });
    }
  }
  const all = captureGroups(pattern).filter((g) => g !== undefined);
  if (all.length > out.length) return 'with a named group inside another group';
  return out;
}

/**
 * `rex offset_field=`: `name=start-end` for each named group (0-based, inclusive; `;` between groups, which
 * the page does not show), from the lengths of what precedes each group in the match: the pattern is cut
 * at its top-level named groups and each piece captured too.
 */
function offsetsExpr(pattern: string, input: Expr, c: RexCommand): Expr | string {
  const groups = topLevelGroups(pattern);
  if (typeof groups === 'string') return groups;
  // `^([\s\S]*?)` captures the text before the (leftmost) match.
  let rewritten = '^([\\s\\S]*?)';
  let index = 2;
  let at = 0;
  const pieces: { index: number; name?: string }[] = [{ index: 1 }];
  for (const g of [...groups, { start: pattern.length, end: pattern.length, name: '' }]) {
    const before = pattern.slice(at, g.start);
    rewritten += `(${before})`;
    pieces.push({ index });
    index += 1 + captureGroups(before).length;
    if (g.name === '') break;
    const group = pattern.slice(g.start, g.end);
    rewritten += group;
    pieces.push({ index, name: g.name });
    index += captureGroups(group).length;
    at = g.end;
  }
  const re = re2(rewritten);
  const length = (i: number): Expr =>
    call('len', [call('rex_group', [input, lit(re), lit(i)], 'string', c.span)], 'number', c.span);
  let position: Expr = lit(0);
  const parts: Expr[] = [];
  for (const p of pieces) {
    if (p.name !== undefined) {
      const end = call('sub', [call('add', [position, length(p.index)], 'number'), lit(1)], 'number');
      if (parts.length > 0) parts.push(lit(';'));
      parts.push(
        lit(`${p.name}=`),
        call('tostring', [position], 'string'),
        lit('-'),
        call('tostring', [end], 'string'),
      );
    }
    position = call('add', [position, length(p.index)], 'number');
  }
  const text = call('concat', parts, 'string', c.span);
  // No match: no offsets.
  const matched = call('isnotnull', [call('rex_group', [input, lit(re), lit(1)], 'string')], 'bool');
  return call('if', [matched, text, lit(null)], 'string', c.span);
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
