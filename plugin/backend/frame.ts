// Grafana's data frame as the plugin builds it, before Arrow encoding: typed fields with labels and config.

/** The Grafana field types this plugin produces (each maps to one Arrow type Grafana's decoder accepts). */
export type FieldType = 'time' | 'number' | 'string' | 'boolean' | 'json';

interface FieldBase {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly config?: Readonly<Record<string, unknown>>;
}

/** Times are epoch nanoseconds: Grafana reads every Arrow timestamp as nanoseconds. */
export interface TimeField extends FieldBase {
  readonly type: 'time';
  readonly values: readonly (bigint | null)[];
}
export interface NumberField extends FieldBase {
  readonly type: 'number';
  readonly values: readonly (number | null)[];
}
export interface StringField extends FieldBase {
  readonly type: 'string';
  readonly values: readonly (string | null)[];
}
export interface BooleanField extends FieldBase {
  readonly type: 'boolean';
  readonly values: readonly (boolean | null)[];
}
/** JSON values (Go's `json.RawMessage`): the `labels` of a log line. */
export interface JsonField extends FieldBase {
  readonly type: 'json';
  readonly values: readonly (unknown | null)[];
}

export type Field = TimeField | NumberField | StringField | BooleanField | JsonField;

/** A notice Grafana shows above the panel (`FrameMeta.notices`). */
export interface Notice {
  readonly severity: 'info' | 'warning' | 'error';
  readonly text: string;
}

/** The part of Grafana's `FrameMeta` this plugin fills in. */
export interface FrameMeta {
  readonly type?: 'timeseries-wide' | 'table' | 'log-lines' | 'numeric-wide';
  readonly typeVersion?: readonly [number, number];
  readonly preferredVisualisationType?: 'graph' | 'table' | 'logs';
  readonly executedQueryString?: string;
  readonly notices?: readonly Notice[];
  readonly custom?: Readonly<Record<string, unknown>>;
}

export interface Frame {
  readonly name: string;
  readonly refId: string;
  readonly meta: FrameMeta;
  readonly fields: readonly Field[];
}
