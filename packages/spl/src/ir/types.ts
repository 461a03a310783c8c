// The IR: a small relational core that every SPL command lowers into. Backends see only this.
//
// Relations: scan, values, filter, compute, aggregate, sort, take, project. Scalar expressions carry a
// static type; functions are a closed set (`IrFn`) whose Splunk semantics each backend must implement.

import type { MetricStats } from './metrics.ts';
import type { Span } from '../diagnostics.ts';

/**
 * Static types of scalar expressions:
 * - `any`: a field value from the data, a string that may hold a number (Splunk's dynamic typing);
 * - `number`, `string`, `bool`, `time` (an instant; seconds since the epoch when used as a number);
 * - `null`: the literal null;
 * - `mv`: a multivalue field (an array of strings), as `values()` and `list()` make.
 */
export type ScalarType = 'any' | 'number' | 'string' | 'bool' | 'time' | 'null' | 'mv';

/** A column of the input relation, by its SPL field name. */
export interface ColumnRef {
  readonly kind: 'column';
  readonly name: string;
  readonly type: ScalarType;
  readonly span?: Span;
}

/** A structured (extracted or indexed) field of a raw event, looked up by its dotted path. */
export interface FieldRef {
  readonly kind: 'field';
  readonly path: string;
  readonly type: 'any';
  readonly span?: Span;
}

export interface Literal {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
  readonly type: ScalarType;
  readonly span?: Span;
}

/**
 * Scalar functions with Splunk semantics. Search-language predicates (`search_*`) are two-valued:
 * they are never null, so `NOT` keeps events that lack the field, as Splunk does.
 */
