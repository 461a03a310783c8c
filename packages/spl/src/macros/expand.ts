// Search macro expansion: replaces backtick calls by their definitions, recursively, with a source map.

import { diagnostic, nearest } from '../diagnostics.ts';
import type { Diagnostic, DiagnosticCode, Span } from '../diagnostics.ts';
import { unescapeQuoted } from '../lexer/scan.ts';
import { scanCalls } from './calls.ts';
import type { MacroCall } from './calls.ts';
import { macroKey, macroSignature } from './registry.ts';
import type { MacroDefinition, MacroRegistry } from './registry.ts';
import { SourceMap } from './sourcemap.ts';
import type { MapSegment } from './sourcemap.ts';

export interface ExpandOptions {
  /** Nesting limit (a macro calling a macro …); deeper expansions are reported. Default 32, at most 1000. */
  readonly maxDepth?: number;
  /** Limit on the characters produced by expansions, against exponential blow-up. Default 1,000,000. */
  readonly maxLength?: number;
  /**
   * Consulted for a call the registry cannot resolve; a string is used as its expansion (it may call
   * macros), `undefined` reports `undefined-macro`. E.g. ESCU's per-detection `` `<name>_filter` ``
   * hooks, which Splunk ships as `search *`.
   */
  readonly fallback?: (name: string, args: readonly string[]) => string | undefined;
}

export interface ExpandResult {
  /** The query with every resolvable call replaced; unresolvable calls are left as written. */
  readonly text: string;
  readonly errors: Diagnostic[];
  /** Maps spans of `text` back to the query as written. */
  readonly map: SourceMap;
}

/** One macro being expanded: its key (`name(N)`) and how it is shown in messages (`name`). */
interface Frame {
  readonly key: string;
  readonly name: string;
}

interface Context {
  readonly registry: MacroRegistry;
  readonly maxDepth: number;
  readonly maxLength: number;
  readonly fallback: ExpandOptions['fallback'];
  readonly errors: Diagnostic[];
  readonly seen: Set<string>;
  produced: number;
  overflow: boolean;
}

/**
 * Expands the search macros of `text` (the query as written, comments included or already blanked).
 *
 * - Calls are `` `name` `` and `` `name(arg1, "arg 2", f(x))` `` outside double-quoted strings and
 *   ```` ``` ```` comments; arguments split at top-level commas and are trimmed. A double-quoted
 *   argument keeps its quotes: Splunk substitutes argument text as written — its macros.conf.example
 *   expands `foobar(someval)` with `definition = "foo = $foo$"` to `"foo = someval"`, the quotes
 *   coming from the definition — and neither its docs nor our research note say it unquotes
 *   arguments; rearc/spl_transpiler keeps them too (`foo("s")` → `"s"`). [unverified against a live
 *   Splunk] ESCU's `drop_dm_object_name("Processes")` therefore gives `rename "Processes".* AS *`.
 * - Arguments bind by position, or by name when every argument is `name=value` over exactly the
 *   macro's argument names (`foobar(bar=2, foo=1)`, as macros.conf.spec allows).
 * - `$arg$` is replaced wherever it occurs in the definition (also inside quotes, as Splunk does);
 *   a `$…$` that is not one of the macro's arguments, `$$` included, stays as written: Splunk
 *   documents no escape for `$` in macro definitions.
 * - Expansions are expanded again (recursively), with cycle detection (`macro-cycle`), a depth
 *   limit and a length limit. A call that cannot be expanded stays in place and is reported at its
 *   span in `text`; problems inside an expansion are reported at the outermost call.
 * - `iseval` macros: a definition that is only string literals (joined by `.`) after substitution
 *   is evaluated, e.g. the common `comment(1)` macro (`definition = ""`); any other eval
 *   expression is reported as `unsupported` (Nexus has no eval interpreter at expansion time).
 *   `validation` / `errormsg` are not checked.
 *
 * Pure; linear in the size of the input plus the output; never throws.
 */
