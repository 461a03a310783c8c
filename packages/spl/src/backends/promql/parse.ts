// Reads back the PromQL subset that `print.ts` writes, so tests can prove `parse(print(x))` equals `x`.

import type { AggregateOp, BinaryOp, Matcher, MatchOp, PromExpr, VectorSelector } from './ast.ts';
import { aggregate, binary, call, matrix, num, vector } from './ast.ts';

const aggregateOps: ReadonlySet<string> = new Set<AggregateOp>(['sum', 'min', 'max', 'count', 'avg']);
const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const escapes: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"' };

/** Precedence of the binary operators we print (higher binds tighter); `^` is right-associative. */
const precedence: Readonly<Record<BinaryOp, number>> = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 3 };

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new Error(`PromQL: expected ${what} at ${this.pos}: ${this.text.slice(this.pos, this.pos + 20)}`);
  }
  skip(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }
  peek(s: string): boolean {
    this.skip();
    return this.text.startsWith(s, this.pos);
  }
  eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.pos += s.length;
    return true;
  }
  need(s: string): void {
    if (!this.eat(s)) this.fail(`\`${s}\``);
  }
  word(re: RegExp): string | undefined {
    this.skip();
    const m = re.exec(this.text.slice(this.pos));
    if (!m || m.index !== 0) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
  string(): string {
    this.need('"');
    let out = '';
    for (;;) {
      const ch = this.text[this.pos++];
      if (ch === undefined) this.fail('a closing `"`');
      if (ch === '"') return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const e = this.text[this.pos++] ?? '';
      if (e === 'x') {
        out += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 2), 16));
        this.pos += 2;
      } else if (escapes[e] !== undefined) out += escapes[e];
      else this.fail('a string escape');
    }
  }
  duration(): number {
    const d = this.word(/^\d+(ms|s|m|h|d)/);
    const m = d ? /^(\d+)(\D+)$/.exec(d) : null;
    const size = m ? unitMs[m[2] ?? ''] : undefined;
    if (!m || size === undefined) return this.fail('a duration');
    return Number(m[1]) * size;
  }
}

function matchers(r: Reader): Matcher[] {
  const out: Matcher[] = [];
  r.need('{');
  while (!r.eat('}')) {
    if (out.length > 0) r.need(',');
    const name = r.word(/^[a-zA-Z_][a-zA-Z0-9_]*/) ?? r.fail('a label name');
    const op = (r.word(/^(=~|!~|!=|=)/) ?? r.fail('a matcher operator')) as MatchOp;
    out.push({ name, op, value: r.string() });
  }
  return out;
}

/** A selector's range and offset after its braces. */
function selectorTail(r: Reader, matchers: Matcher[]): PromExpr {
  let range: number | undefined;
  if (r.eat('[')) {
    range = r.duration();
    r.need(']');
  }
  const offset = r.eat('offset ') ? r.duration() : undefined;
  const v: VectorSelector = vector(matchers, offset);
  return range === undefined ? v : matrix(v, range);
}

function primary(r: Reader): PromExpr {
  if (r.eat('(')) {
    const e = expr(r, 0);
    r.need(')');
    return e;
  }
  if (r.peek('{')) return selectorTail(r, matchers(r));
  const n = r.word(/^-?(\d+(\.\d*)?([eE][-+]?\d+)?|Inf|NaN)/);
  if (n !== undefined) return num(n.endsWith('Inf') ? (n.startsWith('-') ? -Infinity : Infinity) : Number(n));
  const name = r.word(/^[a-zA-Z_:][a-zA-Z0-9_:]*/) ?? r.fail('an expression');
  if (aggregateOps.has(name) && (r.peek('by') || r.peek('('))) {
    const by: string[] = [];
    if (r.eat('by')) {
      r.need('(');
      while (!r.eat(')')) {
        if (by.length > 0) r.need(',');
        by.push(r.word(/^[a-zA-Z_][a-zA-Z0-9_]*/) ?? r.fail('a label name'));
      }
    }
    r.need('(');
    const inner = expr(r, 0);
    r.need(')');
    return aggregate(name as AggregateOp, by, inner);
  }
  if (r.eat('(')) {
    const args: PromExpr[] = [];
    while (!r.eat(')')) {
      if (args.length > 0) r.need(',');
      args.push(expr(r, 0));
    }
    return call(name, ...args);
  }
  const rest = r.peek('{') ? matchers(r) : [];
  return selectorTail(r, [{ name: '__name__', op: '=', value: name }, ...rest]);
}

function expr(r: Reader, min: number): PromExpr {
  let lhs = primary(r);
  for (;;) {
    r.skip();
    const op = r.text[r.pos] as BinaryOp | undefined;
    if (op === undefined || !(op in precedence) || precedence[op] < min) return lhs;
    r.pos++;
    const rhs = expr(r, op === '^' ? precedence[op] : precedence[op] + 1);
    lhs = binary(op, lhs, rhs);
  }
}

/**
 * Parses PromQL text of the printed subset; throws on anything else (a bug in the printer, not user input).
 *
 * @example parsePromQL('sum by (host) (sum_over_time(cpu[1m]))') // => aggregate('sum', ['host'], call(…))
 */
export function parsePromQL(text: string): PromExpr {
  const r = new Reader(text);
  const e = expr(r, 0);
  r.skip();
  if (r.pos !== text.length) r.fail('the end');
  return e;
}