export type IrFn =
  // arithmetic on numbers; `div` and `mod` give null on a zero divisor
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'mod'
  | 'neg'
  // string concatenation (`.`): null if either side is null
  | 'concat'
  // eval comparisons: case-sensitive; numeric when both sides are numbers
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'like'
  // boolean logic (eval semantics)
  | 'and'
  | 'or'
  | 'xor'
  | 'not'
  // conditionals and null handling
  | 'if'
  | 'isnull'
  | 'isnotnull'
  | 'coalesce'
  // conversions
  | 'tonumber'
  | 'tostring'
  // conditionals: multiIf with a null default
  | 'case'
  // text
  | 'lower'
  | 'upper'
  | 'len'
  | 'substr'
  | 'trim'
  | 'ltrim'
  | 'rtrim'
  | 'match'
  | 'replace'
  | 'urldecode'
  // xmlunescape: XML entity and character references decoded
  | 'xml_unescape'
  // outputtext: `&`, `<`, `>`, `"` and `'` written as XML entity references
  | 'xml_escape'
  // diff: args (texts mv, position1, position2, diffheader, maxlen, maxlines, message literals) → the unified
  // diff of the texts at the two positions (null when the list is shorter; empty when the same)
  | 'unified_diff'
  // associate: mv_entropy (values mv) → the Shannon entropy in bits of the values' distribution (0 for none);
  // mv_top (values mv) → the most common value (the first in text order on a tie); mv_share (values mv,
  // value) → the share of the values equal to it; fixed (number, decimals literal) → its text with that
  // many decimals
  | 'mv_entropy'
  | 'mv_top'
  | 'mv_share'
  | 'fixed'
  // multikv: multikv_header (text, header line literal, 0 = the first non-blank line) → the title line;
  // multikv_rows (text, header line literal) → the non-blank lines after it; multikv_value (row, title line,
  // field literal, noheader literal) → the row's text under the title's column of that (cleaned) name, or its
  // n-th white-space separated value for `Column_<n>` without a title
  // xpath: args (XML text, element path regex literal over `/a/b` paths, attribute literal, '' for the text)
  // → the text (or attribute) of every element whose path matches, in document order
  | 'xpath'
  // bucketdir/folderize: path_prefix (path, separator literal, depth) → the first `depth` parts of the path
  // (a separator after them when parts were cut); rollup_depth (paths mv, separator literal, max literal) → the
  // most parts the paths can keep while giving at most `max` distinct prefixes (at least 1)
  | 'path_prefix'
  | 'rollup_depth'
  | 'multikv_header'
  | 'multikv_rows'
  | 'multikv_value'
  // multikv_fields (row, title line, no title literal, JSON list of the names kept literal (empty: all)) →
  // every column of the row as multikv_value reads it, as a map of name → its value
  | 'multikv_fields'
  // abstract: args (text, max lines literal) → the lines with the most terms (in their order, `...` before a
  // line that does not follow the one before); the text unchanged when it has no more lines than that
  | 'abstract'
  // scrub: args (text, salt) → each run of digits or letters replaced by one of the same length and case,
  // derived from a hash of the run and the salt (the same run gives the same replacement); the rest kept
  | 'scrub'
  // anomalies: ngram_set (text, n literal, normalize literal, max characters literal) → the distinct 64-bit
  // hashes of the n-grams of characters of the text's first `max` characters (every digit as `0` when
  // normalize) with a space before and after, an array; set_size (such an array) → its length
  | 'ngram_set'
  | 'set_size'
  // hashes: args (value, algorithm literal md5|sha1|sha256|sha512)
  | 'hash'
  // math; `sqrt`, `ln`, `log` of an invalid input give null
  | 'round'
  // sigfig: the decimals that keep n figures of x, the figures that n decimals keep of x; the figures
  // and decimal places of a number's text (`1.00` → 3, 2)
  | 'sigfig_decimals'
  | 'sigfig_figures'
  | 'sigfig_text_figures'
  | 'sigfig_text_decimals'
  | 'abs'
  | 'floor'
  | 'ceil'
  | 'sqrt'
  | 'pow'
  | 'exp'
  | 'ln'
  | 'log'
  | 'least'
  | 'greatest'
  // min/max with multivalue arguments: every value of those (as numbers), and the other arguments
  | 'mv_least'
  | 'mv_greatest'
  // addtotals: the sum of the numeric arguments, nulls skipped; null when none is a number
  | 'sum_of'
  // trigonometric and hyperbolic (radians); null outside a function's domain
  | 'sin'
  | 'cos'
  | 'tan'
  | 'asin'
  | 'acos'
  | 'atan'
  | 'atan2'
  | 'sinh'
  | 'cosh'
  | 'tanh'
  | 'asinh'
  | 'acosh'
  | 'atanh'
  | 'hypot'
  // the complementary error function, 1 − erf(x): the two-sided normal tail of x·√2 standard deviations
  | 'erfc'
  // bitwise, on the integer part of non-negative numbers
  | 'bit_and'
  | 'bit_or'
  | 'bit_xor'
  | 'bit_not'
  | 'bit_shift_left'
  | 'bit_shift_right'
  // conversions: tonumber(str, base literal 2–36); tostring(x, format literal hex|commas|duration)
  | 'tonumber_base'
  | 'tostring_format'
  // printf: args (format pieces literal as JSON, values…) — see plan's printf parser
  | 'printf'
  // the average of the numeric arguments, nulls skipped
  | 'avg_of'
  // a pseudo-random integer from 0 to 2^31-1
  | 'random'
  // the wall-clock time of evaluation, epoch seconds (microseconds)
  | 'wall_time'
  // Splunk's typeof: Number, String, Boolean, Invalid (null), by the value's static type and content
  | 'typeof'
  // multivalue: mvrange(start, end, step) numbers as strings; mvsort lexicographic; mvzip (x, y, delim)
  | 'mvrange'
  | 'mvrange_months'
  // timewrap over months: months_before(t, end, tz) whole calendar months from t before end; add_months(t, n, tz)
  | 'months_before'
  | 'add_months'
  | 'mvsort'
  // commands(): the command names of a search string
  | 'search_commands'
  | 'mvzip'
  // mvmap: args (list, expression over the column named by the third literal arg, the lambda variable)
  | 'mvmap'
  // JSON: mv_to_json_array (list, infer literal); json (value or null); json_valid; json_keys;
  // json_array_to_mv; json_object (k, v, …); json_array (v, …); json_extract (json, path literal, exact literal)
  | 'mv_to_json_array'
  | 'json'
  | 'json_valid'
  | 'json_keys'
  | 'json_array_to_mv'
  | 'json_object'
  | 'json_array'
  | 'json_extract'
  | 'json_has_key'
  // JSON along literal paths, the last argument (a JSON list of JsonStep lists): json_paths (json) reads
  // one value or a JSON array of several; json_set / json_append / json_extend (json, value…), json_delete
  // (json) edit; json_entries (json) has no paths
  | 'json_paths'
  | 'json_set'
  | 'json_delete'
  | 'json_append'
  | 'json_extend'
  | 'json_entries'
  // tojson: args (value, type literal auto|bool|json|none|num|str) → the value as JSON text, null without one
  | 'json_value'
  // lookup(): the outputs of an eval-level lookup (multivalue columns, then a literal JSON list of the
  // output names) as a JSON object; null without a match
  | 'lookup_json'
  // lookup_values (key values…, literal JSON `LookupValuesSpec`): the non-empty values of one column of the
  // tenant's lookup table in its rows whose key columns equal the keys (an automatic lookup, a data model's
  // Lookup calculation), as an expression so it costs nothing unless read; empty without a match
  | 'lookup_values'
  // isarray/isobject: args (text, literal 'array' | 'object') → the text is valid JSON of that type
  | 'json_is'
  // ipmask: args (mask, IPv4 address) → the masked address
  | 'ipmask'
  // type tests on field values
  | 'isnum'
  | 'isint'
  | 'isstr'
  // network
  | 'cidrmatch'
  // time: args (epoch seconds, literal spec or format, literal time zone)
  | 'relative_time'
  // args (epoch seconds, literal time zone) → a calendar key in ms: the months since 1970 times 32 days,
  // plus the ms since the month's start (streamstats `time_window` in months)
  | 'month_ms'
  | 'strftime'
  | 'strptime'
  // convert's parsers: `[D+]HH:MM:SS`, `[MM:]SS.SSS` to seconds; `10k`/`10m`/`10g` to kilobytes
  | 'dur2sec'
  | 'mstime'
  | 'memk'
  // bin: args (time, count literal, unit literal s|m|h|d|w|mon|q|y, time zone literal[, offset literal]) →
  // bucket start; with an offset (ms, spans of seconds to hours: `aligntime=`), the buckets are
  // offset + k × span since the epoch instead
  | 'time_bucket'
  // multivalue: a value as a list (a structured field's list values, one value, or none when null)
  | 'to_mv'
  // a raw event's structured field as the values to split on (`chart … by`): its list's values, or a list of
  // its single value (of null when absent); cheaper than to_mv, for `expand`, which treats both alike
  | 'split_values'
  // a single-value function's argument: the first value of a list (or of a structured field's list values)
  | 'mv_first'
  | 'split'
  | 'mvcount'
  | 'mvindex'
  | 'mvjoin'
  | 'mvappend'
  | 'mvdedup'
  | 'mvfind'
  // mvfilter: args (list, predicate over the column named by the third literal arg, the lambda variable)
  | 'mvfilter'
  // makemv tokenizer=: every match of the regex's first group (or the whole match)
  | 'extract_all'
  // makemv without allowempty: the list without empty values
  | 'mvfilter_nonempty'
  // spath: args (JSON text, path literal in Splunk's syntax `a.b{}.c`)
  | 'spath'
  // ip_country (IP address or CIDR text) → the ISO country code of the IP geolocation database, null when
  // the address is not in it (private addresses) or not an address
  | 'ip_country'
  // country_name (ISO code, language literal) → the country's name in that language
  | 'country_name'
  // relative_time_offset (time, modifier text, time zone literal): a modifier known only when the search
  // runs, one offset such as `+30d` (no snap); null for any other text
  | 'relative_time_offset'
  // the names of the event's structured fields (no args; raw events only), sorted
  | 'field_names'
  // the event's structured fields as one JSON value (no args; raw events only), to carry them along
  | 'fields_json'
  // fields_filled (the planner column the step reads, if any; step literal) → the event's structured fields
  // (JSON) after one change of them: a `FieldsStep` as JSON text (raw events only; see `Project.fields`)
  | 'fields_filled'
  // json_path (JSON value from fields_json, name literal) → that structured field as text, null without it
  | 'json_path'
  // json_path_list (JSON value from fields_json, name literal) → that structured field's values as a list:
  // the elements of a JSON array, the one value of a single value, none without it
  | 'json_path_list'
  // field_values (regex literal) → the values of the event's structured fields whose names match, in
  // name order, each as text (a list value as its JSON text, as JSONAllValues gives it)
  | 'field_values'
  // fields_matching (name regex literal, output name replacement literal, JSON list of names to skip,
  // JSON list of output names to skip, whether names starting with `_` count) → a map of the event's
  // structured fields whose names match: the output name (the name with `replaceRegexpOne`) → the field's
  // values as a list
  | 'fields_matching'
  // map_matching (map, then fields_matching's literals): fields_matching over a map of name → values (a
  // `map_*` chain) instead of the event's stored fields
  | 'map_matching'
  // map_move (map, name regex literal, replacement literal) → the names the regex matches renamed with
  // `replaceRegexpOne`; unlike map_rename, a renamed name replaces one already there (Splunk's rename)
  | 'map_move'
  // map_extract (map, JSON text) → the map with every field of the JSON text as `spath` without a path names
  // them (nested keys joined with `.`, `{}` after an array's name), each a list of its values; an extracted
  // name replaces one already there
  | 'map_extract'
  // map_update (map, map) → the first map with the second's names set (an extracted name replaces one there)
  | 'map_update'
  // map_sorted (map) → the same entries in name order
  | 'map_sorted'
  // spath_fields (JSON text) → every field of it as `spath` without a path names them: name → values
  | 'spath_fields'
  // map_pair_texts (map) → every value of every name as the text `name NUL value` (fieldsummary)
  | 'map_pair_texts'
  // map_fill_missing (map, list of names, value literal, JSON list of name regexes literal) → the map with
  // each listed name (matching one regex; any without) that it lacks, or holds without a value, set to the
  // value (`fillnull` without a list: the names are those some result has)
  | 'map_fill_missing'
  // json_map (JSON value) → its fields as a map of name → values (dotted paths; a list's values in order)
  | 'json_map'
  // map_merge (map, map, overwrite literal) → the two maps' names with values: where both have one, the
  // second's with overwrite, else the first's (`join`, `filldown`, `appendcols` merging fields)
  | 'map_merge'
  // map_replace (map, JSON list of {re, by} literal, JSON list of name regexes literal) → each value of the
  // names matching a regex (every name without) that a pair's `re` matches as a whole replaced by its `by`
  // (`replaceRegexpOne`), the first matching pair's (`replace`)
  | 'map_replace'
  // kv_fields (text, pair delimiters literal, key/value delimiters literal, clean keys literal, every value
  // literal) → every `key=value` pair of the text as `extract` finds them: key → its first value (every value,
  // in order, with the last literal true), quotes taken off a quoted value
  | 'kv_fields'
  // xml_fields (XML text) → every element holding only text as `xmlkv` finds them: name → its first text
  | 'xml_fields'
  // json_top_fields (JSON text, prefix literal) → every top-level key of the object as `fromjson` names it
  // (the prefix before it; a key with `.`, `{`, `}`, `[` or `]` left out) → its value as spath reads the key
  | 'json_top_fields'
  // map_json (map) → the events' structured fields (JSON) from a map of name → values: one value as itself,
  // several as a list (the events shown with every field commands extracted or renamed)
  | 'map_json'
  // fields_tojson (fields_json, tojson type literal, names to leave out…) → `,"name":value` for each of the
  // event's structured fields (by name) that has a value of the type, as tojson writes them
  | 'fields_tojson'
  // fields_map (fields_json) → the event's structured fields as a map of name to text value
  | 'fields_map'
  // list_has (list, value) → whether the list holds the value
  | 'list_has'
  // fold (list, init, step): `step` run for each value of the list in order, reading the value as the
  // column `seriesEntryColumn` and the result so far as the column named by the fourth literal arg
  | 'fold'
  // fold_many (list, init×k, step×k, type×k literal, k literal, accumulator literal): the k values of a fold together, as
  // one tuple; each step reads the values so far as fold_acc (accumulator literal, place literal) and the
  // list's value as the column `seriesEntryColumn`
  | 'fold_many'
  | 'fold_acc'
  // fold_get (a fold_many's tuple, place literal) → one of its values
  | 'fold_get'
  | 'xml_element'
  // rex: args (text, regex literal, group index literal) → the group of the first match, null without one
  | 'rex_group'
  // rex max_match: args (text, regex literal, group index literal, max literal; 0 = all) → multivalue
  | 'rex_groups'
  // sed's s/…/…/ without g: only the first match
  | 'replace_first'
  // bin on numbers: args (value, span literal) → Splunk's range label, e.g. `100-200`
  | 'num_bucket'
  // a bin's label from its bounds: args (low, high) → `low-high` (logarithmic bins); null when low is
  | 'range_label'
  // the search language: a term in `_raw` (args: pattern literal, caseSensitive literal, term literal)
  | 'search_term'
  // field = value, case-insensitive with `*` wildcards, numeric when both sides are numeric
  | 'search_eq'
  // `<`, `<=`, `>`, `>=` in search: numeric when the value is a number, otherwise lexicographic
  | 'search_lt'
  | 'search_le'
  | 'search_gt'
  | 'search_ge'
  // field exists (`field=*`)
  | 'search_exists'
  // the series map of timechart/chart/xyseries results (`_series`, name → value):
  // map_get (map, name literal) → the value, null without it; map_select (map, regex literals…) → the
  // entries whose names match, ordered by the first regex they match; map_drop (map, regex literals…);
  // map_rename (map, regex literal, replacement literal with \\1 captures); map_fill (map, value, regex literals…) → nulls
  // replaced (in the entries the regexes match, all without); map_sum (map) → the sum of the numeric values, null when none is a number
  | 'map_get'
  | 'map_select'
  // map_keys_matching (map, regex literal, replacement literal) → the names the regex matches, in name
  // order, each rewritten with `replaceRegexpOne` (foreach's <<MATCHSTR>> of each series)
  | 'map_keys_matching'
  | 'map_drop'
  | 'map_rename'
  | 'map_fill'
  | 'map_sum'
  // map_apply (map, value, regex literals…) → the entries whose names match get `value`, an expression of
  // the entry's value, read as the column `seriesEntryColumn` (foreach over series)
  | 'map_apply'
  // map_lists (map) → each entry's value as a list (none for null), as the event's structured fields are
  // read: the input of wildcard statistics over series
  | 'map_lists'
  // check: args (value, condition, message) → the value; the search stops with the message where the
  // condition is true
  | 'check'
  // two-valued boolean logic of the search language
  | 'search_and'
  | 'search_or'
  | 'search_not'
  // models over collected values (commands/kmeans.ts): float_array (numbers…) → an array of numbers;
  // kmeans_centroids (points from `collect`, k, max iterations, tolerance, distance literals) → the centroids,
  // in coordinate order; kmeans_nearest (centroids, point, distance literal) → the 1-based number of the
  // nearest centroid; kmeans_centroid (centroids, number, coordinate literal) → one coordinate of a centroid
  | 'float_array'
  // a saved model's parameters (plan/density.ts): model_index (key, literal JSON list of the groups' keys) →
  // the 1-based position of the key, 0 when absent; model_value (position, literal JSON list of values,
  // literal 'number' | 'string') → the value at that position, null at 0
  | 'model_index'
  | 'model_value'
  | 'kmeans_centroids'
  // MLTK DensityFunction over a group's collected values (backends/clickhouse/density.ts): density_fit
  // (points from `collect`, candidates literal JSON) → the best candidate's distribution, cuts, distance and
  // parameters; density_param (fit, position literal) → one of them, null when absent
  | 'density_fit'
  | 'density_param'
  | 'kmeans_nearest'
  | 'kmeans_centroid'
  // cluster_terms (text, match literal termlist|termset|ngramset, delimiters literal, '' = non-alphanumeric)
  // → the text's terms (a set for termset, its 3-character substrings for ngramset); cluster_event (position,
  // terms) → one collected event; cluster_reps (events from `collect`, threshold literal, match literal) →
  // the events that start a cluster, in event order (each event joins the most similar one so far when the
  // similarity reaches the threshold); cluster_label (starts, position, terms, match literal) → the 1-based
  // cluster of the event at that position
  | 'cluster_terms'
  | 'cluster_event'
  | 'cluster_reps'
  | 'cluster_label'
  | 'true';

