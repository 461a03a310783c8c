// The options each SPL command accepts (`key=value`), with their value types, from Splunk's Search Reference.

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

const bool: OptionSpec = { type: 'bool' };
const int: OptionSpec = { type: 'int', min: 0 };
const positive: OptionSpec = { type: 'int', min: 1 };
const str: OptionSpec = { type: 'string' };
const span: OptionSpec = { type: 'span' };
/** A bin span: a length, a time span or a log span (`span=log2`). */
const binSpan: OptionSpec = { type: 'span', log: true };
const time: OptionSpec = { type: 'time' };
const number: OptionSpec = { type: 'number' };

const chartOptions: Record<string, OptionSpec> = {
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
};

const subsearchOptions: Record<string, OptionSpec> = {
  extendtimerange: bool,
  maxtime: int,
  maxout: int,
  timeout: int,
};

/** Commands whose options Nexus checks. Commands not listed here are not checked (their args are data). */
export const commandSpecs: Readonly<Record<string, CommandSpec>> = {
  stats: {
    placement: 'leading',
    options: { allnum: bool, delim: str, partitions: positive, dedup_splitvals: bool },
  },
  eventstats: { placement: 'leading', options: { allnum: bool } },
  streamstats: {
    placement: 'leading',
    options: {
      current: bool,
      window: int,
      time_window: span,
      global: bool,
      allnum: bool,
      reset_on_change: bool,
      reset_before: str,
      reset_after: str,
    },
  },
  timechart: { placement: 'leading', options: chartOptions },
  chart: { placement: 'leading', options: chartOptions },
  top: {
    placement: 'anywhere',
    options: {
      limit: int,
      countfield: str,
      percentfield: str,
      showcount: bool,
      showperc: bool,
      useother: bool,
      otherstr: str,
    },
  },
  bin: {
    placement: 'anywhere',
    options: {
      span: binSpan,
      bins: positive,
      minspan: span,
      start: { type: 'number' },
      end: { type: 'number' },
      aligntime: str,
    },
  },
  dedup: { placement: 'anywhere', options: { keepevents: bool, keepempty: bool, consecutive: bool } },
  rex: {
    placement: 'anywhere',
    options: { field: str, max_match: int, offset_field: str, mode: { type: 'enum', values: ['sed'] } },
  },
  fillnull: { placement: 'leading', options: { value: str } },
  spath: { placement: 'anywhere', options: { input: str, output: str, path: str } },
  mvexpand: { placement: 'anywhere', options: { limit: int } },
  makemv: { placement: 'leading', options: { delim: str, tokenizer: str, allowempty: bool, setsv: bool } },
  join: {
    placement: 'leading',
    options: {
      type: { type: 'enum', values: ['inner', 'outer', 'left'] },
      usetime: bool,
      earlier: bool,
      overwrite: bool,
      max: int,
      left: str,
      right: str,
      where: str,
      ...subsearchOptions,
    },
  },
  append: { placement: 'leading', options: subsearchOptions },
  appendcols: { placement: 'leading', options: { override: bool, ...subsearchOptions } },
  appendpipe: { placement: 'leading', options: { run_in_preview: bool } },
  transaction: {
    placement: 'anywhere',
    options: {
      maxspan: time,
      maxpause: time,
      maxevents: { type: 'int', min: -1 },
      startswith: str,
      endswith: str,
      connected: bool,
      unifyends: bool,
      keeporphans: bool,
      keepevicted: bool,
      mvlist: str,
      delim: str,
      nullstr: str,
      mvraw: bool,
      maxopentxn: int,
      maxopenevents: int,
      name: str,
      fields: str,
    },
  },
  head: { placement: 'anywhere', options: { limit: int, null: bool, keeplast: bool } },
  makeresults: {
    placement: 'anywhere',
    options: {
      count: positive,
      annotate: bool,
      splunk_server: str,
      splunk_server_group: str,
      format: { type: 'enum', values: ['csv', 'json'] },
      data: str,
    },
  },
  inputlookup: { placement: 'leading', options: { append: bool, start: int, max: int, strict: bool } },
  outputlookup: {
    placement: 'anywhere',
    options: {
      append: bool,
      create_empty: bool,
      override_if_empty: bool,
      max: int,
      key_field: str,
      createinapp: bool,
      output_format: str,
    },
  },
  lookup: { placement: 'leading', options: { local: bool, update: bool, event_time_field: str } },
  tstats: {
    placement: 'leading',
    options: {
      prestats: bool,
      local: bool,
      append: bool,
      summariesonly: bool,
      include_reduced_buckets: bool,
      allow_old_summaries: bool,
      chunk_size: int,
      fillnull_value: str,
      // `by … span=1h` is kept with the options
      span,
    },
  },
  mstats: {
    placement: 'leading',
    options: {
      prestats: bool,
      append: bool,
      backfill: bool,
      update_period: int,
      fillnull_value: str,
      chunk_size: int,
      chart: bool,
      span,
    },
  },
  convert: { placement: 'leading', options: { timeformat: str } },
  addtotals: {
    placement: 'anywhere',
    options: { row: bool, col: bool, labelfield: str, label: str, fieldname: str },
  },
  iplocation: { placement: 'leading', options: { prefix: str, allfields: bool, lang: str } },
  format: { placement: 'leading', options: { mvsep: str, maxresults: int, emptystr: str } },
  foreach: {
    placement: 'anywhere',
    options: {
      fieldstr: str,
      matchstr: str,
      matchseg1: str,
      matchseg2: str,
      matchseg3: str,
      mode: { type: 'enum', values: ['multifield', 'multivalue', 'json_array', 'auto_collections'] },
      itemstr: str,
      iterstr: str,
    },
  },
  sort: { placement: 'leading', options: { limit: int } },
  xyseries: { placement: 'anywhere', options: { grouped: bool, sep: str, format: str } },
  // MLTK: the settings `apply` takes for DensityFunction models (other models take none).
  apply: {
    placement: 'anywhere',
    options: {
      threshold: number,
      lower_threshold: number,
      upper_threshold: number,
      show_density: bool,
      sample: bool,
      full_sample: bool,
    },
  },
  xmlkv: { placement: 'anywhere', options: { maxinputs: int } },
  // `search="…"` is `map`'s search itself, not an option.
  map: { placement: 'anywhere', options: { maxsearches: positive } },
  fromjson: { placement: 'anywhere', options: { prefix: str } },
  anomalydetection: {
    placement: 'anywhere',
    options: {
      method: { type: 'enum', values: ['histogram', 'zscore', 'iqr'] },
      action: { type: 'enum', values: ['filter', 'annotate', 'summary', 'remove', 'transform'] },
      pthresh: number,
      cutoff: bool,
    },
  },
};

// `bucket` and `discretize` are `bin`; `rare` takes `top`'s options.
export const commandAliases: Readonly<Record<string, string>> = {
  bucket: 'bin',
  discretize: 'bin',
  rare: 'top',
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
