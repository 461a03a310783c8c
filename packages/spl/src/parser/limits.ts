// Nesting limits the parser enforces before it builds a tree: deep input becomes a positioned diagnostic,
// never a stack overflow in a later stage or a statement ClickHouse refuses for its `max_parser_depth`.

import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { tokenSpan } from '../lexer/index.ts';
import type { LexMode, Tok } from '../lexer/index.ts';

/**
 * The limits. Far above what people write (Splunk's own saved searches rarely nest ten levels), far below
 * what the recursive stages and ClickHouse's parser (`max_parser_depth` = 1000) take.
 */
export const NESTING_LIMITS = {
  /** Parentheses open at once in one command. */
  parentheses: 100,
  /** `[subsearch]` inside `[subsearch]`. */
  subsearches: 20,
  /** `NOT NOT … x`. */
  nots: 100,
  /** Binary operators in one eval-mode command (`1+2+…`: each one is a level of the expression tree). */
  operators: 500,
} as const;

const BINARY_KEYWORDS = new Set(['and', 'or', 'xor']);

/**
 * The first limit of {@link NESTING_LIMITS} the tokens of one command go past, as a diagnostic at the
 * token that goes past it.
 *
 * @example nestingProblem(lex('((((…').first, 'eval')?.message // 'parentheses nested deeper than 100 levels'
 */
export function nestingProblem(first: Tok | undefined, mode: LexMode): Diagnostic | undefined {
  let depth = 0;
  let nots = 0;
  let operators = 0;
  for (let t = first; t !== undefined; t = t.next) {
    if (t.kind === 'lparen') {
      depth++;
      if (depth > NESTING_LIMITS.parentheses) {
        return tooDeep(t, `parentheses nested deeper than ${NESTING_LIMITS.parentheses} levels`);
      }
    } else if (t.kind === 'rparen') {
      depth = Math.max(0, depth - 1);
    }
    if ((t.kind === 'word' || t.kind === 'keyword') && t.text.toUpperCase() === 'NOT') {
      nots++;
      if (nots > NESTING_LIMITS.nots) return tooDeep(t, `more than ${NESTING_LIMITS.nots} \`NOT\` in a row`);
    } else if (t.kind !== 'lparen') {
      nots = 0;
    }
    if (
      mode === 'eval' &&
      (t.kind === 'op' || (t.kind === 'keyword' && BINARY_KEYWORDS.has(t.text.toLowerCase())))
    ) {
      operators++;
      if (operators > NESTING_LIMITS.operators) {
        return tooDeep(
          t,
          `more than ${NESTING_LIMITS.operators} operators in one command: the expression is too deep to run`,
          ['split it over several `eval` commands, or match a list of values with `in(field, …)`'],
        );
      }
    }
  }
  return undefined;
}

function tooDeep(t: Tok, message: string, hints: readonly string[] = []): Diagnostic {
  return diagnostic('limit', message, tokenSpan(t), hints);
}