export interface Call {
  readonly kind: 'call';
  readonly fn: IrFn;
  readonly args: readonly Expr[];
  readonly type: ScalarType;
  readonly span?: Span;
}

/**
 * True when the values of `exprs` match one row of `rel`'s `columns` — a subsearch turned into a filter,
 * as Splunk's implicit `format` does: case-insensitive, a null in a row matches anything.
 */
export interface InRel {
  readonly kind: 'in-rel';
  readonly exprs: readonly Expr[];
  readonly rel: Rel;
  readonly columns: readonly string[];
  readonly limit: number;
  /** Exact, case-sensitive membership of one value (a series kept by timechart's `limit`). */
  readonly exact?: boolean;
  /**
   * How rows and a row's fields combine (`format`'s separators): absent = Splunk's implicit format, rows
   * OR-ed and a row's fields AND-ed. A row's null fields are left out.
   */
  readonly shape?: { readonly rows: 'and' | 'or'; readonly columns: 'and' | 'or' };
  /**
   * Per column: its values are search terms against the column's expression (`_raw`), as `return $f`
   * inserts them, rather than `field=value`.
   */
  readonly terms?: readonly boolean[];
  readonly type: 'bool';
  readonly span?: Span;
}

/**
 * The value of `column` in the first row of `rel` (null when it has none), computed once before the
 * statement's rows are read (a scalar subquery): `require` makes it stop the search when `rel` counts no
 * results, which happens even when no row reaches the expression.
 */
