// The planner's view of the fields available at one point of a pipeline, and name resolution.

import type { EvalExpr } from '../ast.ts';
import type { Span } from '../diagnostics.ts';
import type { Expr, FieldsStep, ScalarType } from '../ir/types.ts';
import { call, col, field, lit, seriesColumn } from '../ir/types.ts';

/** Columns every raw event has, with their IR types. `org_id` is deliberately absent: it is never a field. */
export const rawEventColumns: readonly { name: string; type: ScalarType }[] = [
  { name: '_time', type: 'time' },
  { name: 'index', type: 'any' },
  { name: 'host', type: 'any' },
  { name: 'source', type: 'any' },
  { name: 'sourcetype', type: 'any' },
  { name: '_raw', type: 'any' },
];

/** Names the planner keeps for itself; a pipeline cannot assign them. */
export const reservedNames: ReadonlySet<string> = new Set(['_fields', 'org_id', seriesColumn]);

/**
 * Fields at one point of the pipeline. While `raw` is true the rows are still events, and a name that is
 * not a known column resolves to the event's structured field of that name (null when absent). After a
 * transforming command (`stats`, `table`) only the known columns exist.
 */
/**
 * What happened to raw events' structured fields, in order: removals, wildcard renames, and extractions
 * whose field names are only known when the search runs (`spath` without a path, `xmlkv`).
 */
type RawOp =
  | { readonly kind: 'drop'; readonly name: string }
  /** `fields - <pattern>`: the structured fields whose names the wildcard pattern matches, removed. */
  | { readonly kind: 'drop-matching'; readonly pattern: string }
  | { readonly kind: 'rename'; readonly from: string; readonly to: string; readonly span?: Span }
  | {
      readonly kind: 'extract';
      readonly read: FieldReader;
      readonly span: Span;
      /** `spath` without a path: its input (JSON text), from which every field can be listed when the search runs. */
      readonly spath?: Expr;
      /** Every field it extracts, as a map of name → values (`kv_fields`, `xml_fields`), when it can list them. */
      readonly fields?: Expr;
    }
  | { readonly kind: 'virtual'; readonly name: string; readonly expr: Expr }
  | {
      readonly kind: 'merge';
      /** The structured fields of the joined events (a `fields_json` value carried as a column). */
      readonly json: Expr;
      /** The joined event's value wins over the event's own (join's `overwrite`). */
      readonly overwrite: boolean;
      /**
       * The names (a regex) whose fields in the JSON are lists (eventstats `values(*) AS all_*`): read as
       * lists, winning where they have values.
       */
      readonly lists?: string;
      readonly span: Span;
    }
  | {
      readonly kind: 'map';
      /** The new value of a structured field from its value (`replace` without `IN`). */
      readonly apply: (value: Expr) => Expr;
      /** The same as data: the first pair whose `re` matches the whole value replaces it (`replaceRegexpOne`). */
      readonly pairs: readonly { readonly re: string; readonly by: string }[];
      /** The field patterns whose fields are replaced (`replace … IN` with wildcards); empty: every field. */
      readonly patterns: readonly string[];
      readonly span: Span;
    }
  | {
      readonly kind: 'fill';
      /** The fill value (a string literal). */
      readonly value: Expr;
      /** The field patterns filled; empty: every field. */
      readonly patterns: readonly string[];
      /** The column holding the names of the structured fields some event of the results has. */
      readonly names: Expr;
      readonly span: Span;
    };

/**
 * Columns the planner adds for itself while rows are raw events (the field names `fillnull` fills): carried
 * with the rows, never listed as fields.
 */
export const plannerColumnPrefix = '__nexus_';

/**
 * How an extraction reads the field `name` from the event: its value (null when the event has no such
 * field), or undefined when it can never extract that name.
 */
export type FieldReader = (name: string, span?: Span) => Expr | undefined;

/** How an extraction reads a field by name from its input: a JSON path, or an XML element's text. */
export type Extraction = 'spath' | 'xmlkv';

