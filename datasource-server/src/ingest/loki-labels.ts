// Parser for a Loki stream's label set as text (`{job="api", host="a\"b"}`) in protobuf push bodies.

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const MAX_LABELS = 256;
/** Plain characters of a quoted string (sticky: matched at `lastIndex`). */
const RUN = /[^"\\\n]*/y;

/** A label set that is not valid; `message` says where and why. */
export class LabelsError extends Error {
  override readonly name = 'LabelsError';
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
  '"': 34,
};

class LabelParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  private fail(what: string): never {
    throw new LabelsError(
      `invalid labels ${JSON.stringify(this.text.slice(0, 200))}: ${what} at ${this.pos}`,
    );
  }

  private ws(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private peek(): string {
    return this.text[this.pos] ?? '';
  }

  private eat(ch: string): boolean {
    if (this.peek() !== ch) return false;
    this.pos++;
    return true;
  }

  private hex(digits: number): number {
    const s = this.text.slice(this.pos, this.pos + digits);
    if (s.length !== digits || !/^[0-9A-Fa-f]+$/.test(s)) this.fail(`expected ${digits} hex digits`);
    this.pos += digits;
    return parseInt(s, 16);
  }

  /** A double-quoted string with Go's escapes (what Loki's clients produce), or a back-quoted raw string. */
  private quoted(): string {
    if (this.eat('`')) {
      const end = this.text.indexOf('`', this.pos);
      if (end < 0) this.fail('unterminated raw string');
      const s = this.text.slice(this.pos, end);
      this.pos = end + 1;
      return s;
    }
    if (!this.eat('"')) this.fail('expected a quoted value');
    // \xNN and octal escapes name bytes of the UTF-8 text, not code points: runs of them are collected
    // as bytes and decoded together.
    const parts: string[] = [];
    let bytes: number[] = [];
    const flush = (): void => {
      if (bytes.length > 0) parts.push(Buffer.from(bytes).toString('utf8'));
      bytes = [];
    };
    for (;;) {
      RUN.lastIndex = this.pos;
      const run = RUN.exec(this.text)?.[0] ?? '';
      if (run !== '') {
        flush();
        parts.push(run);
        this.pos += run.length;
      }
      if (this.pos >= this.text.length) this.fail('unterminated string');
      const ch = this.text[this.pos++];
      if (ch === '"') break;
      if (ch === '\n') this.fail('newline in a quoted string');
      const e = this.text[this.pos++] ?? '';
      const simple = SIMPLE_ESCAPES[e];
      if (e === 'x') bytes.push(this.hex(2));
      else if (e >= '0' && e <= '7') {
        const s = this.text.slice(this.pos - 1, this.pos + 2);
        if (!/^[0-7]{3}$/.test(s)) this.fail('expected a 3-digit octal escape');
        const v = parseInt(s, 8);
        if (v > 255) this.fail('octal escape above \\377');
        this.pos += 2;
        bytes.push(v);
      } else if (simple !== undefined) {
        flush();
        parts.push(String.fromCharCode(simple));
      } else if (e === 'u' || e === 'U') {
        const cp = this.hex(e === 'u' ? 4 : 8);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) this.fail('invalid code point escape');
        flush();
        parts.push(String.fromCodePoint(cp));
      } else this.fail(`unknown escape \\${e}`);
    }
    flush();
    return parts.join('');
  }

  private name(): string {
    if (this.peek() === '"') return this.quoted();
    const start = this.pos;
    if (!NAME_START.test(this.peek())) this.fail('expected a label name');
    this.pos++;
    while (NAME_CHAR.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  parse(): Map<string, string> {
    const labels = new Map<string, string>();
    this.ws();
    if (!this.eat('{')) this.fail("expected '{'");
    this.ws();
    while (!this.eat('}')) {
      const name = this.name();
      if (name === '') this.fail('empty label name');
      this.ws();
      if (!this.eat('=')) this.fail(`expected '=' after ${name} (only equality matchers name a stream)`);
      this.ws();
      const value = this.quoted();
      if (labels.has(name)) this.fail(`duplicate label ${name}`);
      if (labels.size >= MAX_LABELS) this.fail(`more than ${MAX_LABELS} labels`);
      labels.set(name, value);
      this.ws();
      if (this.eat(',')) this.ws();
      else if (this.peek() !== '}') this.fail("expected ',' or '}'");
    }
    this.ws();
    if (this.pos < this.text.length) this.fail('unexpected text after the label set');
    return labels;
  }
}

/**
 * Parses Prometheus/LogQL label-set text: names `[A-Za-z_][A-Za-z0-9_]*` (or quoted), values in double
 * quotes with Go escapes (`\"`, `\\`, `\n`, `\t`, `\xNN`, `\uNNNN`, octal) or in back quotes; a trailing
 * comma is allowed, `{}` is an empty set. Throws LabelsError.
 *
 * @example parseLabels('{job="api", path="C:\\\\logs"}') // => Map { job → 'api', path → 'C:\\logs' }
 */
export function parseLabels(text: string): Map<string, string> {
  return new LabelParser(text).parse();
}