export interface Scalar {
  readonly kind: 'scalar';
  readonly rel: Rel;
  readonly column: string;
  readonly type: ScalarType;
  readonly span?: Span;
}

export type Expr = ColumnRef | FieldRef | Literal | Call | InRel | Scalar;

/** Aggregation functions (the stats family). */
export type AggFn =
  | 'count'
  | 'count_field'
  | 'sum'
  | 'sumsq'
  | 'avg'
  | 'min'
  | 'max'
  | 'range'
  | 'dc'
  | 'estdc'
  // the relative error of estdc's estimate: |estdc - dc| / dc
  | 'estdc_error'
  | 'stdev'
  | 'stdevp'
  | 'var'
  | 'varp'
  | 'mode'
  // nearest-rank percentile; `param` is the percentile (0–100)
  | 'perc'
  // sorted distinct values as strings; event-ordered values, the first 100
  | 'values'
  | 'list'
  // stats over structured fields whose names are known only when the search runs: `arg` is a `fields_matching`
  // (output name → the event's values), the result the series map of output name → the aggregate `each` of
  // that name's values (sorted distinct values when absent; the text of `mode`; a number for the others),
  // written as `type` (a list or text of one value when the maps differ); `parts` are further such maps of
  // the same `type`, whose names yield to this one's and to earlier parts'
  | 'fields_map'
  // per output name of a `fields_matching` map (`arg`), the aggregate `each` of that name's values, as JSON
  // of name → value (eventstats/streamstats wildcards over raw events; a name without values is left out)
  | 'fields_stats'
  // the value at the newest / oldest `_time` (`time`); first/last follow event order (newest first)
  | 'latest'
  | 'earliest'
  // the event's structured fields (`arg`: their JSON) each at its last `time` where present, as JSON
  | 'latest_fields'
  | 'latest_time'
  | 'earliest_time'
  // (latest - earliest) / (latest_time - earliest_time) of a counter, per second; null with one event
  | 'rate'
  // timechart's per_second … per_day: sum × `param` seconds ÷ the length in seconds of the bucket (`time`)
  | 'per_unit'
  // an exponential moving average in the frame's order: each value v moves the average a to
  // `param` × v + (1 − `param`) × a, starting at the first value (trendline ema)
  | 'ema'
  // `eval(avg(x) / max(y))`: `arg` computed over the columns named by `parts`, each an aggregate
  | 'eval'
  // every value of `arg` as it is (an array, a tuple), in no particular order: the input of a model
  | 'collect'
  // per key of a series map (`arg`, see `Pivot`), the sum of its numeric values (null where it has none): the
  // series of addcoltotals' totals row; the result is a map of the same value type (`type`), empty for lists
  | 'sum_map'
  // the number of distinct elements of the arrays `arg` together (`ngram_set`s): the size of their union
  | 'dc_set'
  // stats/chart `sparkline(<agg>, <span>)`: `parts[0]` per bucket (`time`, the event's `time_bucket`) over
  // `bounds`, as Splunk's multivalue `##__SPARKLINE__##, v1, v2, …` (an empty bucket: 0 for counts, '' else)
  | 'sparkline';

