// Token kinds shared by the three lexer modes, and the typescript-parsec `Token` values they produce.

import type { Token, TokenPosition } from 'typescript-parsec';
import type { Span } from '../diagnostics.ts';

/**
 * One token kind set for every mode, so all grammars share a parser type:
 * - `word`: a bare value (search and args modes): `web*`, `10.0.0.0/8`, `-_time`;
 * - `string`: a double-quoted string, quotes included in `text`;
 * - `ident`, `number`, `field` (`'single quoted'`), `keyword` (AND OR XOR NOT): eval mode;
 * - `op`: an operator (`=`, `!=`, `<=` …; in eval mode also `+ - * / % .`);
 * - `fn`: `TERM(` or `CASE(` in search mode (the name and its parenthesis);
 * - `subsearch`: a whole `[ … ]`, brackets included; its pipeline is parsed by the lexer's caller;
 * - `eof`: the end of the command segment, so errors there still have a position.
 */
export type TokenKind =
  | 'word'
  | 'string'
  | 'ident'
  | 'number'
  | 'field'
  | 'keyword'
  | 'op'
  | 'fn'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'subsearch'
  | 'eof';

export type Tok = Token<TokenKind>;

/** The lexer mode of a command's arguments. */
export type LexMode = 'search' | 'eval' | 'args';

/** The span of a token in the original text. */
export const tokenSpan = (t: Tok): Span => ({ start: t.pos.index, end: t.pos.index + t.text.length });

/** Maps offsets to 1-based rows and columns, for typescript-parsec's `TokenPosition`. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  private locate(offset: number): { row: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }

  position(start: number, end: number): TokenPosition {
    const b = this.locate(start);
    const e = this.locate(end);
    return { index: start, rowBegin: b.row, columnBegin: b.column, rowEnd: e.row, columnEnd: e.column };
  }
}
