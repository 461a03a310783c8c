// Data models as Splunk defines them: datasets with a constraint search, inheritance and typed fields.

export type DataModelFieldType = 'string' | 'number' | 'boolean' | 'ipv4' | 'time';

export interface DataModelField {
  readonly name: string;
  readonly type: DataModelFieldType;
}

/** One dataset (Splunk's "object"): events matching its constraint and every ancestor's. */
export interface Dataset {
  readonly name: string;
  /** The parent dataset's name; absent for a root dataset (parent `BaseEvent`). */
  readonly parent?: string;
  /** The constraint search, e.g. `tag=process tag=report`; empty for none. */
  readonly constraint: string;
  /** Fields this dataset adds; children inherit their parent's. */
  readonly fields: readonly DataModelField[];
  /**
   * Calculations (Splunk's `calculationType` Eval, Lookup, Rex, GeoIP), in order: fields of each event of the
   * dataset (and of its children), after the dataset's constraint.
   */
  readonly calculations?: readonly Calculation[];
}

export type Calculation = EvalCalculation | LookupCalculation | RexCalculation | GeoIpCalculation;

/** `Eval`: `field` is the value of `expression`. */
export interface EvalCalculation {
  readonly kind?: 'eval';
  readonly field: string;
  /** An eval expression, as after `eval <field>=`. */
  readonly expression: string;
}

/** A lookup column and the event field it is matched with or written to. */
export interface CalculationFieldMap {
  readonly column: string;
  readonly field: string;
}

/** `Lookup`: the tenant lookup `lookup` matched on `inputs`, its `outputs` columns as fields. */
export interface LookupCalculation {
  readonly kind: 'lookup';
  readonly lookup: string;
  readonly inputs: readonly CalculationFieldMap[];
  readonly outputs: readonly CalculationFieldMap[];
}

/** `Rex`: the named groups of `expression` over `input` are the fields `outputs`. */
export interface RexCalculation {
  readonly kind: 'rex';
  readonly input: string;
  readonly expression: string;
  readonly outputs: readonly string[];
}

/** The location fields of a GeoIP calculation (those `iplocation` adds). */
export const geoIpColumns = ['lat', 'lon', 'City', 'Country', 'Region'] as const;
export type GeoIpColumn = (typeof geoIpColumns)[number];

/** `GeoIP`: location fields of the address in `input`, each output a location column under a field name. */
export interface GeoIpCalculation {
  readonly kind: 'geoip';
  readonly input: string;
  readonly outputs: readonly { readonly column: GeoIpColumn; readonly field: string }[];
}

/** The fields a calculation adds. */
export function calculationOutputs(c: Calculation): string[] {
  switch (c.kind) {
    case 'lookup':
    case 'geoip':
      return c.outputs.map((o) => o.field);
    case 'rex':
      return [...c.outputs];
    default:
      return [c.field];
  }
}

export interface DataModel {
  readonly name: string;
  /** Whether `tstats summariesonly=t` may read an accelerated summary (see the service's acceleration). */
  readonly accelerated?: boolean;
  /** With `accelerated`: how far back the summary reaches (a time modifier such as `-1mon`); absent: all time. */
  readonly accelerationEarliest?: string;
  readonly datasets: readonly Dataset[];
}

/** Fields every dataset has (Splunk's `BaseEvent`). */
export const baseFields: readonly DataModelField[] = [
  { name: '_time', type: 'time' },
  { name: 'host', type: 'string' },
  { name: 'source', type: 'string' },
  { name: 'sourcetype', type: 'string' },
  { name: 'index', type: 'string' },
  { name: '_raw', type: 'string' },
];

/** The data models a search can name, by name (case-sensitive, as Splunk's). */
export class DataModelRegistry {
  private readonly models = new Map<string, DataModel>();

  constructor(models: Iterable<DataModel> = []) {
    for (const m of models) this.models.set(m.name, m);
  }

  /** A registry with `models` added, replacing same-named ones (a tenant's overrides of the shipped CIM). */
  with(models: Iterable<DataModel>): DataModelRegistry {
    return new DataModelRegistry([...this.models.values(), ...models]);
  }

  get(name: string): DataModel | undefined {
    return this.models.get(name);
  }

  names(): string[] {
    return [...this.models.keys()].sort();
  }
}

/** The datasets from the root down to `dataset` (inclusive); undefined when a parent is missing or cyclic. */
export function lineage(model: DataModel, dataset: Dataset): Dataset[] | undefined {
  const out: Dataset[] = [dataset];
  let at: Dataset | undefined = dataset;
  while (at?.parent !== undefined) {
    const parentName: string = at.parent;
    at = model.datasets.find((d) => d.name === parentName);
    if (!at || out.includes(at)) return undefined;
    out.unshift(at);
  }
  return out;
}

/** Every field of a dataset: the base fields, then each ancestor's, then its own. */
export function datasetFields(chain: readonly Dataset[]): Map<string, DataModelField> {
  const out = new Map<string, DataModelField>(baseFields.map((f) => [f.name, f]));
  for (const d of chain) for (const f of d.fields) out.set(f.name, f);
  return out;
}