/** The first value of a `sparkline` aggregate's list (Splunk's), which tells a table to draw the rest. */
export const sparklineMarker = '##__SPARKLINE__##';

/** The most buckets one sparkline has (a shorter span over a range is refused; over all time, cut). */
export const sparklineMaxBuckets = 10_000;

/** The functions `fields_stats` computes per name. */
export type FieldsStatsFn = Extract<
  AggFn,
  | 'count_field'
  | 'dc'
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'range'
  | 'stdev'
  | 'stdevp'
  | 'var'
  | 'varp'
  | 'values'
  | 'list'
  | 'mode'
  | 'perc'
>;

/** The value `fields_map`/`fields_stats` give each name for `fn`: lists (`values`, `list`), text (`mode`), or a number. */
export function fieldsStatValue(fn: FieldsStatsFn): 'mv' | 'string' | 'number' {
  return fn === 'values' || fn === 'list' ? 'mv' : fn === 'mode' ? 'string' : 'number';
}

export interface Aggregate {
  readonly name: string;
  readonly fn: AggFn;
  /** Absent for `count` of events. */
  readonly arg?: Expr;
  /** The event time, for functions that follow it (`latest`, `earliest`, `list`). */
  readonly time?: Expr;
  /** The percentile of `perc` (and of a `fields_map`/`fields_stats` whose `each` is `perc`). */
  readonly param?: number;
  /** What `fields_stats` computes for each name. */
  readonly each?: FieldsStatsFn;
  /** The most values `list` keeps: Splunk's 100 when absent, 0 = all. */
  readonly max?: number;
  /** The aggregates an `eval` aggregation's expression reads, by their (hidden) names; a sparkline's statistic. */
  readonly parts?: readonly Aggregate[];
  /**
   * The range a `sparkline`'s buckets cover: the search's, `[fromMs, toMs)`; over all time the data's, from
   * `lo` to `hi` (epoch seconds, the same in every row: the first and last event's times).
   */
  readonly bounds?:
    { readonly fromMs: number; readonly toMs: number } | { readonly lo: Expr; readonly hi: Expr };
  readonly type: ScalarType;
}

export interface Column {
  readonly name: string;
  readonly type: ScalarType;
}

/** Bounds in milliseconds since the epoch, `[earliestMs, latestMs)`; null = unbounded. */
export interface MsRange {
  readonly earliestMs: number | null;
  readonly latestMs: number | null;
}

/**
 * Reads raw events of one tenant in `[earliestMs, latestMs)`, newest first: from `logs`, or from the rows an
 * accelerated data model's summary keeps for one dataset (`datamodel_summaries`, same columns; `fields` holds
 * the dataset's fields, knowledge objects already applied).
 */
export interface Scan extends MsRange {
  readonly kind: 'scan';
  readonly table: 'logs' | 'datamodel_summaries';
  readonly orgId: string;
  /** The only indexes the caller may read (a service token's allowed indexes); absent: all of the org's. */
  readonly indexes?: readonly string[];
  /**
   * With `datamodel_summaries`: the model and dataset whose summary rows are read; with `builtTo`, only the
   * rows of the view and of the builds recorded so far (`built_to` at most that), not those of a build
   * under way.
   */
  readonly summary?: { readonly model: string; readonly dataset: string; readonly builtTo?: number };
  /** Only events indexed (`_indextime`) in this range: Splunk's `_index_earliest`/`_index_latest`. */
  readonly indexTime?: MsRange;
  /** Each event's `_indextime` (whole epoch seconds) also goes into this hidden column. */
  readonly indexTimeColumn?: string;
}

/**
 * Raw events shown with the structured fields one command gave them by name only:
 * - `fill` (`fillnull` without a field list): each name in the list column `names` (matching one of the
 *   regular expressions `patterns`, none: any) that an event lacks is shown with `value`;
 * - `merge` (`filldown` without a field list, `join` with a subsearch of events): the fields of the JSON
 *   column `column` that an event lacks, or all of them with `overwrite`;
 * - `map` (`replace` without `IN`, or with wildcards in `IN`): each value (each of a list) of the fields
 *   `patterns` name (all without) that a pair's `re` matches as a whole is replaced by `by` (a
 *   `replaceRegexpOne` replacement), the first matching pair's.
 */
export type FilledFields =
  | {
      readonly kind: 'fill';
      readonly value: string;
      readonly patterns: readonly string[];
      readonly names: string;
    }
  | { readonly kind: 'merge'; readonly column: string; readonly overwrite: boolean }
  | {
      readonly kind: 'map';
      readonly pairs: readonly { readonly re: string; readonly by: string }[];
      /** The regular expressions of the names whose values are replaced (`IN` with wildcards); absent: all. */
      readonly patterns?: readonly string[];
    };

/**
 * One change of the events' structured fields, applied to their JSON (`fields_filled`): what one command did
 * by name only (`FilledFields`), or the removal of the fields `names` (`fields -`, `rename`).
 */
export type FieldsStep = FilledFields | { readonly kind: 'drop'; readonly names: readonly string[] };

/** `count` rows with only `_time` (makeresults). */
export interface Values {
  readonly kind: 'values';
  readonly count: number;
  readonly timeMs: number;
}

export interface Filter {
  readonly kind: 'filter';
  readonly input: Rel;
  readonly predicate: Expr;
}

