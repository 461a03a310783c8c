// The lexer stage: comment stripping, pipe splitting and the command-aware tokenizer.

export { stripComments } from './comments.ts';
export { splitSegments } from './segments.ts';
export { lex, subsearchOf } from './lexer.ts';
export type { LexOptions, LexResult } from './lexer.ts';
export { isSpace, unescapeQuoted } from './scan.ts';
export { LineIndex, tokenSpan } from './token.ts';
export type { LexMode, Tok, TokenKind } from './token.ts';
