// The one identifier-quoting function for ClickHouse SQL, and the typed query-parameter collector.

/**
 * Quotes an identifier for ClickHouse: backticks, with backslashes and backticks escaped.
 * Every table, column, alias and JSON path segment in generated SQL goes through here.
 *
 * @example quoteIdent('count(x)') // => '`count(x)`'
 */
export function quoteIdent(name: string): string {
  return '`' + name.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
}

/** ClickHouse types we bind parameters as. */
export type ParamType =
  | 'String'
  | 'Float64'
  | 'Int64'
  | 'UInt64'
  | 'DateTime64(3)'
  | 'Array(String)'
  | 'Array(Float64)'
  | 'Array(Nullable(String))'
  | 'Array(Nullable(Float64))'
  | 'Array(Array(String))';

/** A parameter's value: text, a number, or a list of them (lists of text may nest once; null in a nullable list). */
export type ParamValue =
  | string
  | number
  | readonly string[]
  | readonly number[]
  | readonly (string | null)[]
  | readonly (number | null)[]
  | readonly (readonly string[])[];

/**
 * Collects query parameters while SQL is printed: each value becomes `{pN:Type}` in the text and an
 * entry in `params`. Identical (value, type) pairs share one parameter.
 */
export class Params {
  readonly values: Record<string, unknown> = {};
  private readonly seen = new Map<string, string>();
  private next = 0;

  /** Binds `value` as `type` and returns its placeholder. */
  bind(value: ParamValue, type: ParamType): string {
    const key = `${type}\u0000${JSON.stringify(value)}`;
    let name = this.seen.get(key);
    if (name === undefined) {
      name = `p${this.next++}`;
      this.seen.set(key, name);
      this.values[name] = value;
    }
    return `{${name}:${type}}`;
  }

  string(value: string): string {
    return this.bind(value, 'String');
  }

  /** Numbers are bound too: search values like `500` must not appear in the SQL text. */
  float(value: number): string {
    return this.bind(value, 'Float64');
  }

  int(value: number): string {
    return this.bind(Math.trunc(value), 'Int64');
  }
}