/** Adds or replaces one column; later computes see earlier ones (eval's left-to-right rule). */
export interface Compute {
  readonly kind: 'compute';
  readonly input: Rel;
  readonly name: string;
  readonly expr: Expr;
}

/**
 * GROUP BY `groups`; rows whose group keys are null are dropped (Splunk's `stats … by`), but for a group
 * with `keepNull` (a planner's key beside the BY fields, such as chart's bin index).
 */
export interface AggregateRel {
  readonly kind: 'aggregate';
  readonly input: Rel;
  readonly groups: readonly {
    readonly name: string;
    readonly expr: Expr;
    readonly keepNull?: boolean;
  }[];
  readonly aggregates: readonly Aggregate[];
}

/** `ip`: IPv4 addresses in numeric order, other values after them. */
export type SortMode = 'auto' | 'str' | 'num' | 'ip';

export interface SortKey {
  readonly expr: Expr;
  readonly descending: boolean;
  readonly mode: SortMode;
}

/** Orders rows; missing values sort last in both directions. */
export interface Sort {
  readonly kind: 'sort';
  readonly input: Rel;
  readonly keys: readonly SortKey[];
}

/** The first `limit` rows in the input's order (head, sort's limit). */
export interface Take {
  readonly kind: 'take';
  readonly input: Rel;
  readonly limit: number;
}

/** Keeps exactly `columns`, in order (table, fields, rename); the input's row order is kept. */
export interface Project {
  readonly kind: 'project';
  readonly input: Rel;
  readonly columns: readonly { readonly name: string; readonly expr: Expr }[];
  /** `true` while raw events remain (fields/rename): unknown fields still resolve to structured fields. */
  readonly keepRaw: boolean;
  /** With `keepRaw`: the events' structured fields become this JSON value (a `fields_filled` call). */
  readonly fields?: Expr;
}

/**
 * The first `count` rows per distinct `keys` in the input's order (dedup). Rows with a null key are
 * dropped, or all kept when `keepEmpty`.
 */
export interface Dedup {
  readonly kind: 'dedup';
  readonly input: Rel;
  readonly keys: readonly Expr[];
  readonly count: number;
  readonly keepEmpty: boolean;
  /** Only a row whose keys the `count` rows just before it all have is dropped (`consecutive=true`). */
  readonly consecutive?: boolean;
}

/** Every row keeps its place and gains `aggregates` computed over its `partition` (eventstats). */
export interface Window {
  readonly kind: 'window';
  readonly input: Rel;
  readonly partition: readonly Expr[];
  readonly aggregates: readonly Aggregate[];
  /**
   * Running statistics in the input's order (streamstats): over the last `size` rows (0 = all so far),
   * the current row included when `current`.
   */
  readonly running?: {
    readonly size: number;
    readonly current: boolean;
    /** Rows in the same place of the input's order (events of the same `_time`) in the order of this value. */
    readonly tiebreak?: Expr;
    /** The rows' positions (1, 2, … in the results' order), to order by instead of the input's order. */
    readonly positions?: Expr;
    /**
     * `size` counts positions, not rows of the partition (a RANGE frame): a partition's frame is its rows
     * among the last `size` rows of all (streamstats `global=true`).
     */
    readonly range?: boolean;
    /**
     * A time window (streamstats `time_window`): only the rows whose `key` (whole milliseconds, never
     * decreasing in the rows' order, which `positions` gives) is at most `ms` below the row's; with `size`,
     * both limits apply.
     */
    readonly time?: { readonly key: Expr; readonly ms: number };
    /**
     * Only the one row `lag` rows before this one (delta, autoregress): `size` and `current` are not used;
     * the aggregates see no row where there is none.
     */
    readonly lag?: number;
  };
}

/** One row per value of `list` (at most `limit`; 0 = all), with that value as `name` (mvexpand). */
export interface Expand {
  readonly kind: 'expand';
  readonly input: Rel;
  readonly name: string;
  readonly list: Expr;
  readonly limit: number;
  /** The rows need not keep the values' order (an aggregate follows): no position is kept. */
  readonly unordered?: true;
}

/**
 * Rows ordered by the time column `column`, with a row for every empty bucket from `fromMs` to `toMs`
 * (timechart's `cont=true`); the input must already be bucketed by `count` `unit`s. `fromMs` null: from
 * the first bucket that has rows (an all-time search starts at its first event, not in 1970).
 */
export interface Fill {
  readonly kind: 'fill';
  readonly input: Rel;
  readonly column: string;
  readonly fromMs: number | null;
  /** Null: up to the last bucket that has rows. */
  readonly toMs: number | null;
  readonly count: number;
  /**
   * `number`: the column is a number, filled in steps of `count` (makecontinuous over a numeric field,
   * chart's bin index); `fromMs` and `toMs` then hold plain numbers.
   */
  readonly unit: 's' | 'm' | 'h' | 'd' | 'w' | 'mon' | 'q' | 'y' | 'number';
  readonly timeZone: string;
  /** The buckets' `time_bucket` offset (`aligntime=`), ms: they start at offset + k × span. */
  readonly offsetMs?: number;
}

/**
 * The rows of `inputs[0]`, then of `inputs[1]` … each in its own order (append). Every input has exactly
 * `columns`, in that order (the planner projects them so), plus `_fields` when `raw`.
 */
export interface Union {
  readonly kind: 'union';
  readonly inputs: readonly Rel[];
  readonly columns: readonly Column[];
  readonly raw: boolean;
  /** The sides' orders are not kept (a sort follows, as when `multisearch` interleaves events by time). */
  readonly unordered?: boolean;
}

/**
 * Each row of `left` with the first row of `right` whose `keys` are equal (join, max=1), or its first
 * `max` matching rows in the right's order (0 = all of them), one output row each; `inner` drops
 * rows without a match. Output: `columns` in order — a name on both sides takes the right value when
 * there is a match and `overwrite`, else the left one. The left's order is kept.
 */
