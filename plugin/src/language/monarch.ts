// Monaco's Monarch grammar and language configuration for SPL, built from the tables in tokens.ts.

import type { monacoTypes } from '@grafana/ui';
import { BOOLEAN_KEYWORDS, CLAUSE_KEYWORDS, PATTERNS } from './tokens.ts';
import type { Lexicon, TokenKind } from './tokens.ts';

export const SPL_LANGUAGE_ID = 'spl';

/** Monaco token classes per classifier kind (the built-in themes colour these). */
export const TOKEN_CLASS: Readonly<Record<TokenKind, string>> = {
  command: 'keyword',
  function: 'predefined',
  field: 'variable',
  keyword: 'keyword.operator',
  operator: 'operator',
  string: 'string',
  number: 'number',
  pipe: 'delimiter.pipe',
  subsearch: 'delimiter.square',
  paren: 'delimiter.parenthesis',
  comma: 'delimiter',
  comment: 'comment',
  macro: 'type',
  word: 'identifier',
};

const re = (source: string): RegExp => new RegExp(source);
const C = TOKEN_CLASS;

/**
 * The Monarch tokenizer: states follow the classifier's positions (`queryStart`, `command` after `|`,
 * `root` for arguments, `subsearch` inside `[ ]`, `comment` across lines).
 */
export function splMonarch(lexicon: Lexicon): monacoTypes.languages.IMonarchLanguage {
  const word = PATTERNS.word;
  const args: monacoTypes.languages.IMonarchLanguageRule[] = [
    [/\s+/, 'white'],
    [/```/, { token: C.comment, next: '@comment' }],
    [re(PATTERNS.macro), C.macro],
    [re(PATTERNS.string), C.string],
    [/\|/, { token: C.pipe, next: '@command' }],
    [/\[/, { token: C.subsearch, next: '@subsearchStart' }],
    [/[()]/, C.paren],
    [/,/, C.comma],
    [re(PATTERNS.number), C.number],
    [re(`${word}(?=${PATTERNS.call})`), C.function],
    [re(`${word}(?=${PATTERNS.compare})`), C.field],
    [
      re(word),
      {
        cases: {
          '@booleans': C.keyword,
          '@clauses': C.keyword,
          '@functions': C.function,
          '@default': C.word,
        },
      },
    ],
    [re(PATTERNS.operator), C.operator],
  ];
  /** A command position: the word is a command (`known`: only names of the catalogue), then `leave`. */
  const commandWord = (
    known: boolean,
    leave: { switchTo: string } | { next: '@pop' },
  ): monacoTypes.languages.IMonarchLanguageRule[] => [
    [/\s+/, 'white'],
    [/```/, { token: C.comment, next: '@comment' }],
    [re(`${word}(?=${PATTERNS.compare})`), { token: C.field, ...leave }],
    known
      ? [
          re(word),
          {
            cases: {
              '@commands': { token: C.command, ...leave },
              '@default': { token: '@rematch', ...leave },
            },
          },
        ]
      : [re(word), { token: C.command, ...leave }],
    [/./, { token: '@rematch', ...leave }],
  ];
  return {
    defaultToken: '',
    ignoreCase: false,
    start: 'queryStart',
    commands: [...lexicon.commands],
    functions: [...lexicon.functions],
    booleans: [...BOOLEAN_KEYWORDS],
    clauses: [...CLAUSE_KEYWORDS, ...CLAUSE_KEYWORDS.map((k) => k.toUpperCase())],
    tokenizer: {
      queryStart: commandWord(true, { switchTo: '@root' }),
      command: commandWord(false, { next: '@pop' }),
      root: [[/\]/, C.subsearch], ...args],
      subsearchStart: [
        [/\]/, { token: C.subsearch, next: '@pop' }],
        ...commandWord(true, { switchTo: '@subsearch' }),
      ],
      subsearch: [[/\]/, { token: C.subsearch, next: '@pop' }], ...args],
      comment: [
        [/```/, { token: C.comment, next: '@pop' }],
        [/[^`]+/, C.comment],
        [/`/, C.comment],
      ],
    },
  };
}

/** Brackets, comment fences and auto-closing pairs. */
export const splLanguageConfiguration: monacoTypes.languages.LanguageConfiguration = {
  comments: { blockComment: ['```', '```'] },
  brackets: [
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  wordPattern: /[A-Za-z_$*@][\w.:*$@]*/,
};
