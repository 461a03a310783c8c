// The SPL abstract syntax tree: SPL as written, every node with its source span.
//
// Nodes are readonly interfaces discriminated by `kind`. The AST keeps what the user wrote (quoting,
// option spelling) so that diagnostics and the formatter can reproduce it; meaning is assigned later,
// by analysis and planning.

import type { FieldformatCommand } from './commands/fieldformat.ts';
import type { MetasearchCommand } from './commands/metasearch.ts';
import type { StrcatCommand } from './commands/strcat.ts';
import type { Span } from './diagnostics.ts';

/** A name as written: a field, a command, an option key. `quoted` when written in quotes. */
export interface Ident {
  readonly kind: 'ident';
  readonly name: string;
  readonly quoted: boolean;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// The search language (the implicit and explicit `search` command, `where`-less filters).
// Precedence: parentheses, NOT, OR, then the implied AND — OR binds tighter than AND here.
// ---------------------------------------------------------------------------------------------

/** A value in the search language: `web*`, `"GET /index.html"`, `10.0.0.0/8`. `text` is unescaped. */
export interface SearchValue {
  readonly kind: 'search-value';
  readonly text: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** A bare term or quoted phrase, matched against `_raw`. `TERM(x)` and `CASE(x)` set the flags. */
export interface SearchTerm {
  readonly kind: 'search-term';
  readonly value: SearchValue;
  readonly term: boolean;
  readonly caseSensitive: boolean;
  readonly span: Span;
}

export type SearchCompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** `field=value`, `field!=value`, `field>=500`. `CASE(v)`/`TERM(v)` on the value set the flags. */
export interface SearchCompare {
  readonly kind: 'search-compare';
  readonly field: Ident;
  readonly op: SearchCompareOp;
  readonly value: SearchValue;
  readonly caseSensitive: boolean;
  readonly span: Span;
}

/** `field IN (a, "b c", d*)`. */
export interface SearchIn {
  readonly kind: 'search-in';
  readonly field: Ident;
  readonly values: readonly SearchValue[];
  readonly span: Span;
}

/** `earliest=-24h@h`, `latest=now`: time modifiers. They set the search's range rather than filter. */
export interface SearchTimeModifier {
  readonly kind: 'search-time';
  readonly which: 'earliest' | 'latest';
  readonly value: SearchValue;
  readonly span: Span;
}

export interface SearchAnd {
  readonly kind: 'search-and';
  readonly operands: readonly SearchExpr[];
  readonly span: Span;
}

export interface SearchOr {
  readonly kind: 'search-or';
  readonly operands: readonly SearchExpr[];
  readonly span: Span;
}

export interface SearchNot {
  readonly kind: 'search-not';
  readonly operand: SearchExpr;
  readonly span: Span;
}

/** `( … )` kept as written, so the formatter can reproduce grouping. */
export interface SearchGroup {
  readonly kind: 'search-group';
  readonly inner: SearchExpr;
  readonly span: Span;
}

/** `[ search … ]` inside a search expression. */
export interface SearchSubsearch {
  readonly kind: 'search-subsearch';
  readonly pipeline: Pipeline;
  readonly span: Span;
}

export type SearchExpr =
  | SearchTerm
  | SearchCompare
  | SearchIn
  | SearchTimeModifier
  | SearchAnd
  | SearchOr
  | SearchNot
  | SearchGroup
  | SearchSubsearch;

// ---------------------------------------------------------------------------------------------
// The eval language (`eval`, `where`, `eval(…)` inside stats).
// Precedence (loosest first): OR, XOR, AND, NOT, comparison/LIKE/IN, + - ., * / %, unary minus.
// ---------------------------------------------------------------------------------------------

/** A field reference: bare (`status`) or single-quoted (`'k8s.pod.name'`). */
export interface EvalField {
  readonly kind: 'eval-field';
  readonly name: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** A double-quoted string literal; `value` has escapes resolved. */
export interface EvalString {
  readonly kind: 'eval-string';
  readonly value: string;
  readonly span: Span;
}

export interface EvalNumber {
  readonly kind: 'eval-number';
  readonly value: number;
  /** As written, so `1.50` formats back as `1.50` and integers stay integers. */
  readonly raw: string;
  readonly span: Span;
}

export type EvalBinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '.'
  | '='
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'AND'
  | 'OR'
  | 'XOR'
  | 'LIKE';

export interface EvalBinary {
  readonly kind: 'eval-binary';
  readonly op: EvalBinaryOp;
  readonly left: EvalExpr;
  readonly right: EvalExpr;
  readonly span: Span;
}

export interface EvalUnary {
  readonly kind: 'eval-unary';
  readonly op: 'NOT' | '-' | '+';
  readonly operand: EvalExpr;
  readonly span: Span;
}

/** `name(args…)`; `name` keeps its written case (functions are matched case-insensitively). */
export interface EvalCall {
  readonly kind: 'eval-call';
  readonly name: Ident;
  readonly args: readonly EvalExpr[];
  readonly span: Span;
}

/** `x IN (a, b, c)` in the eval language. */
export interface EvalIn {
  readonly kind: 'eval-in';
  readonly operand: EvalExpr;
  readonly values: readonly EvalExpr[];
  readonly negated: boolean;
  readonly span: Span;
}

/** `( … )` kept as written. */
export interface EvalGroup {
  readonly kind: 'eval-group';
  readonly inner: EvalExpr;
  readonly span: Span;
}

export type EvalExpr =
  EvalField | EvalString | EvalNumber | EvalBinary | EvalUnary | EvalCall | EvalIn | EvalGroup;

// ---------------------------------------------------------------------------------------------
// Command arguments shared by many commands.
// ---------------------------------------------------------------------------------------------

/** An option value as written: a word, a quoted string, a number. */
export interface OptionValue {
  readonly kind: 'option-value';
  readonly text: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** `key=value` given to a command (`limit=5`, `span=1h`, `max_match=0`). */
export interface CommandOption {
  readonly kind: 'option';
  readonly key: Ident;
  readonly value: OptionValue;
  readonly span: Span;
}

/** A field name or pattern with `*` wildcards (`table host status*`, `rename a.* AS *`). */
export interface FieldPattern {
  readonly kind: 'field-pattern';
  readonly pattern: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/**
 * One aggregation of `stats`/`eventstats`/`streamstats`/`chart`/`timechart`/`tstats`:
 * `count`, `count(x)`, `avg(bytes) AS avg_bytes`, `count(eval(status>=500))`, `p95(latency)`.
 */
export interface Aggregation {
  readonly kind: 'aggregation';
  /** The function name as written (`count`, `c`, `dc`, `perc95`, `values`). */
  readonly fn: Ident;
  /** The argument: a field (pattern), or an `eval(…)` expression. Absent for bare `count`. */
  readonly arg?: AggregationArg;
  readonly alias?: Ident;
  readonly span: Span;
}

export type AggregationArg =
  | { readonly kind: 'agg-field'; readonly field: FieldPattern; readonly span: Span }
  | { readonly kind: 'agg-eval'; readonly expr: EvalExpr; readonly span: Span }
  /** `sparkline(<aggregation>[, <span>])`: the aggregation over time, drawn in the cell. */
  | {
      readonly kind: 'agg-sparkline';
      readonly inner: Aggregation;
      readonly timeSpan?: { readonly text: string; readonly span: Span };
      readonly span: Span;
    };

export type SortDirection = 'asc' | 'desc';

/** One sort key: `-count`, `+host`, `num(size)`, `str(name)`. */
export interface SortKey {
  readonly kind: 'sort-key';
  readonly field: Ident;
  readonly direction: SortDirection;
  readonly coerce: 'auto' | 'str' | 'num' | 'ip' | null;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Commands.
// ---------------------------------------------------------------------------------------------

interface CommandBase {
  /** The command's name token (for an implicit search, an empty span at the query start). */
  readonly name: Ident;
  readonly span: Span;
}

/** `search <expr>`, or the implicit search of the first segment. `expr` is absent for `search` alone. */
export interface SearchCommand extends CommandBase {
  readonly kind: 'search';
  readonly implicit: boolean;
  readonly expr?: SearchExpr;
}

export interface WhereCommand extends CommandBase {
  readonly kind: 'where';
  readonly expr: EvalExpr;
}

export interface EvalAssignment {
  readonly kind: 'eval-assignment';
  readonly target: Ident;
  readonly expr: EvalExpr;
  readonly span: Span;
}

export interface EvalCommand extends CommandBase {
  readonly kind: 'eval';
  readonly assignments: readonly EvalAssignment[];
}

/** `stats` (and later `eventstats`, `streamstats`): aggregations with optional `BY`. */
export interface StatsCommand extends CommandBase {
  readonly kind: 'stats';
  readonly options: readonly CommandOption[];
  readonly aggregations: readonly Aggregation[];
  readonly by: readonly Ident[];
}

/** `sort [N|limit=N] [+|-]key, … [desc|d]`. */
export interface SortCommand extends CommandBase {
  readonly kind: 'sort';
  readonly limit?: { readonly value: number; readonly span: Span };
  readonly keys: readonly SortKey[];
  /** Trailing `desc`/`d`: reverses every key. */
  readonly reverse: boolean;
}

/** `head [N]`, `head limit=N`, `head (<eval-expr>)`. */
export interface HeadCommand extends CommandBase {
  readonly kind: 'head';
  readonly count?: { readonly value: number; readonly span: Span };
  readonly expr?: EvalExpr;
  readonly options: readonly CommandOption[];
}

export interface TableCommand extends CommandBase {
  readonly kind: 'table';
  readonly fields: readonly FieldPattern[];
}

/** `fields [+|-] a, b*`. */
export interface FieldsCommand extends CommandBase {
  readonly kind: 'fields';
  readonly mode: 'keep' | 'remove';
  readonly fields: readonly FieldPattern[];
}

export interface RenamePair {
  readonly kind: 'rename-pair';
  readonly from: FieldPattern;
  readonly to: FieldPattern;
  readonly span: Span;
}

export interface RenameCommand extends CommandBase {
  readonly kind: 'rename';
  readonly renames: readonly RenamePair[];
}

/** `| makeresults [count=N] [annotate=…]`: a generating command. */
export interface MakeresultsCommand extends CommandBase {
  readonly kind: 'makeresults';
  readonly options: readonly CommandOption[];
}

/** A positional argument of a command without a typed node. */
export type GenericArg =
  | { readonly kind: 'generic-word'; readonly text: string; readonly quoted: boolean; readonly span: Span }
  | CommandOption
  | { readonly kind: 'generic-subsearch'; readonly pipeline: Pipeline; readonly span: Span }
  | { readonly kind: 'generic-group'; readonly args: readonly GenericArg[]; readonly span: Span };

/** Any command without a typed node yet: name, positional words, `key=value` options and subsearches. */
export interface GenericCommand extends CommandBase {
  readonly kind: 'generic';
  readonly args: readonly GenericArg[];
}

// ----- Typed commands that are parsed but not compiled yet (the planner reports them unsupported). -----

/** A count written as a positional number (`top 5`, `dedup 2`, `tail 20`, `return 3`). */
export interface CountArg {
  readonly value: number;
  readonly span: Span;
}

/** A subsearch or sub-pipeline `[ … ]`: `span` covers the brackets, the pipeline spans its content. */
export interface Subsearch {
  readonly kind: 'subsearch';
  readonly pipeline: Pipeline;
  readonly span: Span;
}

/** Aggregations, options and `BY` fields: the shape shared by `eventstats` and `streamstats`. */
interface AggregatingCommand extends CommandBase {
  readonly options: readonly CommandOption[];
  readonly aggregations: readonly Aggregation[];
  readonly by: readonly Ident[];
}

/** `eventstats [allnum=…] <agg>… [BY f, …]`. */
export interface EventstatsCommand extends AggregatingCommand {
  readonly kind: 'eventstats';
}

/** `reset_before="(<eval>)"` / `reset_after="(<eval>)"` of `streamstats`, its value parsed. */
export interface StreamstatsReset {
  readonly kind: 'streamstats-reset';
  readonly key: Ident;
  readonly expr: EvalExpr;
  readonly span: Span;
}

/** `streamstats [window=…] [current=…] [global=…] [reset_on_change=…] [reset_before=…] <agg>… [BY …]`. */
export interface StreamstatsCommand extends AggregatingCommand {
  readonly kind: 'streamstats';
  readonly resets: readonly StreamstatsReset[];
}

/** The series filter of `chart`/`timechart` (`WHERE max in top5`, `WHERE sum > 100`), kept as words. */
export interface SeriesWhereClause {
  readonly words: readonly OptionValue[];
  readonly span: Span;
}

/** `chart [options] <agg>… [OVER row] [BY col] [WHERE …]`, or `chart <agg> BY row col [WHERE …]`. */
export interface ChartCommand extends CommandBase {
  readonly kind: 'chart';
  readonly options: readonly CommandOption[];
  readonly aggregations: readonly Aggregation[];
  readonly over?: Ident;
  readonly by: readonly Ident[];
  readonly where?: SeriesWhereClause;
}

/** `timechart [options] <agg>… [BY f] [WHERE …]`. */
export interface TimechartCommand extends CommandBase {
  readonly kind: 'timechart';
  readonly options: readonly CommandOption[];
  readonly aggregations: readonly Aggregation[];
  readonly by?: Ident;
  readonly where?: SeriesWhereClause;
}

/** `FROM datamodel=<dm>[.<node>]` or `FROM <namespace>` of `tstats`. */
export type TstatsSource =
  | {
      readonly kind: 'tstats-datamodel';
      readonly datamodel: Ident;
      readonly node?: Ident;
      readonly span: Span;
    }
  | { readonly kind: 'tstats-namespace'; readonly namespace: Ident; readonly span: Span };

/** `tstats [options] <agg>… [FROM …] [WHERE <search>] [BY f, … [span=…]]`; `span=` is among `options`. */
export interface TstatsCommand extends CommandBase {
  readonly kind: 'tstats';
  readonly options: readonly CommandOption[];
  readonly aggregations: readonly Aggregation[];
  readonly from?: TstatsSource;
  readonly where?: SearchExpr;
  readonly by: readonly Ident[];
}

/** `mstats [options] <agg(metric)>… WHERE <search> [BY|GROUPBY f …] [span=…]`. */
export interface MstatsCommand extends CommandBase {
  readonly kind: 'mstats';
  readonly options: readonly CommandOption[];
  readonly aggregations: readonly Aggregation[];
  readonly where: SearchExpr;
  readonly by: readonly Ident[];
}

/** `top`/`rare`: `[N] [options] <fields> [BY <fields>]` (options may follow the fields). */
interface TopRareBase extends CommandBase {
  readonly count?: CountArg;
  readonly options: readonly CommandOption[];
  readonly fields: readonly FieldPattern[];
  readonly by: readonly Ident[];
}

export interface TopCommand extends TopRareBase {
  readonly kind: 'top';
}

export interface RareCommand extends TopRareBase {
  readonly kind: 'rare';
}

/** One conversion of `convert`: `ctime(firstTime)`, `num(*) AS n_*`. */
export interface ConvertFunction {
  readonly kind: 'convert-function';
  readonly fn: Ident;
  readonly field: FieldPattern;
  readonly alias?: FieldPattern;
  readonly span: Span;
}

/** `convert [timeformat=…] <fn>(<field>) [AS <field>] …`. */
export interface ConvertCommand extends CommandBase {
  readonly kind: 'convert';
  readonly options: readonly CommandOption[];
  readonly conversions: readonly ConvertFunction[];
}

/** A lookup field with its optional event-side name: `guid AS aceObjectGuid`. */
export interface LookupField {
  readonly kind: 'lookup-field';
  readonly field: Ident;
  readonly alias?: Ident;
  readonly span: Span;
}

/** `lookup [local=…] [update=…] <table> <field> [AS f], … [OUTPUT|OUTPUTNEW <field> [AS f], …]`. */
export interface LookupCommand extends CommandBase {
  readonly kind: 'lookup';
  readonly options: readonly CommandOption[];
  readonly table: Ident;
  readonly keys: readonly LookupField[];
  readonly output?: {
    readonly mode: 'OUTPUT' | 'OUTPUTNEW';
    readonly keyword: Ident;
    readonly fields: readonly LookupField[];
    readonly span: Span;
  };
}

/** `bin`/`bucket [options] <field> [AS <name>]` (options may come before or after the field). */
export interface BinCommand extends CommandBase {
  readonly kind: 'bin';
  readonly options: readonly CommandOption[];
  readonly field: FieldPattern;
  readonly alias?: Ident;
}

/** `dedup [N] <fields> [options] [sortby [+|-]f …]`. */
export interface DedupCommand extends CommandBase {
  readonly kind: 'dedup';
  readonly count?: CountArg;
  readonly fields: readonly FieldPattern[];
  readonly options: readonly CommandOption[];
  readonly sortby: readonly SortKey[];
}

/** `rex [field=…] [max_match=…] [offset_field=…] [mode=sed] "<regex>"`. */
export interface RexCommand extends CommandBase {
  readonly kind: 'rex';
  readonly options: readonly CommandOption[];
  readonly regex: OptionValue;
}

/** `regex [<field>=|<field>!=]"<regex>"`. */
export interface RegexCommand extends CommandBase {
  readonly kind: 'regex';
  readonly field?: Ident;
  readonly negated: boolean;
  readonly regex: OptionValue;
}

/** `fillnull [value=…] [<fields>]`. */
export interface FillnullCommand extends CommandBase {
  readonly kind: 'fillnull';
  readonly options: readonly CommandOption[];
  readonly fields: readonly FieldPattern[];
}

/** `spath [input=…] [output=…] [path=… | <path>]`; `path` is the positional path. */
export interface SpathCommand extends CommandBase {
  readonly kind: 'spath';
  readonly options: readonly CommandOption[];
  readonly path?: OptionValue;
}

/** `mvexpand <field> [limit=N]`. */
export interface MvexpandCommand extends CommandBase {
  readonly kind: 'mvexpand';
  readonly options: readonly CommandOption[];
  readonly field: FieldPattern;
}

/** `makemv [delim=…|tokenizer=…] [allowempty=…] [setsv=…] <field>`. */
export interface MakemvCommand extends CommandBase {
  readonly kind: 'makemv';
  readonly options: readonly CommandOption[];
  readonly field: FieldPattern;
}

/** `join [options] [<fields>] [subsearch]`. */
export interface JoinCommand extends CommandBase {
  readonly kind: 'join';
  readonly options: readonly CommandOption[];
  readonly fields: readonly FieldPattern[];
  /** The alias form's `where <conditions>` (with `left=`/`right=`), from `where` to the subsearch. */
  readonly where?: Span;
  /**
   * The alias form's conditions `<alias>.<field>=<alias>.<field>`, in order (`AND` between them is skipped);
   * `notCondition` is the first part of the `where` clause that is none.
   */
  readonly conditions?: readonly JoinCondition[];
  readonly notCondition?: Span;
  readonly subsearch?: Subsearch;
}

/** `L.pid=R.pid`, `L.t<R.t` in `join … where`: the names on either side of the comparison as written (alias, `.`, field). */
export interface JoinCondition {
  readonly a: Ident;
  readonly b: Ident;
  /** The comparison: `=` (also written `==`), `!=`, `<`, `<=`, `>`, `>=`. */
  readonly op: JoinComparison;
  readonly span: Span;
}

export type JoinComparison = SearchCompareOp;

/** `append`/`appendcols`/`appendpipe [options] [ … ]`. */
interface AppendBase extends CommandBase {
  readonly options: readonly CommandOption[];
  readonly subsearch: Subsearch;
}

export interface AppendCommand extends AppendBase {
  readonly kind: 'append';
}

export interface AppendcolsCommand extends AppendBase {
  readonly kind: 'appendcols';
}

export interface AppendpipeCommand extends AppendBase {
  readonly kind: 'appendpipe';
}

/** `foreach <wc-fields> [options] [ <sub-pipeline with <<FIELD>> templates> ]`. */
export interface ForeachCommand extends CommandBase {
  readonly kind: 'foreach';
  readonly fields: readonly FieldPattern[];
  readonly options: readonly CommandOption[];
  readonly subsearch: Subsearch;
}

/** `startswith=`/`endswith=` of `transaction`: a quoted search, or `eval(…)`. */
export type TransactionBound =
  | {
      readonly kind: 'transaction-search';
      readonly key: Ident;
      readonly expr: SearchExpr;
      readonly span: Span;
    }
  | { readonly kind: 'transaction-eval'; readonly key: Ident; readonly expr: EvalExpr; readonly span: Span };

/** `transaction [<fields>] [maxspan=…] … [startswith=…] [endswith=…]`. */
export interface TransactionCommand extends CommandBase {
  readonly kind: 'transaction';
  readonly fields: readonly FieldPattern[];
  readonly options: readonly CommandOption[];
  readonly startswith?: TransactionBound;
  readonly endswith?: TransactionBound;
}

/** `xyseries [options] <x> <y> <value>…`. */
export interface XyseriesCommand extends CommandBase {
  readonly kind: 'xyseries';
  readonly options: readonly CommandOption[];
  readonly x: Ident;
  readonly y: Ident;
  readonly values: readonly Ident[];
}

/** `untable <x> <name> <value>`. */
export interface UntableCommand extends CommandBase {
  readonly kind: 'untable';
  readonly x: Ident;
  readonly nameField: Ident;
  readonly valueField: Ident;
}

/** `tail [N]`. */
export interface TailCommand extends CommandBase {
  readonly kind: 'tail';
  readonly count?: CountArg;
}

/** One item of `return`: `f`, `alias=f` or `$f`. */
export interface ReturnItem {
  readonly kind: 'return-item';
  readonly alias?: Ident;
  readonly field: Ident;
  /** `$f`: the bare value, without `f=`. */
  readonly valueOnly: boolean;
  readonly span: Span;
}

/** `return [N] [<alias>=]<field> | $<field> …`. */
export interface ReturnCommand extends CommandBase {
  readonly kind: 'return';
  readonly count?: CountArg;
  readonly items: readonly ReturnItem[];
}

/** `format [mvsep=…] [maxresults=…] ["rowprefix" "colprefix" "colsep" "colend" "rowsep" "rowend"]`. */
export interface FormatCommand extends CommandBase {
  readonly kind: 'format';
  readonly options: readonly CommandOption[];
  /** The six strings, in order, when written. */
  readonly strings: readonly OptionValue[];
}

/** `inputlookup [options] <table> [WHERE <search>]`: a generating command. */
export interface InputlookupCommand extends CommandBase {
  readonly kind: 'inputlookup';
  readonly options: readonly CommandOption[];
  readonly table: Ident;
  readonly where?: SearchExpr;
}

/** `outputlookup [options] <table>`. */
export interface OutputlookupCommand extends CommandBase {
  readonly kind: 'outputlookup';
  readonly options: readonly CommandOption[];
  readonly table: Ident;
}

/** `addtotals [row=…] [col=…] [labelfield=…] [label=…] [fieldname=…] [<fields>]`. */
export interface AddtotalsCommand extends CommandBase {
  readonly kind: 'addtotals';
  readonly options: readonly CommandOption[];
  readonly fields: readonly FieldPattern[];
}

/** `iplocation [prefix=…] [allfields=…] [lang=…] <field>`. */
export interface IplocationCommand extends CommandBase {
  readonly kind: 'iplocation';
  readonly options: readonly CommandOption[];
  readonly field: Ident;
}

/** `apply [options] <model> [AS <field>] [options]` (MLTK): scores events with a trained model. */
export interface ApplyCommand extends CommandBase {
  readonly kind: 'apply';
  readonly model: Ident;
  readonly alias?: Ident;
  /** Model-specific settings such as `threshold=0.01`. */
  readonly options: readonly CommandOption[];
}

/** `xmlkv [<field>] [maxinputs=N]`: extracts XML key-value pairs (from `_raw` when no field is given). */
export interface XmlkvCommand extends CommandBase {
  readonly kind: 'xmlkv';
  readonly field?: Ident;
  readonly options: readonly CommandOption[];
}

/**
 * `map search="<search>" | [ <search> ] | <saved-search> [maxsearches=N]`: runs a search per result, with
 * `$field$` tokens substituted. Exactly one of `search`, `subsearch` and `savedsearch` is set; the quoted
 * search is kept as written, since it is only a search once its tokens are substituted.
 */
export interface MapCommand extends CommandBase {
  readonly kind: 'map';
  readonly options: readonly CommandOption[];
  /** `search="…"`, key and value as written (not among `options`). */
  readonly search?: CommandOption;
  readonly subsearch?: Subsearch;
  readonly savedsearch?: Ident;
}

/** One `<wc-string> WITH <wc-string>` of `replace`. */
export interface ReplacePair {
  readonly kind: 'replace-pair';
  readonly from: OptionValue;
  readonly to: OptionValue;
  readonly span: Span;
}

/** `replace <wc> WITH <wc> [, <wc> WITH <wc>]… [IN <fields>]`; no fields means every field. */
export interface ReplaceCommand extends CommandBase {
  readonly kind: 'replace';
  readonly replacements: readonly ReplacePair[];
  readonly fields: readonly FieldPattern[];
}

/** `fromjson <field> [prefix=…]`. */
export interface FromjsonCommand extends CommandBase {
  readonly kind: 'fromjson';
  readonly field: Ident;
  readonly options: readonly CommandOption[];
}

/**
 * `from <dataset-type>:<dataset-name>` (SPL1; also written `from <type> <name>`): a generating command.
 * `datasetType` is `datamodel`, `lookup`, `inputlookup` or `savedsearch`, as written.
 */
export interface FromCommand extends CommandBase {
  readonly kind: 'from';
  readonly datasetType: Ident;
  readonly dataset: Ident;
}

/** `anomalydetection [method=…] [action=…] [pthresh=…] [cutoff=…] [<fields>]`. */
export interface AnomalydetectionCommand extends CommandBase {
  readonly kind: 'anomalydetection';
  readonly options: readonly CommandOption[];
  readonly fields: readonly Ident[];
}

export type Command =
  | SearchCommand
  | WhereCommand
  | EvalCommand
  | StatsCommand
  | SortCommand
  | HeadCommand
  | TableCommand
  | FieldsCommand
  | RenameCommand
  | MakeresultsCommand
  | EventstatsCommand
  | StreamstatsCommand
  | ChartCommand
  | TimechartCommand
  | TstatsCommand
  | MstatsCommand
  | TopCommand
  | RareCommand
  | ConvertCommand
  | LookupCommand
  | BinCommand
  | DedupCommand
  | RexCommand
  | RegexCommand
  | FillnullCommand
  | SpathCommand
  | MvexpandCommand
  | MakemvCommand
  | JoinCommand
  | AppendCommand
  | AppendcolsCommand
  | AppendpipeCommand
  | ForeachCommand
  | TransactionCommand
  | XyseriesCommand
  | UntableCommand
  | TailCommand
  | ReturnCommand
  | FormatCommand
  | InputlookupCommand
  | OutputlookupCommand
  | AddtotalsCommand
  | IplocationCommand
  | ApplyCommand
  | XmlkvCommand
  | MapCommand
  | ReplaceCommand
  | FromjsonCommand
  | FromCommand
  | AnomalydetectionCommand
  | StrcatCommand
  | FieldformatCommand
  | MetasearchCommand
  | GenericCommand;

export type CommandKind = Command['kind'];

/** A whole search: commands separated by `|`. A subsearch is a pipeline too. */
export interface Pipeline {
  readonly kind: 'pipeline';
  readonly commands: readonly Command[];
  readonly span: Span;
}

/** Narrowing helper for exhaustive switches: a compile error when a case is missing. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
