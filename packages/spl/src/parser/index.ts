// The parser stage: SPL text → AST, with every syntax error found (recovering at pipe boundaries).

import type { Command, Ident, Pipeline } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { isSpace, lex, LineIndex, splitSegments, stripComments } from '../lexer/index.ts';
import { commandByName, grammarOf } from '../commands/index.ts';
import { NESTING_LIMITS, nestingProblem } from './limits.ts';
import { describeEnd, reportParseError } from './report.ts';

interface Context {
  readonly text: string;
  readonly lines: LineIndex;
  readonly errors: Diagnostic[];
  /** Subsearches open around the pipeline being parsed. */
  depth: number;
}

/**
 * Parses an SPL query. Errors are values: each command segment is parsed on its own, so one bad
 * command does not hide the errors of the others; `ast` holds the commands that could be built.
 *
 * @example parse('status>=500 | stats count BY host').ast?.commands.map((c) => c.kind) // ['search', 'stats']
 */
export function parse(text: string): { ast?: Pipeline; errors: Diagnostic[] } {
  const stripped = stripComments(text);
  const ctx: Context = {
    text: stripped.text,
    lines: new LineIndex(stripped.text),
    errors: [...stripped.errors],
    depth: 0,
  };
  const ast = parsePipeline(ctx, { start: 0, end: text.length }, 'query');
  return ast.commands.length > 0 ? { ast, errors: ctx.errors } : { errors: ctx.errors };
}

/** The range without its leading and trailing whitespace. */
function trim(text: string, r: Span): Span {
  let { start, end } = r;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/**
 * What a pipeline is: the whole query and a `[subsearch]` start with an implicit `search`; the
 * `[subpipeline]` of `appendpipe` and `foreach` starts with a named command (`appendpipe [stats count]`).
 */
type PipelineRole = 'query' | 'subsearch' | 'subpipeline';

function parsePipeline(ctx: Context, range: Span, role: PipelineRole): Pipeline {
  const segments = splitSegments(ctx.text, range.start, range.end);
  const commands: Command[] = [];
  segments.forEach((segment, i) => {
    const s = trim(ctx.text, segment);
    if (s.start === s.end) {
      reportEmpty(ctx, segments.length, i, segment, role !== 'query');
      return;
    }
    // A subsearch may start with a generating command without its `|` (`[inputlookup users]`,
    // ESCU's `[summary model]`), as Splunk accepts.
    const name = i === 0 && role === 'subsearch' ? commandName(ctx.text, s) : undefined;
    const generating = name !== undefined && commandByName(name.name)?.generating === true;
    const command = parseCommand(ctx, s, i > 0 || role === 'subpipeline' || generating);
    if (command !== undefined) commands.push(command);
  });
  const first = commands[0];
  const last = commands[commands.length - 1];
  const span =
    first !== undefined && last !== undefined
      ? { start: first.span.start, end: last.span.end }
      : trim(ctx.text, range);
  return { kind: 'pipeline', commands, span };
}

function reportEmpty(ctx: Context, count: number, i: number, segment: Span, subsearch: boolean): void {
  if (count === 1) {
    const what = subsearch ? 'the subsearch is empty' : 'the search is empty';
    ctx.errors.push(diagnostic('syntax', what, { start: segment.start, end: segment.end }));
  } else if (i === count - 1) {
    const end = describeEnd(ctx.text, segment.end);
    const pipe = { start: segment.start - 1, end: segment.start };
    ctx.errors.push(diagnostic('syntax', `expected a command after \`|\`, found ${end.what}`, pipe));
  } else if (i > 0) {
    const between = { start: segment.start - 1, end: segment.end + 1 };
    ctx.errors.push(diagnostic('syntax', 'empty command between pipes', between));
  }
  // i === 0 with more segments: a leading `|` before a generating command.
}

const NAME = /[A-Za-z0-9_]/;

/** The command name at the start of `s`, if it is followed by a separator. */
function commandName(text: string, s: Span): Ident | undefined {
  let end = s.start;
  while (end < s.end && NAME.test(text[end] ?? '')) end++;
  if (end === s.start) return undefined;
  const after = text.charCodeAt(end);
  if (end < s.end && !isSpace(after) && after !== 91 && after !== 40 && after !== 34) return undefined;
  return { kind: 'ident', name: text.slice(s.start, end), quoted: false, span: { start: s.start, end } };
}

function parseCommand(ctx: Context, s: Span, explicit: boolean): Command | undefined {
  let name = commandName(ctx.text, s);
  if (!explicit && name?.name.toLowerCase() !== 'search') {
    name = { kind: 'ident', name: 'search', quoted: false, span: { start: s.start, end: s.start } };
  }
  if (name === undefined) {
    const word = /^(?:`[^`\s]*`|\S{1,40})/.exec(ctx.text.slice(s.start, s.end))?.[0] ?? '';
    const at = { start: s.start, end: s.start + word.length };
    // Macros are expanded before parsing; one left over here is undefined or was never expanded.
    const message = word.startsWith('`')
      ? `expected a command name after \`|\`, found the unexpanded macro ${word}`
      : `expected a command name after \`|\`, found \`${word}\``;
    ctx.errors.push(diagnostic('syntax', message, at));
    return undefined;
  }
  const grammar = grammarOf(name.name);
  const lexed = lex(ctx.text, name.span.end, s.end, grammar.mode, {
    lines: ctx.lines,
    subsearch: (inner) => {
      if (ctx.depth >= NESTING_LIMITS.subsearches) {
        const at = { start: inner.start - 1, end: inner.start };
        const message = `subsearches nested deeper than ${NESTING_LIMITS.subsearches} levels`;
        if (!ctx.errors.some((e) => e.message === message)) ctx.errors.push(diagnostic('limit', message, at));
        return { kind: 'pipeline', commands: [], span: inner };
      }
      ctx.depth++;
      try {
        return parsePipeline(
          ctx,
          inner,
          commandByName(name.name)?.subpipeline === true ? 'subpipeline' : 'subsearch',
        );
      } finally {
        ctx.depth--;
      }
    },
  });
  if (lexed.errors.length > 0) {
    ctx.errors.push(...lexed.errors);
    return undefined;
  }
  const deep = nestingProblem(lexed.first, grammar.mode);
  if (deep !== undefined) {
    ctx.errors.push(deep);
    return undefined;
  }
  const out = grammar.body.parse(lexed.first);
  if (out.successful) {
    const done = out.candidates.find((c) => c.nextToken === undefined);
    if (done !== undefined) return done.result(name, s);
  }
  if (out.error === undefined) throw new Error(`bug: the \`${name.name}\` grammar failed without an error`);
  ctx.errors.push(reportParseError(ctx.text, name.name, lexed.first, out.error));
  return undefined;
}
