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
   * Eval calculations (Splunk's `calculationType: "Eval"`), in order: `field` is the value of `expression`
   * on each event of the dataset (and of its children), after the dataset's constraint.
   */
  readonly calculations?: readonly EvalCalculation[];
}

export interface EvalCalculation {
  readonly field: string;
  /** An eval expression, as after `eval <field>=`. */
  readonly expression: string;
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
