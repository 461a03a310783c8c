// Search-time knowledge objects of one tenant, as Splunk's eventtypes/tags/props/transforms.conf define them.

import type { DataModel } from '../datamodels/types.ts';

/** Which events a props.conf stanza applies to: `[<sourcetype>]`, `[source::<pattern>]` or `[host::<pattern>]`. */
export interface PropsTarget {
  readonly field: 'sourcetype' | 'source' | 'host';
  /** The value, with Splunk's `*` (and `...` for sources) as wildcards. */
  readonly pattern: string;
}

/** `EXTRACT-<class> = <regex> [in <field>]`: named groups become fields. */
export interface Extraction {
  readonly name: string;
  readonly regex: string;
  /** The field the regex reads (default `_raw`). */
  readonly field: string;
}

/** `FIELDALIAS-<class> = <field> AS|ASNEW <alias> …`. */
export interface FieldAlias {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** `ASNEW`: only where the event has no value for `to`. */
  readonly asNew: boolean;
}

/** `EVAL-<field> = <eval expression>`: a calculated field. */
export interface CalculatedField {
  readonly field: string;
  /** The eval expression, as written. */
  readonly expression: string;
}

/** A lookup column and the event field it reads or writes (`<column> [AS <field>]`). */
export interface LookupFieldMap {
  readonly column: string;
  readonly field: string;
}

/**
 * `LOOKUP-<class> = <lookup> <column> [AS <field>] … [OUTPUT|OUTPUTNEW <column> [AS <field>] …]`: an automatic
 * lookup. `<lookup>` is a transforms.conf lookup definition (its `filename`) or a lookup table's name.
 */
export interface AutomaticLookup {
  readonly name: string;
  readonly lookup: string;
  readonly keys: readonly LookupFieldMap[];
  /** Absent: every column of the table that is not a key, under its own name (as OUTPUT). */
  readonly outputs?: readonly LookupFieldMap[];
  /** `OUTPUTNEW`: only where the event has no value for the field. */
  readonly outputNew: boolean;
}

/** `REPORT-<class> = <transform>, …`: transforms.conf stanzas applied at search time. */
export interface PropsStanza {
  readonly target: PropsTarget;
  readonly extractions: readonly Extraction[];
  readonly reports: readonly string[];
  readonly aliases: readonly FieldAlias[];
  readonly calculated: readonly CalculatedField[];
  /** Automatic lookups (`LOOKUP-`), applied after the calculated fields. */
  readonly lookups?: readonly AutomaticLookup[];
}

/** A transforms.conf stanza used by `REPORT-`: `REGEX` + `FORMAT`, or `DELIMS` (+ `FIELDS`). */
export interface Transform {
  readonly name: string;
  readonly regex?: string;
  /** `FORMAT = $1::$2` (name from group 1, value from group 2) or `a::$1 b::$2`. */
  readonly format?: string;
  /** `DELIMS = "<pair delimiters>"[, "<key-value delimiters>"]`. */
  readonly delims?: readonly string[];
  readonly fields?: readonly string[];
  /** `SOURCE_KEY` (default `_raw`). */
  readonly sourceKey: string;
  /** A lookup definition: `filename = <table>.csv`, the tenant's lookup table it reads. */
  readonly filename?: string;
  /** A lookup definition's `max_matches` (default 1,000; 1 for a time-based lookup). */
  readonly maxMatches?: number;
  /**
   * A time-based lookup: `time_field` (the table's column of times), `time_format` (strptime, default
   * `%s.%Q`: epoch seconds), `max_offset_secs` (default 2000000000) and `min_offset_secs` (default 0).
   */
  readonly time?: LookupTime;
}

/** A time-based lookup definition's settings (transforms.conf). */
export interface LookupTime {
  readonly field: string;
  readonly format?: string;
  readonly maxOffsetSecs: number;
  readonly minOffsetSecs: number;
}

/** eventtypes.conf: `[name]` with `search = …` (and `tags = …`, which Splunk still honours). */
export interface EventType {
  readonly name: string;
  readonly search: string;
  readonly tags: readonly string[];
}

/** tags.conf: `[<field>=<value>]` with `<tag> = enabled|disabled`. */
export interface TagAssignment {
  readonly field: string;
  readonly value: string;
  readonly tags: readonly string[];
}

/**
 * datamodels.conf: `[<model>]` with `acceleration = true` and `acceleration.earliest_time` (a time modifier
 * such as `-1mon`; absent: all time). The service keeps a summary of the model's datasets over that range,
 * which `tstats summariesonly=t` reads.
 */
export interface Acceleration {
  readonly model: string;
  /** `acceleration = false` turns off what the model's own JSON enables. */
  readonly enabled: boolean;
  readonly earliest?: string;
}

/** Everything a search applies at search time for one tenant; empty when the tenant defined nothing. */
export interface KnowledgeObjects {
  readonly eventtypes: readonly EventType[];
  readonly tags: readonly TagAssignment[];
  readonly props: readonly PropsStanza[];
  readonly transforms: readonly Transform[];
  /** The tenant's own data models (Splunk's data model JSON): they add to the CIM, replacing same-named models. */
  readonly datamodels?: readonly DataModel[];
  /** The data models the tenant accelerates (datamodels.conf). */
  readonly accelerations?: readonly Acceleration[];
}

export const noKnowledge: KnowledgeObjects = { eventtypes: [], tags: [], props: [], transforms: [] };

/**
 * Whether applying the knowledge objects reads lookup tables (an automatic lookup, or a data model's Lookup
 * calculation), so the service loads the tenant's table catalog for every search.
 */
export function knowledgeReadsLookups(k: KnowledgeObjects): boolean {
  return (
    k.props.some((p) => (p.lookups?.length ?? 0) > 0) ||
    (k.datamodels ?? []).some((m) =>
      m.datasets.some((d) => (d.calculations ?? []).some((c) => c.kind === 'lookup')),
    )
  );
}