/** An XML element name `xmlkv` can look for (others are never extracted). */
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Field `name` as extraction `how` reads it from `input`: null when the input has no such key (a list
 * for spath paths with `{}`).
 */
function extracted(how: Extraction, input: Expr, name: string, span?: Span): Expr | undefined {
  if (how === 'spath') return call('spath', [input, lit(name)], name.includes('{}') ? 'mv' : 'string', span);
  return XML_NAME.test(name) ? call('xml_element', [input, lit(name)], 'string', span) : undefined;
}

/** `fieldformat <name>=<expr>`: how the field is shown once the search is done (see `Scope.withFormat`). */
export interface DisplayFormat {
  readonly name: string;
  readonly expr: EvalExpr;
}

/**
 * Prefix of a name that reads a field as stored, past any virtual field of that name (see `withVirtual`): the
 * expansion of `tag=x` compares the event's own `tag` next to its tags.conf alternatives, without the cost of
 * computing every tag. It cannot be typed in a query (it starts with a NUL character).
 */
export const STORED_FIELD = '\u0000stored:';

export class Scope {
  private constructor(
    private readonly known: ReadonlyMap<string, ScalarType>,
    readonly raw: boolean,
    /** Removals (`fields -`, renamed away) and wildcard renames of structured fields while raw. */
    private readonly ops: readonly RawOp[],
    /** Display formats (`fieldformat`), applied to the final results only; a transforming command drops them. */
    readonly formats: readonly DisplayFormat[] = [],
  ) {}

  /**
   * After a pivot: the row keys, and every series in the map column `_series` (values of `type`). A name
   * that is not a known column reads the series of that name.
   */
  static series(keys: readonly { name: string; type: ScalarType }[], type: ScalarType): Scope {
    return Scope.closed([...keys, { name: seriesColumn, type }]);
  }

  /** The type of the series map's values when the rows carry one (after a pivot). */
  get seriesType(): ScalarType | undefined {
    return this.raw ? undefined : this.known.get(seriesColumn);
  }

  static rawEvents(): Scope {
    return new Scope(new Map(rawEventColumns.map((c) => [c.name, c.type])), true, []);
  }

  static closed(columns: readonly { name: string; type: ScalarType }[]): Scope {
    return new Scope(new Map(columns.map((c) => [c.name, c.type])), false, []);
  }

  get columns(): { name: string; type: ScalarType }[] {
    return [...this.known].map(([name, type]) => ({ name, type }));
  }

  /** The known fields, without the series map (wildcards and field lists expand over these). */
  get fields(): { name: string; type: ScalarType }[] {
    return this.columns.filter((c) => c.name !== seriesColumn && !c.name.startsWith(plannerColumnPrefix));
  }

  has(name: string): boolean {
    return this.known.has(name);
  }

  /** The expression that reads field `name` here. */
  resolve(name: string, span?: Span): Expr {
    if (name.startsWith(STORED_FIELD)) {
      const stored = name.slice(STORED_FIELD.length);
      return this.raw && !this.known.has(stored)
        ? this.structured(stored, this.ops.length, span, true)
        : this.resolve(stored, span);
    }
    const type = this.known.get(name);
    if (type !== undefined) return col(name, type, span);
    if (this.raw) return this.structured(name, this.ops.length, span);
    const series = this.seriesType;
    if (series !== undefined && !reservedNames.has(name))
      return call('map_get', [col(seriesColumn, series), lit(name)], series, span);
    return lit(null, span);
  }