export interface Join {
  readonly kind: 'join';
  readonly left: Rel;
  readonly right: Rel;
  readonly keys: readonly string[];
  readonly type: 'inner' | 'left';
  /** Matching right rows per left row: 1 when absent, 0 = all. */
  readonly max?: number;
  /**
   * `usetime=true`: a right row matches only if its `_time` (both sides have one) is at or before the left
   * row's (`earlier`), or at or after it; times compare to the second.
   */
  readonly time?: { readonly earlier: boolean };
  /**
   * join's `where L.a<R.b` and the other comparisons but `=`: each compares the column `name` of both sides
   * (as they are when `numeric`: numbers or times on both; otherwise as numbers when both are, else as text);
   * a row matches only if all hold.
   */
  readonly compare?: readonly {
    readonly name: string;
    readonly op: '!=' | '<' | '<=' | '>' | '>=';
    readonly numeric: boolean;
  }[];
  readonly overwrite: boolean;
  /** Each output column and the side(s) it comes from. */
  readonly columns: readonly {
    readonly name: string;
    readonly type: ScalarType;
    readonly from: 'left' | 'right' | 'both';
  }[];
  /** The left side's structured fields still pass through. */
  readonly raw: boolean;
}

/**
 * `left` and `right` pasted side by side by position (appendcols): the n-th row of each, each side in its
 * own order; `right` rows beyond the left's count follow, with only the right's columns. A name on both
 * sides takes the left value unless it is null (the right one when `override`, unless that is null).
 */
export interface Paste {
  readonly kind: 'paste';
  readonly left: Rel;
  readonly right: Rel;
  readonly override: boolean;
  /** Each output column and the side(s) it comes from. */
  readonly columns: readonly {
    readonly name: string;
    readonly type: ScalarType;
    readonly from: 'left' | 'right' | 'both';
  }[];
  /** The left side's structured fields still pass through. */
  readonly raw: boolean;
}

/** The series map column of pivoted results (see `Pivot`). */
export const seriesColumn = '_series';

/** The column `map_apply`'s value expression reads an entry's value as (the lambda's variable). */
export const seriesEntryColumn = '__foreach';

/**
 * Rows to columns (timechart/chart with a split-by field, xyseries): the input has one row per cell —
 * row `keys`, the series name in `label`, and `values` — and the output one row per distinct `keys` with
 * every series in one map column `column` (name → value; the service expands it into columns). Every
 * output row holds every series, in Splunk's order: names in auto order (numbers first), then the
 * `last` names in that order (`NULL`, `OTHER`); a value missing from a row is 0 for `zero` values
 * (count, dc), else null. With several values the names are `<value><sep><series>` (or `format`).
 */
export interface Pivot {
  readonly kind: 'pivot';
  readonly input: Rel;
  readonly keys: readonly Column[];
  readonly label: string;
  readonly values: readonly { readonly name: string; readonly zero: boolean }[];
  readonly prefix: boolean;
  readonly sep: string;
  /** Splunk's `format=`: the names of several values, `$AGG$` the value's, `$VAL$` the series' (wins over `sep`). */
  readonly format?: string;
  readonly last: readonly string[];
  /** The type of the map's values: numbers, text, or multivalue. */
  readonly valueType: 'number' | 'any' | 'mv';
  readonly column: string;
  /** timechart's and chart's empty buckets: rows for every bucket (or bin index) of the range, ordered by it. */
  readonly fill?: Omit<Fill, 'kind' | 'input'>;
}

/**
 * One row per entry of the series map `column` and per listed column (untable), null values skipped (but for
 * the listed columns' with `keepEmpty`).
 */
export interface Unpivot {
  readonly kind: 'unpivot';
  readonly input: Rel;
  /** The key column kept on every row. */
  readonly key: string;
  /** Columns turned into rows, besides the series map's entries. */
  readonly columns: readonly string[];
  readonly series?: string;
  readonly nameColumn: string;
  readonly valueColumn: string;
  readonly valueType: ScalarType;
  /** The listed `columns` give a row even where their value is null (transpose's `include_empty=true`). */
  readonly keepEmpty?: boolean;
}

/**
 * Events grouped into transactions (transaction), processed per `keys` group newest first, as Splunk does.
 * A new transaction starts at an event when adding it would make the transaction span `maxSpanMs` or more,
 * leave a pause longer than `maxPauseMs` or hold more than `maxEvents` events (null: no limit), when it
 * matches `endsWith`, or after an event that matched `startsWith`. Events with a null key are dropped.
 * Output, one row per transaction, newest first: `_time` (earliest member), `_raw` (members' `_raw`
 * joined by newlines, oldest first) when the input has one, the keys, `duration`, `eventcount`, `closed_txn`
 * when `keepEvicted`, and `_fields`: the union of the members' structured fields and `merged` columns
 * (distinct values sorted, or every member's values oldest first with `nullStr` for a missing one when
 * `mvList`). A transaction is evicted (`closed_txn` 0, dropped unless `keepEvicted`) when `startsWith` is
 * given, its oldest event does not match it and no limit closed it.
 */
export interface Transaction {
  readonly kind: 'transaction';
  readonly input: Rel;
  readonly keys: readonly { readonly name: string; readonly expr: Expr }[];
  readonly startsWith: Expr | null;
  readonly endsWith: Expr | null;
  readonly maxSpanMs: number | null;
  readonly maxPauseMs: number | null;
  readonly maxEvents: number | null;
  readonly keepEvicted: boolean;
  /**
   * `connected=`: an event whose fields are none of those a transaction has instantiated may join it
   * (false) or opens a new one (true). `unifyends=`: a `startswith` event must share a field even when
   * not connected.
   */
  readonly connected: boolean;
  readonly unifyEnds: boolean;
  /** `keeporphans=`: events in no returned transaction are returned too, with `_txn_orphan=1`. */
  readonly keepOrphans: boolean;
  /** `maxopentxn=`/`maxopenevents=`: the open pool's size, past which the least recently used is evicted. */
  readonly maxOpenTxn: number | null;
  readonly maxOpenEvents: number | null;
  readonly mvList: boolean;
  readonly nullStr: string;
  /**
   * What joins the members' `_raw` texts, oldest first: a newline, or with `mvraw=t` the `delim=` string
   * (a space by default).
   */
  readonly rawDelim: string;
  /** Input columns that become structured fields of the transaction, each with its values (`mv`). */
  readonly merged: readonly { readonly name: string; readonly values: Expr }[];
  /** Structured fields of the input events not carried over (removed earlier, keys, shadowed by columns). */
  readonly hidden: readonly string[];
  /** The events' `_time` (type `time`) and `_raw` (null when the input has none). */
  readonly time: Expr;
  readonly raw: Expr | null;
}

