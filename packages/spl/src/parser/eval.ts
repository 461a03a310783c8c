// The eval-language grammar (eval, where, `eval(…)` in stats): precedence from OR down to unary minus.

import { alt_sc, apply, opt_sc, rule, seq } from 'typescript-parsec';
import type { EvalBinaryOp, EvalExpr } from '../ast.ts';
import { joinSpans } from '../diagnostics.ts';
import { tokenSpan, unescapeQuoted } from '../lexer/index.ts';
import type { Tok, TokenKind } from '../lexer/index.ts';
import { expect, ident, kw, kwi, list_sc, lrec_sc, match, tk } from './combinators.ts';
import type { P } from './combinators.ts';

/** An eval expression. */
export const evalExpr = rule<TokenKind, EvalExpr>();

const operand = (what: string): P<EvalExpr> => expect(evalExpr, what);

const binary = (left: EvalExpr, [op, right]: [EvalBinaryOp, EvalExpr]): EvalExpr => ({
  kind: 'eval-binary',
  op,
  left,
  right,
  span: joinSpans(left.span, right.span),
});

/** A binary operator token mapped to its AST operator (keywords are normalised to upper case). */
const binop = (kinds: readonly TokenKind[], ops: readonly EvalBinaryOp[]): P<EvalBinaryOp> => {
  const accepted = new Set<string>(ops);
  return apply(
    match((t) => kinds.includes(t.kind) && accepted.has(t.text.toUpperCase())),
    (t) => toBinaryOp(t.text.toUpperCase()),
  );
};

function toBinaryOp(text: string): EvalBinaryOp {
  switch (text) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '.':
    case '=':
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
    case 'AND':
    case 'OR':
    case 'XOR':
    case 'LIKE':
      return text;
    default:
      throw new Error(`bug: not a binary operator: ${text}`);
  }
}

const callArgs = opt_sc(list_sc(evalExpr, tk('comma')));

const call: P<EvalExpr> = apply(
  seq(tk('ident'), tk('lparen'), callArgs, expect(tk('rparen'), '`,` or `)` after a function argument')),
  ([name, , args, r]): EvalExpr => ({
    kind: 'eval-call',
    name: ident(name),
    args: args ?? [],
    span: joinSpans(tokenSpan(name), tokenSpan(r)),
  }),
);

const leaf = (t: Tok): EvalExpr => {
  const span = tokenSpan(t);
  switch (t.kind) {
    case 'number':
      return { kind: 'eval-number', value: Number(t.text), raw: t.text, span };
    case 'string':
      return { kind: 'eval-string', value: unescapeQuoted(t.text.slice(1, -1)), span };
    case 'field':
      return { kind: 'eval-field', name: unescapeQuoted(t.text.slice(1, -1)), quoted: true, span };
    default:
      return { kind: 'eval-field', name: t.text, quoted: false, span };
  }
};

const group: P<EvalExpr> = apply(
  seq(tk('lparen'), operand('an expression after `(`'), expect(tk('rparen'), '`)`')),
  ([l, inner, r]): EvalExpr => ({ kind: 'eval-group', inner, span: joinSpans(tokenSpan(l), tokenSpan(r)) }),
);

const primary: P<EvalExpr> = alt_sc(
  call,
  apply(
    match((t) => t.kind === 'number' || t.kind === 'string' || t.kind === 'field' || t.kind === 'ident'),
    leaf,
  ),
  group,
);

const unary = rule<TokenKind, EvalExpr>();
unary.setPattern(
  alt_sc(
    apply(seq(kw(['op'], '-', '+'), expect(unary, 'an expression after {prev}')), ([op, e]): EvalExpr => ({
      kind: 'eval-unary',
      op: op.text === '-' ? '-' : '+',
      operand: e,
      span: joinSpans(tokenSpan(op), e.span),
    })),
    primary,
  ),
);

const after = 'an expression after {prev}';
// Each right operand is the next tighter level, so chains associate to the left: `a-b-c` is `(a-b)-c`.
const multiplicative = lrec_sc(unary, seq(binop(['op'], ['*', '/', '%']), expect(unary, after)), binary);
const additive = lrec_sc(
  multiplicative,
  seq(binop(['op'], ['+', '-', '.']), expect(multiplicative, after)),
  binary,
);

type CompareTail =
  | { readonly kind: 'binary'; readonly op: EvalBinaryOp; readonly right: EvalExpr }
  | {
      readonly kind: 'in';
      readonly negated: boolean;
      readonly values: readonly EvalExpr[];
      readonly end: number;
    };

const compareTail: P<CompareTail> = alt_sc(
  apply(
    seq(binop(['op'], ['=', '==', '!=', '<', '<=', '>', '>=']), expect(additive, after)),
    ([op, right]): CompareTail => ({ kind: 'binary', op, right }),
  ),
  apply(seq(kwi(['ident'], 'like'), expect(additive, after)), ([, right]): CompareTail => ({
    kind: 'binary',
    op: 'LIKE',
    right,
  })),
  apply(
    seq(
      opt_sc(kwi(['keyword'], 'not')),
      kwi(['ident'], 'in'),
      expect(tk('lparen'), '`(` after `IN`'),
      list_sc(evalExpr, tk('comma')),
      expect(tk('rparen'), '`,` or `)` in the `IN` list'),
    ),
    ([not, , , values, r]): CompareTail => ({
      kind: 'in',
      negated: not !== undefined,
      values,
      end: tokenSpan(r).end,
    }),
  ),
);

const comparison = lrec_sc(additive, compareTail, (left: EvalExpr, tail: CompareTail): EvalExpr => {
  switch (tail.kind) {
    case 'binary':
      return binary(left, [tail.op, tail.right]);
    case 'in':
      return {
        kind: 'eval-in',
        operand: left,
        values: tail.values,
        negated: tail.negated,
        span: { start: left.span.start, end: tail.end },
      };
  }
});

const not = rule<TokenKind, EvalExpr>();
not.setPattern(
  alt_sc(
    apply(seq(kwi(['keyword'], 'not'), expect(not, 'an expression after {prev}')), ([n, e]): EvalExpr => ({
      kind: 'eval-unary',
      op: 'NOT',
      operand: e,
      span: joinSpans(tokenSpan(n), e.span),
    })),
    comparison,
  ),
);

const and = lrec_sc(not, seq(binop(['keyword'], ['AND']), expect(not, after)), binary);
const xor = lrec_sc(and, seq(binop(['keyword'], ['XOR']), expect(and, after)), binary);
evalExpr.setPattern(lrec_sc(xor, seq(binop(['keyword'], ['OR']), expect(xor, after)), binary));

/** `( expr )` as written, for `head (x>1)`. */
export const evalGroup = group;