  /** A structured field as it is after the first `upto` operations (newest first, back to the event). */
  private structured(name: string, upto: number, span?: Span, stored = false): Expr {
    for (let i = upto - 1; i >= 0; i--) {
      const op = this.ops[i];
      if (!op) continue;
      if (op.kind === 'drop') {
        if (op.name === name) return lit(null, span);
        continue;
      }
      if (op.kind === 'drop-matching') {
        if (matchPattern(op.pattern, name)) return lit(null, span);
        continue;
      }
      if (op.kind === 'merge') {
        const before = this.structured(name, i, span, stored);
        // Lists (eventstats `values(*)`), or a name an earlier merge made a list (one type either way).
        if ((op.lists !== undefined && new RegExp(op.lists).test(name)) || before.type === 'mv') {
          // The merged list where it has values (the field as it was first, without overwrite), else the other.
          const list = call('json_path_list', [op.json, lit(name)], 'mv', span);
          const was = call('to_mv', [before], 'mv');
          const has = (x: Expr): Expr => call('isnotnull', [call('mvcount', [x], 'number')], 'bool');
          return op.overwrite
            ? call('if', [has(list), list, was], 'mv', span)
            : call('if', [has(was), was, list], 'mv', span);
        }
        // `join` with a subsearch of events: the joined event's field (absent without a match).
        const joined = call('json_path', [op.json, lit(name)], 'any', span);
        return call('coalesce', op.overwrite ? [joined, before] : [before, joined], 'any', span);
      }
      if (op.kind === 'map') {
        // With wildcards in `IN`: an internal field (`_…`) only when the pattern starts with `_`.
        const named = (p: string): boolean =>
          matchPattern(p, name) !== undefined && (!name.startsWith('_') || p.startsWith('_'));
        if (op.patterns.length > 0 && !op.patterns.some(named)) continue;
        return op.apply(this.structured(name, i, span, stored));
      }
      if (op.kind === 'fill') {
        // Filled when some event of the results has the field (Splunk fills the fields of the result set).
        if (op.patterns.length > 0 && !op.patterns.some((p) => matchPattern(p, name))) continue;
        const before = this.structured(name, i, span, stored);
        const present = call('list_has', [op.names, lit(name)], 'bool', span);
        return call('if', [present, call('coalesce', [before, op.value], 'any', span), before], 'any', span);
      }
      if (op.kind === 'virtual') {
        if (op.name === name && !stored) return op.expr;
        continue;
      }
      if (op.kind === 'extract') {
        // The extracted value when the input has the key, else the field as it was.
        const value = op.read(name, span);
        if (value === undefined) continue;
        const before = this.structured(name, i, span, stored);
        // A list (`mv_add=true`, spath's `{}` paths): the field as it was when the input has no value.
        if (value.type === 'mv') return keptUnlessEmpty(value, before, span);
        return call('coalesce', [value, before], 'any', span);
      }
      const renamed = matchPattern(op.to, name);
      if (renamed) {
        // `rename X.* AS *`: `foo` is now `X.foo` when the event had one, else whatever `foo` was.
        const source = this.structured(fillPattern(op.from, renamed), i, span, stored);
        const before = matchPattern(op.from, name) ? undefined : this.structured(name, i, span, stored);
        return before === undefined ? source : call('coalesce', [source, before], 'any', span);
      }
      if (matchPattern(op.from, name)) return lit(null, span);
    }
    return field(name, span);
  }

  /**
   * What happened to raw events' structured fields so far: the names removed, and whether a wildcard
   * rename changed names (which only reading a field by name can follow).
   */
  structuredChanges(): { dropped: string[]; droppedPatterns: string[]; renamed: boolean } {
    return {
      dropped: this.ops.flatMap((op) => (op.kind === 'drop' ? [op.name] : [])),
      droppedPatterns: this.ops.flatMap((op) => (op.kind === 'drop-matching' ? [op.pattern] : [])),
      renamed: this.ops.some((op) => op.kind === 'rename'),
    };
  }

  /** After `fields - <pattern>…` with wildcards while raw: the structured fields they match are gone. */
  withDroppedMatching(patterns: readonly string[]): Scope {
    const ops = patterns.map((pattern): RawOp => ({ kind: 'drop-matching', pattern }));
    return new Scope(this.known, this.raw, [...this.ops, ...ops], this.formats);
  }

  /** After `eval name=…`: the column exists with `type`. */
  with(name: string, type: ScalarType): Scope {
    const known = new Map(this.known);
    // The series map keeps its place (its series are columns there); other fields move to the end.
    if (name !== seriesColumn) known.delete(name);
    known.set(name, type);
    return new Scope(known, this.raw, this.ops, this.formats);
  }

