// Where the cursor is in an SPL query, from the text before it: what completion should offer there.

import { EVAL_COMMANDS } from './tokens.ts';

/** Commands whose arguments are aggregations (`count`, `avg(x)`), then `BY` fields. */
const STATS_COMMANDS = new Set(['stats', 'chart', 'timechart', 'eventstats', 'streamstats', 'mstats']);

export type CompletionContext =
  /** After `|` (or `[`): a command name. */
  | { readonly kind: 'command'; readonly prefix: string }
  /** After `index=`: an index name. */
  | { readonly kind: 'index'; readonly prefix: string; readonly quoted: boolean }
  /** After `field=` in a search: a value of the field. */
  | { readonly kind: 'value'; readonly field: string; readonly prefix: string; readonly quoted: boolean }
  /** After `option=` of a command: the option's values. */
  | {
      readonly kind: 'option-value';
      readonly command: string;
      readonly option: string;
      readonly prefix: string;
    }
  /** Inside eval/where expressions: eval functions and fields. */
  | { readonly kind: 'eval'; readonly command: string; readonly prefix: string }
  /** After stats-like commands: stats functions, the command's options and fields. */
  | { readonly kind: 'stats'; readonly command: string; readonly prefix: string }
  /** After `BY`, `AS`, inside `f(…)` of an aggregation, or the arguments of table/fields/…: fields. */
  | { readonly kind: 'field'; readonly command: string; readonly prefix: string }
  /** Search terms: fields (as `field=`), boolean operators. */
  | { readonly kind: 'search'; readonly prefix: string }
  /** Other commands' arguments: their options and fields. */
  | { readonly kind: 'args'; readonly command: string; readonly prefix: string }
  /** Inside a string or a comment: nothing. */
  | { readonly kind: 'none' };

interface Segment {
  /** Text of the current command, from after its `|` or `[` to the cursor. */
  readonly text: string;
  /** The segment is the first of the query or of a subsearch (implicit `search`). */
  readonly first: boolean;
  /** The cursor is inside a string or comment. */
  readonly inLiteral: 'string' | 'comment' | undefined;
}

/** The command segment the cursor is in: scans quotes, comments and brackets so `|` inside them is ignored. */
export function currentSegment(before: string): Segment {
  const starts: { at: number; first: boolean }[] = [{ at: 0, first: true }];
  let inString = false;
  let inComment = false;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (inComment) {
      if (before.startsWith('```', i)) {
        inComment = false;
        i += 2;
      }
      continue;
    }
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (before.startsWith('```', i)) {
      inComment = true;
      i += 2;
    } else if (c === '"') inString = true;
    else if (c === '[') starts.push({ at: i + 1, first: true });
    else if (c === ']') {
      if (starts.length > 1) starts.pop();
    } else if (c === '|') {
      const top = starts[starts.length - 1];
      if (top) starts[starts.length - 1] = { at: i + 1, first: false };
    }
  }
  const top = starts[starts.length - 1] ?? { at: 0, first: true };
  return {
    text: before.slice(top.at),
    first: top.first,
    inLiteral: inString ? 'string' : inComment ? 'comment' : undefined,
  };
}

const WORD_END = /[A-Za-z0-9_.:*$@-]*$/;

/**
 * What to complete at the end of `before` (the query text up to the cursor). `options` tells which
 * `key=` names are options of a command (from the catalogue), so `span=` is not taken for a field.
 *
 * @example completionContext('index=main | st') // { kind: 'command', prefix: 'st' }
 * @example completionContext('index=main host=') // { kind: 'value', field: 'host', prefix: '', quoted: false }
 */
export function completionContext(
  before: string,
  optionsOf: (command: string) => readonly string[] = () => [],
): CompletionContext {
  const seg = currentSegment(before);
  const text = seg.text;
  // A string being typed after `field="`: still a value.
  const quotedValue = /([A-Za-z_][\w.]*)\s*(?:=|!=)\s*"((?:[^"\\]|\\.)*)$/.exec(text);
  if (seg.inLiteral === 'comment') return { kind: 'none' };
  if (seg.inLiteral === 'string' && !quotedValue) return { kind: 'none' };

  const lead = /^\s*/.exec(text)?.[0].length ?? 0;
  const nameMatch = /^[A-Za-z_]\w*/.exec(text.slice(lead));
  const name = nameMatch?.[0] ?? '';
  const afterName = text.slice(lead + name.length);
  // Still typing the command name (after `|`), or nothing typed yet after it.
  if (!seg.first && (afterName === '' || name === '') && !/\S/.test(afterName)) {
    return { kind: 'command', prefix: name };
  }
  const implicitSearch = seg.first && !/^search$/i.test(name);
  const command = implicitSearch ? 'search' : name.toLowerCase();
  const args = implicitSearch ? text : afterName;
  if (seg.first && afterName === '' && name !== '' && lead + name.length === text.length && !implicitSearch)
    return { kind: 'command', prefix: name };

  if (quotedValue) {
    const [, field = '', prefix = ''] = quotedValue;
    if (/^index$/i.test(field)) return { kind: 'index', prefix, quoted: true };
    return { kind: 'value', field, prefix, quoted: true };
  }
  const prefix = WORD_END.exec(args)?.[0] ?? '';
  const head = args.slice(0, args.length - prefix.length);

  const assign = /([A-Za-z_][\w.]*)\s*(=|!=|==)\s*$/.exec(head);
  if (assign) {
    const [, key = ''] = assign;
    if (optionsOf(command).includes(key.toLowerCase()))
      return { kind: 'option-value', command, option: key.toLowerCase(), prefix };
    if (command === 'search') {
      if (/^index$/i.test(key)) return { kind: 'index', prefix, quoted: false };
      return { kind: 'value', field: key, prefix, quoted: false };
    }
    if (EVAL_COMMANDS.has(command)) return { kind: 'eval', command, prefix };
  }
  if (command === 'search') {
    // `a=b` in a `where`-less search: after a comparison the next word is a new term.
    return { kind: 'search', prefix };
  }
  if (EVAL_COMMANDS.has(command)) return { kind: 'eval', command, prefix };
  const lastWord = /([A-Za-z_]+)\s*(?:,\s*)?$/.exec(head)?.[1]?.toLowerCase();
  const afterBy = /\b(?:by|over)\s+(?:[\w.]+\s*,?\s*)*$/i.test(head);
  if (afterBy || lastWord === 'as') return { kind: 'field', command, prefix };
  if (STATS_COMMANDS.has(command)) {
    // Inside `avg(` the argument is a field.
    const open = head.lastIndexOf('(');
    if (open > head.lastIndexOf(')')) return { kind: 'field', command, prefix };
    return { kind: 'stats', command, prefix };
  }
  return { kind: 'args', command, prefix };
}

/** The index the query searches (its first `index=` term), else undefined. */
export function indexOfQuery(spl: string): string | undefined {
  const m = /(?:^|[\s(])index\s*=\s*(?:"((?:[^"\\]|\\.)+)"|([^\s"|()[\]]+))/i.exec(spl);
  const name = m?.[1] ?? m?.[2];
  return name === undefined ? undefined : name.replace(/\\(.)/g, '$1');
}