export function expandMacros(text: string, registry: MacroRegistry, opts: ExpandOptions = {}): ExpandResult {
  const ctx: Context = {
    registry,
    maxDepth: Math.min(opts.maxDepth ?? 32, 1000), // recursion depth stays well inside the JS stack
    maxLength: opts.maxLength ?? 1_000_000,
    fallback: opts.fallback,
    errors: [],
    seen: new Set(),
    produced: 0,
    overflow: false,
  };
  if (!text.includes('`')) return { text, errors: [], map: SourceMap.identity(text.length) };
  const segments: MapSegment[] = [];
  let out = '';
  let copied = 0;
  for (const found of scanCalls(text)) {
    if (found.kind === 'malformed') {
      report(ctx, 'syntax', found.message, found.span);
      continue;
    }
    const expansion = expandCall(ctx, found, [], found.span);
    if (expansion === undefined) continue;
    if (found.span.start > copied) {
      const start = out.length;
      out += text.slice(copied, found.span.start);
      segments.push({
        kind: 'copy',
        out: { start, end: out.length },
        orig: { start: copied, end: found.span.start },
      });
    }
    const start = out.length;
    out += expansion;
    segments.push({ kind: 'expansion', out: { start, end: out.length }, orig: found.span });
    copied = found.span.end;
  }
  if (segments.length === 0) return { text, errors: ctx.errors, map: SourceMap.identity(text.length) };
  if (copied < text.length) {
    const start = out.length;
    out += text.slice(copied);
    segments.push({
      kind: 'copy',
      out: { start, end: out.length },
      orig: { start: copied, end: text.length },
    });
  }
  return { text: out, errors: ctx.errors, map: new SourceMap(segments, out.length, text.length) };
}

function report(ctx: Context, code: DiagnosticCode, message: string, at: Span, hints: string[] = []): void {
  const id = `${code}\u0000${at.start}\u0000${at.end}\u0000${message}`;
  if (ctx.seen.has(id)) return;
  ctx.seen.add(id);
  ctx.errors.push(diagnostic(code, message, at, hints));
}

const tick = (s: string): string => `\`${s}\``;
const where = (stack: readonly Frame[]): string =>
  stack.length === 0 ? '' : ` (in the expansion of ${stack.map((f) => tick(f.name)).join(' → ')})`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The expansion of one call, fully expanded; `undefined` when it cannot be expanded (reported). */
function expandCall(ctx: Context, call: MacroCall, stack: readonly Frame[], root: Span): string | undefined {
  if (ctx.overflow) return undefined;
  const arity = call.args.length;
  const key = macroKey(call.name, arity);
  const loop = stack.findIndex((f) => f.key === key);
  if (loop >= 0) {
    const cycle = stack.slice(loop + 1).map((f) => tick(f.name));
    const message =
      cycle.length === 0
        ? `macro ${tick(call.name)} calls itself`
        : `macro ${tick(call.name)} calls itself through ${[...cycle, tick(call.name)].join(' → ')}`;
    const chain = [...stack.map((f) => f.name), call.name].map(tick).join(' → ');
    report(ctx, 'macro-cycle', message, root, loop > 0 ? [`expansion chain: ${chain}`] : []);
    return undefined;
  }
  if (stack.length >= ctx.maxDepth) {
    const chain = [...stack.map((f) => f.name), call.name].map(tick);
    const shown = chain.length > 6 ? [...chain.slice(0, 3), '…', ...chain.slice(-2)] : chain;
    report(ctx, 'macro-cycle', `macro expansion nested deeper than ${ctx.maxDepth} levels`, root, [
      `expansion chain: ${shown.join(' → ')}`,
    ]);
    return undefined;
  }
  const def = ctx.registry.get(call.name, arity);
  let body: string | undefined;
  if (def) body = instantiate(ctx, def, call, stack, root);
  else {
    body = ctx.fallback?.(call.name, call.args);
    if (body === undefined) reportUndefined(ctx, call, key, stack, root);
  }
  if (body === undefined) return undefined;

  ctx.produced += body.length;
  if (ctx.produced > ctx.maxLength) {
    ctx.overflow = true;
    report(ctx, 'semantic', `macro expansion exceeds ${ctx.maxLength} characters`, root);
    return undefined;
  }
  return expandNested(ctx, body, [...stack, { key, name: call.name }], root);
}

/** Expands the calls inside an expansion; those that fail stay as written (and are reported). */
function expandNested(ctx: Context, text: string, stack: readonly Frame[], root: Span): string | undefined {
  if (!text.includes('`')) return text;
  let out = '';
  let copied = 0;
  for (const found of scanCalls(text)) {
    if (found.kind === 'malformed') {
      report(ctx, 'syntax', found.message + where(stack), root);
      continue;
    }
    const expansion = expandCall(ctx, found, stack, root);
    if (ctx.overflow) return undefined;
    if (expansion === undefined) continue;
    out += text.slice(copied, found.span.start) + expansion;
    copied = found.span.end;
  }
  return out + text.slice(copied);
}