  /** Keeps only `columns` (in order); `raw` says whether unknown names still reach structured fields. */
  project(
    columns: readonly { name: string; type: ScalarType }[],
    raw: boolean,
    dropped?: Iterable<string>,
  ): Scope {
    return new Scope(
      new Map(columns.map((c) => [c.name, c.type])),
      raw,
      [...this.ops, ...[...(dropped ?? [])].map((name): RawOp => ({ kind: 'drop', name }))],
      this.formats,
    );
  }

  /**
   * After `spath input=<x>` without a path or `xmlkv <x>` while raw: a structured field read later by name
   * is first looked up in `input` (as it is now).
   */
  withExtraction(how: Extraction, input: Expr, span: Span): Scope {
    const read: FieldReader = (name, at) => extracted(how, input, name, at);
    const op: RawOp = {
      kind: 'extract',
      read,
      span,
      ...(how === 'spath' ? { spath: input } : { fields: call('xml_fields', [input], 'mv') }),
    };
    return new Scope(this.known, this.raw, [...this.ops, op], this.formats);
  }

  /**
   * After a command that extracts fields whose names only the data holds (`extract`, `fromjson`), while raw:
   * a structured field read later by name is first looked up with `read`.
   */
  withReader(read: FieldReader, span: Span, fields?: Expr): Scope {
    const op: RawOp = { kind: 'extract', read, span, ...(fields ? { fields } : {}) };
    return new Scope(this.known, this.raw, [...this.ops, op], this.formats);
  }

  /**
   * After `fillnull` without a field list (or with wildcards) while raw: a structured field read later by
   * name is `value` where it is missing, when its name is in the list column `names` (see {@link Scope.with}
   * for the column) and matches `patterns` (all fields when empty).
   */
  withFill(value: Expr, patterns: readonly string[], names: Expr, span: Span): Scope {
    return new Scope(
      this.known,
      this.raw,
      [...this.ops, { kind: 'fill', value, patterns, names, span }],
      this.formats,
    );
  }

  /**
   * After `join` with a subsearch that returns events: a structured field read later by name is the joined
   * event's (a `fields_json` column, `json`) when it has one and `overwrite`, else the event's own.
   */
  withJoinedFields(json: Expr, overwrite: boolean, span: Span, lists?: string): Scope {
    return new Scope(
      this.known,
      this.raw,
      [...this.ops, { kind: 'merge', json, overwrite, span, ...(lists === undefined ? {} : { lists }) }],
      this.formats,
    );
  }

  /**
   * After `replace` without `IN` (or with wildcards in `IN`) while raw: a structured field read later by name
   * (one `patterns` matches; every field when empty) is `apply` of its value.
   */
  withMap(
    apply: (value: Expr) => Expr,
    pairs: readonly { re: string; by: string }[],
    span: Span,
    patterns: readonly string[] = [],
  ): Scope {
    const op: RawOp = { kind: 'map', apply, pairs, patterns, span };
    return new Scope(this.known, this.raw, [...this.ops, op], this.formats);
  }

  /** The `replace` maps of structured fields (see {@link withMap}). */
  get mapOps(): { pairs: readonly { re: string; by: string }[]; patterns: readonly string[]; span: Span }[] {
    return this.ops.flatMap((op) => (op.kind === 'map' ? [op] : []));
  }

  /** The commands whose changed structured fields are read by name only (see {@link withMap}). */
  get maps(): Span[] {
    return this.ops.flatMap((op) => (op.kind === 'map' ? [op.span] : []));
  }

  /** The `fillnull` commands whose filled fields are read by name only (see {@link withFill}). */
  get fills(): Span[] {
    return this.ops.flatMap((op) => (op.kind === 'fill' ? [op.span] : []));
  }

