// `diff`: a unified diff, line by line, of the text (or a field) of two results.

import { bool, int, positive, str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import { truthy, withPositions } from '../plan/helpers.ts';
import { Scope } from '../plan/scope.ts';
import { genericArgs, noMoreWords, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** The most lines of either text between the lines both share at the start and the end (the table is cubic). */
export const DIFF_MAX_LINES = 200;

/** Splunk's default `maxlen`: the first 100,000 bytes of each text are compared. */
const DEFAULT_MAXLEN = 100_000;

/**
 * `diff [position1=<int>] [position2=<int>] [attribute=<field>] [diffheader=<bool>] [context=<bool>]
 * [maxlen=<int>]`: one result whose `_raw` is the unified diff of `attribute` (default `_raw`) of the
 * results at the two positions (default 1 and 2).
 *
 * @example `diff` → `SELECT unified_diff(groupArray(_raw)…) AS _raw FROM (… LIMIT 2)`
 */
export const diff: CommandModule<'generic'> = {
  name: 'diff',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      position1: positive,
      position2: positive,
      attribute: str,
      diffheader: bool,
      context: bool,
      maxlen: int,
    },
  },
  doc: {
    summary: 'One result whose `_raw` is the unified diff, line by line, of the text of two results.',
    syntax:
      'diff [position1=<int>] [position2=<int>] [attribute=<field>] [diffheader=<bool>] [context=<bool>] [maxlen=<int>]',
    example: 'index=main | head 2 | diff',
    differences: [
      '`context=true` (the context diff format) is not supported yet: the diff is unified.',
      `Between the lines the two texts share at their start and end, each may have at most ${DIFF_MAX_LINES} lines; past that the search stops with an error.`,
      'The lines kept, removed and added are those of a longest common subsequence, removed lines before added ones; where several choices are equally short Splunk may show others.',
      'With `diffheader=true` the header names the results by their positions (`--- 1`, `+++ 2`); without two such results there is no result.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    noMoreWords('diff', words, ctx.errors, 'only options');
    if (words.length > 0) return s;
    const contextOption = optionOf(options, 'context');
    if (contextOption && truthy(contextOption.value.text)) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          '`diff context=true` (the context diff format) is not supported yet',
          contextOption.span,
          ['leave it out for a unified diff'],
        ),
      );
      return s;
    }
    // The values' types are checked with the options (a bad one never reaches planning).
    const number = (key: string, fallback: number): number => {
      const n = Number(optionOf(options, key)?.value.text ?? fallback);
      return Number.isInteger(n) ? n : fallback;
    };
    const p1 = number('position1', 1);
    const p2 = number('position2', 2);
    if (p2 <= p1) {
      const at = optionOf(options, 'position2') ?? optionOf(options, 'position1');
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`diff\`: position2 (${p2}) must be greater than position1 (${p1})`,
          at?.value.span ?? c.name.span,
        ),
      );
      return s;
    }
    const attribute = optionOf(options, 'attribute');
    const name = attribute?.value.text ?? '_raw';
    const at = attribute?.value.span ?? c.name.span;
    if (!s.scope.raw && !s.scope.has(name)) {
      ctx.errors.push(
        diagnostic('semantic', `\`diff\` compares \`${name}\`, which these results do not have`, at),
      );
      return s;
    }
    const text = call('coalesce', [toStr(s.scope.resolve(name, at)), lit('')], 'string', at);
    const header = optionOf(options, 'diffheader');
    // The first `position2` results in their order: the running count is each one's position.
    const numbered = withPositions({ kind: 'take', input: s.rel, limit: p2 }, '__diff_n');
    const texts: Rel = {
      kind: 'aggregate',
      input: { kind: 'compute', input: numbered, name: '__diff_text', expr: text },
      groups: [],
      aggregates: [
        {
          name: '__diff_texts',
          fn: 'list',
          arg: col('__diff_text', 'string'),
          // `list` puts the largest `time` first: the negated position keeps the results' order.
          time: call('neg', [col('__diff_n', 'number')], 'number'),
          max: 0,
          type: 'mv',
        },
      ],
    };
    const message = `diff: the texts compared have more than ${DIFF_MAX_LINES} differing lines between the lines they share at their start and end; compare shorter texts (maxlen=) or other results`;
    const unified = call(
      'unified_diff',
      [
        col('__diff_texts', 'mv'),
        lit(p1),
        lit(p2),
        lit(header !== undefined && truthy(header.value.text)),
        lit(number('maxlen', DEFAULT_MAXLEN)),
        lit(DIFF_MAX_LINES),
        lit(message),
      ],
      'string',
      c.span,
    );
    return {
      rel: {
        kind: 'filter',
        input: {
          kind: 'project',
          input: texts,
          columns: [{ name: '_raw', expr: unified }],
          keepRaw: false,
        },
        predicate: call('isnotnull', [col('_raw', 'string')], 'bool'),
      },
      scope: Scope.closed([{ name: '_raw', type: 'string' }]),
    };
  },
};