function reportUndefined(
  ctx: Context,
  call: MacroCall,
  key: string,
  stack: readonly Frame[],
  root: Span,
): void {
  const arities = ctx.registry.arities(call.name);
  if (arities.length > 0) {
    const takes =
      arities.length === 1 ? plural(arities[0] ?? 0, 'argument') : `${arities.join(' or ')} arguments`;
    const message = `macro ${tick(call.name)} takes ${takes}, not ${call.args.length}`;
    const hints = arities
      .map((n) => ctx.registry.get(call.name, n))
      .filter((d): d is MacroDefinition => d !== undefined)
      .map((d) => `defined as ${tick(macroSignature(d))}${d.source === undefined ? '' : ` in ${d.source}`}`);
    report(ctx, 'undefined-macro', message + where(stack), root, hints);
    return;
  }
  const hints = nearest(call.name, ctx.registry.names()).map((n) => `did you mean ${tick(n)}?`);
  if (ctx.registry.size === 0) hints.push('no search macros are loaded');
  report(ctx, 'undefined-macro', `undefined macro ${tick(key)}${where(stack)}`, root, hints);
}

/** The definition with its arguments substituted (and evaluated when `iseval`); undefined if not. */
function instantiate(
  ctx: Context,
  def: MacroDefinition,
  call: MacroCall,
  stack: readonly Frame[],
  root: Span,
): string | undefined {
  const values = bind(def.args, call.args);
  const body = substitute(def.definition, values);
  if (!def.iseval) return body;
  const value = evalStringLiterals(body);
  if (value === undefined)
    report(ctx, 'unsupported', `eval-based macro ${tick(call.name)} is not supported${where(stack)}`, root, [
      'only `iseval` definitions made of string literals (`"…" . "…"`) are evaluated',
    ]);
  return value;
}

const NAMED = /^([A-Za-z0-9_-]+)\s*=/;

/** Argument name → text: by name when every argument is `name=value` over exactly `names`. */
export function bind(names: readonly string[], args: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  const named = args.map((a) => NAMED.exec(a));
  if (
    named.every((m) => m !== null && names.includes(m[1] ?? '')) &&
    new Set(named.map((m) => m?.[1])).size === names.length
  ) {
    named.forEach((m, i) => {
      if (m) values.set(m[1] ?? '', (args[i] ?? '').slice(m[0].length).trim());
    });
    return values;
  }
  names.forEach((n, i) => values.set(n, args[i] ?? ''));
  return values;
}

/** Replaces each `$name$` whose name is bound; other `$` are kept. One pass, no rescanning. */
export function substitute(definition: string, values: ReadonlyMap<string, string>): string {
  if (values.size === 0 || !definition.includes('$')) return definition;
  let out = '';
  let copied = 0;
  let i = definition.indexOf('$');
  while (i >= 0) {
    const close = definition.indexOf('$', i + 1);
    if (close < 0) break;
    const value = values.get(definition.slice(i + 1, close));
    if (value === undefined) {
      i = close; // the closing `$` may open the next placeholder
      continue;
    }
    out += definition.slice(copied, i) + value;
    copied = close + 1;
    i = definition.indexOf('$', copied);
  }
  return out + definition.slice(copied);
}

/** Evaluates `"a" . "b"` (double-quoted literals joined by `.`); undefined for anything else. */
export function evalStringLiterals(expr: string): string | undefined {
  let out = '';
  let i = 0;
  const skip = (): void => {
    while (i < expr.length && /\s/.test(expr[i] ?? '')) i++;
  };
  skip();
  for (;;) {
    if (expr[i] !== '"') return undefined;
    let j = i + 1;
    while (j < expr.length && expr[j] !== '"') j += expr[j] === '\\' ? 2 : 1;
    if (j >= expr.length) return undefined;
    out += unescapeQuoted(expr.slice(i + 1, j));
    i = j + 1;
    skip();
    if (i >= expr.length) return out;
    if (expr[i] !== '.') return undefined;
    i++;
    skip();
  }
}