  /** The `fillnull` fills of structured fields: the value, the field patterns (none: all), the names column. */
  get fillOps(): { value: Expr; patterns: readonly string[]; names: Expr; span: Span }[] {
    return this.ops.flatMap((op) => (op.kind === 'fill' ? [op] : []));
  }

  /** The merges of structured fields (see {@link withJoinedFields}): the JSON value and whether it wins. */
  get mergeOps(): { json: Expr; overwrite: boolean; span: Span }[] {
    return this.ops.flatMap((op) => (op.kind === 'merge' ? [op] : []));
  }

  /**
   * The removals, fills, merges and maps of the structured fields so far, in order, as steps that rewrite the
   * events' JSON (see `materializeFields`), with the planner columns those steps read and the scope after them
   * (where the JSON holds the fields as they are now, and only the virtual fields are still computed on
   * read). Undefined when there is nothing to rewrite, or when a change can only be followed by reading a
   * field by name (a wildcard rename, an extraction, a fill with a computed value).
   */
  bakedFields(): { steps: FieldsStep[]; helpers: string[]; scope: Scope } | undefined {
    const steps: FieldsStep[] = [];
    const helpers: string[] = [];
    for (const op of this.ops) {
      if (op.kind === 'virtual') continue;
      if (op.kind === 'drop-matching') return undefined;
      if (op.kind === 'drop') {
        const last = steps[steps.length - 1];
        if (last?.kind === 'drop')
          steps[steps.length - 1] = { kind: 'drop', names: [...last.names, op.name] };
        else steps.push({ kind: 'drop', names: [op.name] });
      } else if (op.kind === 'map') {
        steps.push({ kind: 'map', pairs: op.pairs, ...mapPatterns(op.patterns) });
      } else if (op.kind === 'merge' && op.json.kind === 'column') {
        steps.push({ kind: 'merge', column: op.json.name, overwrite: op.overwrite });
        helpers.push(op.json.name);
      } else if (op.kind === 'fill' && op.value.kind === 'literal' && op.names.kind === 'column') {
        const patterns = op.patterns.map((p) => fieldPatternRegExp(p).source);
        steps.push({ kind: 'fill', value: String(op.value.value), patterns, names: op.names.name });
        helpers.push(op.names.name);
      } else {
        return undefined;
      }
    }
    if (steps.length === 0) return undefined;
    const known = new Map([...this.known].filter(([name]) => !helpers.includes(name)));
    const ops = this.ops.filter((op) => op.kind === 'virtual');
    return { steps, helpers, scope: new Scope(known, this.raw, ops, this.formats) };
  }

  /** The `join` subsearches whose events' fields are read by name only (see {@link withJoinedFields}). */
  get joins(): Span[] {
    return this.ops.flatMap((op) => (op.kind === 'merge' ? [op.span] : []));
  }

  /**
   * A field computed only where a command reads it by name (`eventtype`, `tag`, `tag::<field>` from the
   * knowledge objects): `expr` is inlined there, so searches that never read it pay nothing.
   */
  withVirtual(name: string, expr: Expr): Scope {
    return new Scope(this.known, this.raw, [...this.ops, { kind: 'virtual', name, expr }], this.formats);
  }

  /**
   * Whether the event's structured fields whose names `re` matches are as stored, but for those removed
   * (`structuredChanges().dropped`): no command before changed, renamed, filled, extracted or merged
   * structured fields (a virtual field of another name, such as `tag`, changes nothing), so reading them
   * straight from the event gives their values here.
   */
  structuredAsStored(re: RegExp, except: readonly string[] = []): boolean {
    // A `drop-matching` is not as stored: the fields it removes are known only when the search runs, so
    // readers go through `structuredMap`, which removes them.
    return this.ops.every(
      (op) =>
        op.kind === 'drop' || (op.kind === 'virtual' && (!re.test(op.name) || except.includes(op.name))),
    );
  }

  /** The virtual fields (`tag`, field aliases, calculated fields …) read by name while raw. */
  get virtualNames(): string[] {
    return [...new Set(this.ops.flatMap((op) => (op.kind === 'virtual' ? [op.name] : [])))];
  }

