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

/** `REPORT-<class> = <transform>, …`: transforms.conf stanzas applied at search time. */
export interface PropsStanza {
  readonly target: PropsTarget;
  readonly extractions: readonly Extraction[];
  readonly reports: readonly string[];
  readonly aliases: readonly FieldAlias[];
  readonly calculated: readonly CalculatedField[];
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