/** The input's rows in the opposite order (reverse, and tail before its take). */
export interface Reverse {
  readonly kind: 'reverse';
  readonly input: Rel;
}

/** A tenant's lookup table, read at its current version (the version pointer is read by the same statement). */
/** The last argument of `lookup_values`, as JSON: which table, key columns and output column. */
export interface LookupValuesSpec {
  readonly table: LookupSource;
  /** The key columns, in the order of the call's key arguments. */
  readonly keys: readonly string[];
  readonly output: string;
  readonly maxMatches: number;
  /** A time-based lookup: the call has the event's time as one more argument, after the keys. */
  readonly time?: LookupTimeSettings;
}

export interface LookupSource {
  readonly orgId: string;
  /** The canonical name (without `.csv`). */
  readonly name: string;
}

/** The rows of a lookup table in file order; every column a string, null where the cell is empty (inputlookup). */
export interface LookupScan {
  readonly kind: 'lookup-scan';
  readonly table: LookupSource;
  readonly columns: readonly string[];
  /** `inputlookup start=`/`max=`: the file's rows read, from the 0-based `start`, at most `max` (null: all). */
  readonly start?: number;
  readonly max?: number;
}

/**
 * Each row of `input` gains `outputs` from the lookup rows whose `keys` columns equal the row's key
 * values (lookup): case-sensitive string equality, at most `maxMatches` rows in file order. Every output is
 * a multivalue of the matching rows' non-empty values, empty (null) without a match — unless it has
 * `existing`, the row's current value as a multivalue, which is kept when not empty (OUTPUTNEW).
 * Rows keep their order.
 */
export interface Lookup {
  readonly kind: 'lookup';
  readonly input: Rel;
  readonly table: LookupSource;
  /**
   * A lookup column and the row's value it must equal (a string; null never matches). One key may be a
   * multivalue: each of its values is looked up, and the outputs list the matches in value order.
   */
  readonly keys: readonly { readonly column: string; readonly value: Expr }[];
  readonly outputs: readonly { readonly column: string; readonly name: string; readonly existing?: Expr }[];
  readonly maxMatches: number;
  /** A time-based lookup: of the rows matching the keys, the latest at or before the event's time. */
  readonly time?: LookupTimeMatch;
}

/**
 * How a time-based lookup (transforms.conf `time_field`) matches: rows whose time is `minOffsetSecs` to
 * `maxOffsetSecs` before the event's, latest first.
 */
export interface LookupTimeMatch extends LookupTimeSettings {
  /** The event's time: `_time`, or the field `event_time_field=` names (epoch seconds). */
  readonly event: Expr;
}

/** A time-based lookup definition's settings, as SQL needs them. */
export interface LookupTimeSettings {
  readonly column: string;
  /** The ClickHouse `parseDateTime` format of the column's text; null: epoch seconds (Splunk's `%s.%Q`). */
  readonly format: string | null;
  readonly timeZone: string;
  readonly minOffsetSecs: number;
  readonly maxOffsetSecs: number;
}

/**
 * A model of the whole series of one or more numeric values (predict, x11): every row of the input keeps
 * its place (the input's order is the series' order) and gains the models' outputs; `future` rows follow,
 * with only the outputs and `time` (stepped on by the last interval between rows). Only plain (not raw)
 * results: every input column is carried.
 */
export interface SeriesModel {
  readonly kind: 'series-model';
  readonly input: Rel;
  readonly models: readonly TimeSeriesModel[];
  /** Rows added after the input's. */
  readonly future: number;
  /** The time column stepped on in the added rows; null when the input has none. */
  readonly time: string | null;
  /** The input's columns, carried. */
  readonly columns: readonly Column[];
}

/**
 * One series model:
 * - `LL` (local level) and `LLT` (local level and trend): the Kalman filter's one-step-ahead predictions,
 *   the noise variances by maximum likelihood on a grid; `upper`/`lower` bounds at `z` standard deviations;
 * - `x11-add` / `x11-mult`: the X11 seasonal adjustment with period `period` (found from the series when
 *   null; `prediction` is the seasonally adjusted value; no bounds).
 * The last `holdback` values are not used to fit the model.
 */
export interface TimeSeriesModel {
  readonly value: Expr;
  readonly algorithm: 'LL' | 'LLT' | 'x11-add' | 'x11-mult';
  readonly holdback: number;
  readonly period: number | null;
  readonly prediction: string;
  readonly upper: { readonly name: string; readonly z: number } | null;
  readonly lower: { readonly name: string; readonly z: number } | null;
}

export type Rel =
  | Scan
  | Values
  | Filter
  | Compute
  | AggregateRel
  | Sort
  | Take
  | Project
  | Dedup
  | Reverse
  | Window
  | Expand
  | Fill
  | Union
  | Join
  | Paste
  | Pivot
  | Unpivot
  | LookupScan
  | Lookup
  | Transaction
  | SeriesModel
  | MetricStats;

export const col = (name: string, type: ScalarType, span?: Span): ColumnRef => ({
  kind: 'column',
  name,
  type,
  ...(span ? { span } : {}),
});

export const field = (path: string, span?: Span): FieldRef => ({
  kind: 'field',
  path,
  type: 'any',
  ...(span ? { span } : {}),
});

export const lit = (value: string | number | boolean | null, span?: Span): Literal => ({
  kind: 'literal',
  value,
  type:
    value === null
      ? 'null'
      : typeof value === 'number'
        ? 'number'
        : typeof value === 'boolean'
          ? 'bool'
          : 'string',
  ...(span ? { span } : {}),
});

export const call = (fn: IrFn, args: readonly Expr[], type: ScalarType, span?: Span): Call => ({
  kind: 'call',
  fn,
  args,
  type,
  ...(span ? { span } : {}),
});