  /**
   * The event's structured fields as they are now, when the search runs: a map of name → values (a list),
   * built from the stored fields by the commands before, in order — removals, wildcard renames, extractions
   * that can list their fields (`spath` without a path: every field of its JSON input, flattened as spath
   * names them; `extract`, `xmlkv`, `multikv`, `fromjson`), fills (`fillnull` without a list), merges
   * (`join`, `filldown` without a list, `appendcols`, `eventstats values(*)`) and maps (`replace`) — for a
   * pattern `re` that no virtual field (`tag` …) matches, but those in `except` (left out of the map by its
   * caller). Undefined when a command changed the structured fields in a way the map cannot follow (an
   * extraction that names its fields only when read, such as `scrub`).
   *
   * @example spath input=j | rename a.* AS b.* → map_move(map_extract(fields_matching(…), j), '^a\.(.*)$', 'b.\1')
   */
  structuredMap(re: RegExp, except: readonly string[] = []): Expr | undefined {
    let map: Expr = call('fields_matching', [lit(''), lit('\\0'), lit('[]'), lit('[]'), lit(true)], 'mv');
    for (const op of this.ops) {
      if (op.kind === 'drop') map = call('map_drop', [map, lit(exactName(op.name))], 'mv');
      else if (op.kind === 'drop-matching')
        map = call('map_drop', [map, lit(fieldPatternRegExp(op.pattern).source)], 'mv');
      else if (op.kind === 'virtual') {
        if (re.test(op.name) && !except.includes(op.name)) return undefined;
      } else if (op.kind === 'rename') {
        const from = fieldPatternRegExp(op.from);
        map = call('map_move', [map, lit(from.source), lit(patternReplacement(op.to))], 'mv');
      } else if (op.kind === 'extract' && op.spath) map = call('map_extract', [map, op.spath], 'mv');
      else if (op.kind === 'extract' && op.fields) map = call('map_update', [map, op.fields], 'mv');
      else if (op.kind === 'fill' && op.value.kind === 'literal') {
        // The names some result has (the window's list) that this event lacks: the fill value.
        const patterns = JSON.stringify(op.patterns.map((p) => fieldPatternRegExp(p).source));
        map = call('map_fill_missing', [map, op.names, op.value, lit(patterns)], 'mv');
      } else if (op.kind === 'merge') {
        // Lists (eventstats `values(*)`) win where they have values, as an overwriting merge does.
        const overwrite = op.overwrite || op.lists !== undefined;
        map = call('map_merge', [map, call('json_map', [op.json], 'mv'), lit(overwrite)], 'mv');
      } else if (op.kind === 'map') {
        const patterns = JSON.stringify(op.patterns.map((p) => fieldPatternRegExp(p).source));
        map = call('map_replace', [map, lit(JSON.stringify(op.pairs)), lit(patterns)], 'mv');
      } else return undefined;
    }
    return map;
  }

  /**
   * The event's structured fields as they are now, as a map of name → values (see {@link structuredMap}),
   * with the scope where the events' JSON holds them (only the virtual fields still computed on read, and
   * without the planner columns the fills and merges read). Undefined when the map cannot follow a change
   * (an extraction that cannot list its fields).
   */
  writtenMap(): { map: Expr; scope: Scope } | undefined {
    // Virtual fields are not written (as the events are shown without them): no name is theirs here.
    const map = this.structuredMap(/(?!)/);
    if (!map) return undefined;
    const helpers = this.ops.flatMap((op) =>
      op.kind === 'fill' && op.names.kind === 'column'
        ? [op.names.name]
        : op.kind === 'merge' && op.json.kind === 'column'
          ? [op.json.name]
          : [],
    );
    const known = new Map([...this.known].filter(([name]) => !helpers.includes(name)));
    const ops = this.ops.filter((op) => op.kind === 'virtual');
    return { map, scope: new Scope(known, this.raw, ops, this.formats) };
  }

