// SPL's lexical tables and a classifier over them: the editor's highlighting (Monarch) and completion share these.

/** Boolean operators of search and eval; upper case in SPL searches. */
export const BOOLEAN_KEYWORDS: readonly string[] = ['AND', 'OR', 'NOT', 'XOR'];
/** Clause words inside commands (`stats … BY host`, `rename a AS b`), any case. */
export const CLAUSE_KEYWORDS: readonly string[] = ['by', 'as', 'over', 'where', 'output', 'outputnew', 'in'];

/** The patterns, as regex sources so Monarch rules and the classifier below are built from the same text. */
export const PATTERNS = {
  comment: '```[\\s\\S]*?(?:```|$)',
  macro: '`[^`\\s]*`',
  string: '"(?:[^"\\\\]|\\\\.)*"?',
  number: '\\d+(?:\\.\\d+)?(?![\\w.])',
  word: '[A-Za-z_$*@][\\w.:*$@]*',
  /** In eval expressions `*` multiplies: it is not part of a word. */
  evalWord: '[A-Za-z_$@][\\w.:$@]*',
  /** A word followed by `(`: a function call. */
  call: '\\s*\\(',
  /** A word followed by a comparison: a field (or an option key). */
  compare: '\\s*(?:==|!=|<=|>=|=|<|>)',
  operator: '==|!=|<=|>=|=|<|>|\\+|-|\\*|\\/|%|\\.',
} as const;

export type TokenKind =
  | 'command'
  | 'function'
  | 'field'
  | 'keyword'
  | 'operator'
  | 'string'
  | 'number'
  | 'pipe'
  | 'subsearch'
  | 'paren'
  | 'comma'
  | 'comment'
  | 'macro'
  | 'word';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The names the classifier knows; everything else is classified by position. */
export interface Lexicon {
  readonly commands: ReadonlySet<string>;
  readonly functions: ReadonlySet<string>;
}

const sticky = (source: string): RegExp => new RegExp(source, 'y');
const RE = {
  comment: sticky(PATTERNS.comment),
  macro: sticky(PATTERNS.macro),
  string: sticky(PATTERNS.string),
  number: sticky(PATTERNS.number),
  word: sticky(PATTERNS.word),
  evalWord: sticky(PATTERNS.evalWord),
  call: sticky(PATTERNS.call),
  compare: sticky(PATTERNS.compare),
  operator: sticky(PATTERNS.operator),
  space: /\s+/y,
};

function at(re: RegExp, text: string, i: number): string | undefined {
  re.lastIndex = i;
  return re.exec(text)?.[0];
}

const booleans = new Set(BOOLEAN_KEYWORDS);
/** Commands whose arguments are eval expressions. */
export const EVAL_COMMANDS: ReadonlySet<string> = new Set(['eval', 'where']);
const clauses = new Set(CLAUSE_KEYWORDS);

/**
 * Splits SPL into classified tokens (whitespace dropped). A word is a command after `|`, or at the start of
 * the query or of a subsearch when it names a command; a function when `(` follows; a field when a
 * comparison follows or after `BY`/`AS`/`OVER`.
 *
 * @example tokenize('index=web | stats count BY host', lex).map((t) => t.kind)
 *   // ['field', 'operator', 'word', 'pipe', 'command', 'function', 'keyword', 'field']
 */
export function tokenize(text: string, lexicon: Lexicon): Token[] {
  const out: Token[] = [];
  /** 'pipe': a command must follow; 'start': a command may follow (query or subsearch start). */
  let position: 'pipe' | 'start' | 'args' = 'start';
  /** The current command, per open subsearch (eval expressions lex `*` as an operator). */
  const commands: string[] = ['search'];
  let i = 0;
  const push = (kind: TokenKind, s: string): void => {
    out.push({ kind, text: s, start: i, end: i + s.length });
    i += s.length;
  };
  while (i < text.length) {
    const space = at(RE.space, text, i);
    if (space) {
      i += space.length;
      continue;
    }
    const ch = text[i] ?? '';
    const comment = text.startsWith('```', i) ? at(RE.comment, text, i) : undefined;
    if (comment) {
      push('comment', comment);
      continue;
    }
    if (ch === '|') {
      push('pipe', ch);
      position = 'pipe';
      continue;
    }
    if (ch === '[' || ch === ']') {
      push('subsearch', ch);
      position = ch === '[' ? 'start' : 'args';
      if (ch === '[') commands.push('search');
      else if (commands.length > 1) commands.pop();
      continue;
    }
    const before = position;
    position = 'args';
    if (ch === '`') {
      const macro = at(RE.macro, text, i);
      if (macro) {
        push('macro', macro);
        continue;
      }
    }
    if (ch === '"') {
      push('string', at(RE.string, text, i) ?? ch);
      continue;
    }
    if (ch === '(' || ch === ')') {
      push('paren', ch);
      continue;
    }
    if (ch === ',') {
      push('comma', ch);
      continue;
    }
    const number = at(RE.number, text, i);
    if (number) {
      push('number', number);
      continue;
    }
    const evalMode = EVAL_COMMANDS.has(commands[commands.length - 1] ?? '');
    const word = at(evalMode ? RE.evalWord : RE.word, text, i);
    if (word) {
      const end = i + word.length;
      const lower = word.toLowerCase();
      const prev = out[out.length - 1];
      let kind: TokenKind = 'word';
      if (at(RE.call, text, end) !== undefined) kind = 'function';
      else if (at(RE.compare, text, end) !== undefined) kind = 'field';
      else if (before === 'pipe' || (before === 'start' && lexicon.commands.has(lower))) kind = 'command';
      else if (booleans.has(word) || clauses.has(lower)) kind = 'keyword';
      else if (lexicon.functions.has(lower)) kind = 'function';
      else if (prev?.kind === 'keyword' && ['by', 'as', 'over'].includes(prev.text.toLowerCase()))
        kind = 'field';
      // A command name wins over the call/compare rules only right after `|`: `| stats(…)` is rare, `| eval` not.
      if (before === 'pipe' && kind !== 'command' && kind !== 'field') kind = 'command';
      if (kind === 'command') commands[commands.length - 1] = lower;
      push(kind, word);
      continue;
    }
    push('operator', at(RE.operator, text, i) ?? ch);
  }
  return out;
}
