// A small bounds-checked protobuf wire-format reader and writer (Loki push and OTLP/HTTP bodies).

/** Wire types of the protobuf encoding. */
export const WIRE = { varint: 0, fixed64: 1, bytes: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;
type WireType = (typeof WIRE)[keyof typeof WIRE];

const WIRE_NAMES = ['varint', 'fixed64', 'length-delimited', 'start-group', 'end-group', 'fixed32'];

/** Groups nested deeper than this are refused rather than skipped (they are deprecated and rare). */
const MAX_GROUP_DEPTH = 32;
const MAX_FIELD_NUMBER = 2 ** 29 - 1;

/** The body is not a well-formed protobuf message of the expected shape. */
export class ProtoError extends Error {
  override readonly name = 'ProtoError';
}

export interface ProtoField {
  readonly field: number;
  readonly wire: WireType;
}

/**
 * Reads one message from `buf[start, end)`. Every read checks the bounds and throws ProtoError on
 * truncated or malformed input; nothing loops without consuming bytes. Nested messages are read with
 * {@link ProtoReader.message}, which returns a reader limited to the field's bytes.
 *
 * @example
 * const r = new ProtoReader(bytes);
 * while (!r.done()) {
 *   const f = r.next();
 *   if (f.field === 1 && r.expect(f, WIRE.bytes, 'labels')) labels = r.string();
 *   else r.skip(f);
 * }
 */
export class ProtoReader {
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  private fail(what: string): never {
    throw new ProtoError(`malformed protobuf at byte ${this.pos}: ${what}`);
  }

  /** The next field's number and wire type. */
  next(): ProtoField {
    const key = this.varint();
    const wire = Number(key & 7n);
    const field = Number(key >> 3n);
    if (field < 1 || field > MAX_FIELD_NUMBER) this.fail(`invalid field number ${field}`);
    if (wire > 5) this.fail(`invalid wire type ${wire} for field ${field}`);
    return { field, wire: wire as WireType };
  }

  /** True when `f` has the wire type a known field needs; throws a ProtoError naming the field otherwise. */
  expect(f: ProtoField, wire: WireType, name: string): true {
    if (f.wire !== wire) {
      this.fail(
        `field ${name} (${f.field}) has wire type ${WIRE_NAMES[f.wire]}, expected ${WIRE_NAMES[wire]}`,
      );
    }
    return true;
  }

  /** An unsigned varint of up to 64 bits (int64 values come back as their two's complement). */
  varint(): bigint {
    // Fast path: up to 4 bytes (28 bits) fits a small integer.
    let small = 0;
    for (let i = 0; i < 4; i++) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = this.buf[this.pos++] ?? 0;
      small |= (b & 0x7f) << (7 * i);
      if (b < 0x80) return BigInt(small >>> 0);
    }
    let value = BigInt(small >>> 0);
    for (let shift = 28n; ; shift += 7n) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = this.buf[this.pos++] ?? 0;
      // The tenth byte may carry only the 64th bit.
      if (shift === 63n && b > 1) this.fail('varint longer than 64 bits');
      value |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return value;
    }
  }

  /** A varint that must fit in 32 bits unsigned (lengths, enums, uint32). */
  uint32(): number {
    const v = this.varint();
    // Negative int32 enums are sent sign-extended to 64 bits; keep their low 32 bits.
    return Number(v & 0xffffffffn);
  }

  /** An int64 varint as a signed value. */
  int64(): bigint {
    return BigInt.asIntN(64, this.varint());
  }

  bool(): boolean {
    return this.varint() !== 0n;
  }

  private take(n: number, what: string): number {
    if (n > this.end - this.pos)
      this.fail(`truncated ${what} (${n} bytes needed, ${this.end - this.pos} left)`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  fixed32(): number {
    const at = this.take(4, 'fixed32');
    return new DataView(this.buf.buffer, this.buf.byteOffset + at, 4).getUint32(0, true);
  }

  fixed64(): bigint {
    const at = this.take(8, 'fixed64');
    return new DataView(this.buf.buffer, this.buf.byteOffset + at, 8).getBigUint64(0, true);
  }

  double(): number {
    const at = this.take(8, 'double');
    return new DataView(this.buf.buffer, this.buf.byteOffset + at, 8).getFloat64(0, true);
  }

  private length(): number {
    const n = this.varint();
    if (n > BigInt(this.end - this.pos)) {
      this.fail(`length ${n} runs past the end of the message (${this.end - this.pos} bytes left)`);
    }
    return Number(n);
  }

  /** A length-delimited field's bytes (a view, not a copy). */
  bytes(): Uint8Array {
    const n = this.length();
    const at = this.take(n, 'bytes');
    return this.buf.subarray(at, at + n);
  }

  /** A string field; invalid UTF-8 becomes U+FFFD rather than failing the request. */
  string(): string {
    const b = this.bytes();
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  }

  /** A reader over an embedded message's bytes; this reader moves past them. */
  message(): ProtoReader {
    const n = this.length();
    const at = this.take(n, 'message');
    return new ProtoReader(this.buf, at, at + n);
  }

  /** Skips a field this decoder does not know (including groups, to a bounded depth). */
  skip(f: ProtoField): void {
    this.skipValue(f, 0);
  }

  private skipValue(f: ProtoField, depth: number): void {
    switch (f.wire) {
      case WIRE.varint:
        this.varint();
        return;
      case WIRE.fixed64:
        this.take(8, 'fixed64');
        return;
      case WIRE.bytes:
        this.take(this.length(), 'bytes');
        return;
      case WIRE.fixed32:
        this.take(4, 'fixed32');
        return;
      case WIRE.startGroup: {
        if (depth >= MAX_GROUP_DEPTH) this.fail('groups nested too deeply');
        for (;;) {
          if (this.done()) this.fail(`unterminated group ${f.field}`);
          const inner = this.next();
          if (inner.wire === WIRE.endGroup) {
            if (inner.field !== f.field) this.fail(`group ${f.field} closed by end-group ${inner.field}`);
            return;
          }
          this.skipValue(inner, depth + 1);
        }
      }
      case WIRE.endGroup:
        this.fail(`unexpected end-group ${f.field}`);
    }
  }
}

/** Builds a protobuf message (the few response messages the ingestion routes send). */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];

  private varint(v: bigint): void {
    const out: number[] = [];
    let x = BigInt.asUintN(64, v);
    while (x >= 0x80n) {
      out.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    out.push(Number(x));
    this.parts.push(Uint8Array.from(out));
  }

  private key(field: number, wire: WireType): void {
    this.varint(BigInt(field * 8 + wire));
  }

  /** An int32/int64/uint64 field; zero is omitted (proto3 default). */
  int(field: number, v: bigint | number): this {
    if (BigInt(v) === 0n) return this;
    this.key(field, WIRE.varint);
    this.varint(BigInt(v));
    return this;
  }

  /** A string field; empty is omitted (proto3 default). */
  string(field: number, s: string): this {
    if (s === '') return this;
    return this.bytes(field, Buffer.from(s, 'utf8'));
  }

  bytes(field: number, b: Uint8Array): this {
    this.key(field, WIRE.bytes);
    this.varint(BigInt(b.byteLength));
    this.parts.push(b);
    return this;
  }

  message(field: number, m: ProtoWriter): this {
    return this.bytes(field, m.finish());
  }

  finish(): Buffer<ArrayBuffer> {
    return Buffer.concat(this.parts);
  }
}