  /**
   * Whether the structured fields' names, as they are now, differ from the stored ones in a way only
   * {@link structuredMap} follows: a wildcard rename, an extraction or a wildcard removal (the stored names, less removals and
   * plus fills and merges, are what `field_names` and `fields_json` give after `materializeFields`).
   */
  get namesExtracted(): boolean {
    return this.ops.some(
      (op) => op.kind === 'extract' || op.kind === 'rename' || op.kind === 'drop-matching',
    );
  }

  /** The commands whose extracted fields are read by name only (see {@link withExtraction}). */
  get extractions(): Span[] {
    return this.ops.flatMap((op) => (op.kind === 'extract' ? [op.span] : []));
  }

  /** Wildcard renames of structured fields, which apply only when a field is read by name. */
  get wildcardRenames(): Span[] {
    return this.ops.flatMap((op) => (op.kind === 'rename' && op.span ? [op.span] : []));
  }

  /** After `rename <from> AS <to>` with wildcards while raw: structured fields are renamed on read. */
  withWildcardRename(from: string, to: string, span?: Span): Scope {
    return new Scope(
      this.known,
      this.raw,
      [...this.ops, { kind: 'rename', from, to, ...(span ? { span } : {}) }],
      this.formats,
    );
  }

  /**
   * After `fieldformat <name>=<expr>`: the field keeps its value for later commands, and is shown as `expr`
   * computes it over the final results (a later format of the same field replaces this one).
   */
  withFormat(format: DisplayFormat): Scope {
    const formats = [...this.formats.filter((f) => f.name !== format.name), format];
    return new Scope(this.known, this.raw, this.ops, formats);
  }
}

/** A `replace` step's field patterns as regular expressions, when it has any (none: every field). */
export function mapPatterns(patterns: readonly string[]): { patterns?: string[] } {
  return patterns.length === 0 ? {} : { patterns: patterns.map((p) => fieldPatternRegExp(p).source) };
}

/** The list `list` where it has values, else `before` (as a list). */
function keptUnlessEmpty(list: Expr, before: Expr, span?: Span): Expr {
  const has = call('isnotnull', [call('mvcount', [list], 'number')], 'bool');
  return call('if', [has, list, call('to_mv', [before], 'mv')], 'mv', span);
}

/** The `*` captures of `name` against `pattern`, or undefined when it does not match. */
function matchPattern(pattern: string, name: string): string[] | undefined {
  const m = fieldPatternRegExp(pattern).exec(name);
  return m ? m.slice(1) : undefined;
}

/** `pattern` with its `*`s replaced by `captures`, in order. */
export function fillPattern(pattern: string, captures: readonly string[]): string {
  return pattern.split('*').reduce((acc, part, i) => acc + (i > 0 ? (captures[i - 1] ?? '') : '') + part, '');
}

/**
 * `*` wildcards of a field pattern as a RegExp over whole names, one group per `*` (for `fillPattern`). A run
 * of `*`s matches as one: its first group takes the text and the others stay empty, so `a***b` cannot
 * backtrack over every way to split a name among the run (a fuzz case of 200 `*`s took 84 s).
 */
/** The regular expression that matches the field name `name` only. */
const exactName = (name: string): string => `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

/**
 * The `replaceRegexpOne` replacement that writes wildcard pattern `to` from a match of another pattern's
 * `fieldPatternRegExp`: `\N` for the N-th `*`.
 *
 * @example patternReplacement('b.*') → 'b.\\1'
 */
export function patternReplacement(to: string): string {
  const escape = (t: string): string => t.replace(/\\/g, '\\\\');
  return to
    .split('*')
    .map(escape)
    .reduce((acc, part, i) => `${acc}\\${i}${part}`);
}

export function fieldPatternRegExp(pattern: string): RegExp {
  const parts = pattern.split('*');
  let body = parts[0]?.replace(/[.+?^${}()|[\]\\]/g, '\\$&') ?? '';
  for (let i = 1; i < parts.length; i++) {
    body += parts[i - 1] === '' && i > 1 ? '()' : '(.*)';
    body += (parts[i] ?? '').replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${body}$`);
}
