// Option value types (`key=value`) and their checks; each command's option table is in its module (`commands/`).

export type OptionType = 'bool' | 'int' | 'number' | 'span' | 'time' | 'string' | 'enum';

export interface OptionSpec {
  readonly type: OptionType;
  /** Allowed values for `enum`. */
  readonly values?: readonly string[];
  /** Lowest allowed value for `int`/`number`. */
  readonly min?: number;
  /** `span` that may also be a log span, `[<num>]log[<num>]` (bin, chart, timechart). */
  readonly log?: boolean;
}

/**
 * Where a command's options may stand: `leading` options come before its first positional argument (so a
 * later `x=y` is data, as in `tstats … where a=b`); `anywhere` options may follow positional arguments.
 */
export interface CommandSpec {
  readonly placement: 'leading' | 'anywhere';
  readonly options: Readonly<Record<string, OptionSpec>>;
}

export const bool: OptionSpec = { type: 'bool' };
export const int: OptionSpec = { type: 'int', min: 0 };
export const positive: OptionSpec = { type: 'int', min: 1 };
export const str: OptionSpec = { type: 'string' };
export const span: OptionSpec = { type: 'span' };
/** A bin span: a length, a time span or a log span (`span=log2`). */
export const binSpan: OptionSpec = { type: 'span', log: true };
export const time: OptionSpec = { type: 'time' };
export const number: OptionSpec = { type: 'number' };

/** The options `chart` and `timechart` share. */
export const chartOptions: Readonly<Record<string, OptionSpec>> = {
  // a number, `topN` or `bottomN` (checked when planned)
  limit: str,
  useother: bool,
  usenull: bool,
  otherstr: str,
  nullstr: str,
  cont: bool,
  span: binSpan,
  bins: positive,
  minspan: span,
  agg: str,
  format: str,
  sep: str,
  start: str,
  end: str,
  partial: bool,
  fixedrange: bool,
  aligntime: str,
  dedup_splitvals: bool,
};

/** The options of commands that run a subsearch. */
export const subsearchOptions: Readonly<Record<string, OptionSpec>> = {
  extendtimerange: bool,
  maxtime: int,
  maxout: int,
  timeout: int,
};

const boolWords = new Set(['t', 'f', 'true', 'false', '1', '0', 'yes', 'no']);
const spanPattern =
  /^\d*\.?\d*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks|mon|month|months|q|qtr|qtrs|quarter|quarters|y|yr|yrs|year|years|ms|us|cs|ds)?$/i;

const logSpanPattern = /^(\d+(\.\d+)?)?log(\d+(\.\d+)?)?$/i;

/** A message when `value` does not fit `spec`, else undefined. */
export function checkOptionValue(spec: OptionSpec, value: string): string | undefined {
  switch (spec.type) {
    case 'bool':
      return boolWords.has(value.toLowerCase()) ? undefined : 'a Boolean (`true`/`false`, `t`/`f`)';
    case 'int': {
      const ok = /^-?\d+$/.test(value) && Number(value) >= (spec.min ?? Number.NEGATIVE_INFINITY);
      return ok ? undefined : `a whole number${spec.min !== undefined ? ` ≥ ${spec.min}` : ''}`;
    }
    case 'number':
      return Number.isFinite(Number(value)) && value.trim() !== '' ? undefined : 'a number';
    case 'span':
      if (spec.log && logSpanPattern.test(value)) return undefined;
      return value !== '' && /\d|^[a-z]+$/i.test(value) && spanPattern.test(value)
        ? undefined
        : 'a time span such as `5m` or `1h`';
    case 'time':
      return /^-1$|^\d+(\.\d+)?[a-z]*$/i.test(value) ? undefined : 'a duration such as `30s`, `5m` or `-1`';
    case 'enum':
      return (spec.values ?? []).includes(value.toLowerCase())
        ? undefined
        : `one of ${(spec.values ?? []).map((v) => `\`${v}\``).join(', ')}`;
    case 'string':
      return undefined;
  }
}
