// Splunk's data model JSON (an app's `default/data/models/<Model>.json`, or what `| datamodel M` returns):
// read into a `DataModel`, and written back in the same shape.

import { parse } from '../parser/index.ts';
import { regexProblem } from '../plan/re2-syntax.ts';
import { captureGroups } from '../plan/rex.ts';
import { calculationOutputs, geoIpColumns } from './types.ts';
import type {
  Calculation,
  CalculationFieldMap,
  DataModel,
  DataModelField,
  DataModelFieldType,
  Dataset,
  GeoIpColumn,
} from './types.ts';

/** What reading a data model JSON gives: the model, or the problems that kept it from being read. */
export interface DataModelJsonResult {
  readonly model?: DataModel;
  readonly problems: readonly string[];
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Splunk's field types (`string`, `number`, `boolean`, `ipv4`, `timestamp`, …) onto ours. */
function fieldType(t: unknown): DataModelFieldType {
  switch (typeof t === 'string' ? t.toLowerCase() : '') {
    case 'number':
    case 'childcount':
    case 'objectcount':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'ipv4':
      return 'ipv4';
    case 'timestamp':
    case 'time':
      return 'time';
    default:
      return 'string';
  }
}

/** Splunk's root parents: a dataset whose parent is one of these is a root dataset. */
const ROOT_PARENTS = new Set(['BaseEvent', 'BaseSearch', 'BaseTransaction', 'BaseInterface']);

/** Fields of a Splunk field list (`fields`, or a calculation's `outputFields`), skipping the base ones it repeats. */
function fieldList(x: unknown, where: string, problems: string[]): DataModelField[] {
  if (x === undefined) return [];
  if (!Array.isArray(x)) {
    problems.push(`${where}: must be a list`);
    return [];
  }
  const out: DataModelField[] = [];
  x.forEach((f, i) => {
    if (!isRecord(f) || typeof f.fieldName !== 'string' || f.fieldName === '') {
      problems.push(`${where}[${i}]: needs a \`fieldName\``);
      return;
    }
    out.push({ name: f.fieldName, type: fieldType(f.type) });
  });
  return out;
}

const text = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);

/**
 * One calculation of Splunk's JSON (`calculationType` Eval, Lookup, Rex or GeoIP), or undefined with its
 * problems. `outputs` are its `outputFields`; a Lookup's or GeoIP's field names the column it takes with
 * `lookupOutputFieldName` (else its own name is the column's).
 */
function calculation(
  c: Record<string, unknown>,
  outputs: readonly DataModelField[],
  here: string,
  problems: string[],
): Calculation | undefined {
  const type = typeof c.calculationType === 'string' ? c.calculationType.toLowerCase() : '';
  const columnOf = (i: number): string => {
    const raw: unknown = Array.isArray(c.outputFields) ? c.outputFields[i] : undefined;
    return (isRecord(raw) ? text(raw.lookupOutputFieldName) : undefined) ?? outputs[i]?.name ?? '';
  };
  const expression = text(c.expression);
  if (type === 'eval') {
    const [output] = outputs;
    if (expression === undefined || outputs.length !== 1 || !output) {
      problems.push(`${here}: an Eval calculation needs an \`expression\` and one output field`);
      return undefined;
    }
    const first = parse(`| makeresults | eval x=${expression}`).errors[0];
    if (first) {
      problems.push(`${here}: its expression does not parse: ${first.message}`);
      return undefined;
    }
    return { field: output.name, expression };
  }
  if (type === 'rex') {
    if (expression === undefined) {
      problems.push(`${here}: a Rex calculation needs an \`expression\` (a regular expression)`);
      return undefined;
    }
    const bad = regexProblem(expression);
    if (bad) {
      problems.push(`${here}: at character ${bad.offset + 1} of its expression: ${bad.message}`);
      return undefined;
    }
    const groups = captureGroups(expression).filter((g): g is string => g !== undefined);
    const missing = outputs.find((o) => !groups.includes(o.name));
    if (groups.length === 0 || missing) {
      problems.push(
        missing
          ? `${here}: output field \`${missing.name}\` is not a named group of the expression`
          : `${here}: the expression of a Rex calculation names its fields with groups such as \`(?<user>\\w+)\``,
      );
      return undefined;
    }
    return {
      kind: 'rex',
      input: text(c.inputField) ?? '_raw',
      expression,
      outputs: outputs.length > 0 ? outputs.map((o) => o.name) : groups,
    };
  }
  if (type === 'lookup') {
    const lookup = text(c.lookupName);
    // Splunk 6.0 wrote one input as `inputField` and `lookupField` on the calculation itself.
    const list: unknown[] = Array.isArray(c.lookupInputs)
      ? c.lookupInputs
      : c.inputField !== undefined
        ? [{ inputField: c.inputField, lookupField: c.lookupField }]
        : [];
    const inputs: CalculationFieldMap[] = [];
    for (const x of list) {
      const field = isRecord(x) ? text(x.inputField) : undefined;
      const column = isRecord(x) ? (text(x.lookupField) ?? field) : undefined;
      if (field === undefined || column === undefined) {
        problems.push(`${here}: each of \`lookupInputs\` needs an \`inputField\` and a \`lookupField\``);
        return undefined;
      }
      inputs.push({ column, field });
    }
    if (lookup === undefined || inputs.length === 0 || outputs.length === 0) {
      problems.push(
        `${here}: a Lookup calculation needs a \`lookupName\`, \`lookupInputs\` and output fields`,
      );
      return undefined;
    }
    return {
      kind: 'lookup',
      lookup,
      inputs,
      outputs: outputs.map((o, i) => ({ column: columnOf(i), field: o.name })),
    };
  }
  if (type === 'geoip') {
    const input = text(c.inputField);
    const mapped: { column: GeoIpColumn; field: string }[] = [];
    for (const [i, o] of outputs.entries()) {
      const column = geoIpColumns.find((g) => g.toLowerCase() === columnOf(i).toLowerCase());
      if (!column) {
        problems.push(
          `${here}: GeoIP output \`${o.name}\` must be one of ${geoIpColumns.map((g) => `\`${g}\``).join(', ')} (or name one with \`lookupOutputFieldName\`)`,
        );
        return undefined;
      }
      mapped.push({ column, field: o.name });
    }
    if (input === undefined || mapped.length === 0) {
      problems.push(`${here}: a GeoIP calculation needs an \`inputField\` and output fields`);
      return undefined;
    }
    return { kind: 'geoip', input, outputs: mapped };
  }
  problems.push(`${here}: unknown \`calculationType\` \`${String(c.calculationType)}\``);
  return undefined;
}

/**
 * Reads one data model from Splunk's JSON: `modelName`, and `objects` each with `objectName`, `parentName`,
 * `constraints[].search` (each must parse as a search), `fields[]` and `calculations[].outputFields[]`. Every
 * problem is reported, with where it is; a model with problems is not returned.
 *
 * @example dataModelFromJson('{"modelName":"Sales","objects":[{"objectName":"Orders","parentName":"BaseEvent",
 *   "constraints":[{"search":"sourcetype=orders"}],"fields":[{"fieldName":"amount","type":"number"}]}]}')
 */
export function dataModelFromJson(text: string): DataModelJsonResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { problems: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const problems: string[] = [];
  if (!isRecord(doc)) return { problems: ['a data model is a JSON object'] };
  const name = doc.modelName;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_][\w-]*$/.test(name))
    problems.push('`modelName` must be a name (letters, digits, `_`, `-`)');
  const objects = doc.objects;
  if (!Array.isArray(objects) || objects.length === 0) problems.push('`objects` must list the datasets');
  const datasets: Dataset[] = [];
  (Array.isArray(objects) ? objects : []).forEach((o, i) => {
    const where = `objects[${i}]`;
    if (!isRecord(o) || typeof o.objectName !== 'string' || !/^\w+$/.test(o.objectName)) {
      problems.push(`${where}: needs an \`objectName\` (letters, digits, \`_\`)`);
      return;
    }
    const at = `dataset \`${o.objectName}\``;
    const parent = typeof o.parentName === 'string' ? o.parentName : 'BaseEvent';
    if (parent === 'BaseSearch' || parent === 'BaseTransaction')
      problems.push(`${at}: ${parent} datasets are not supported (only event datasets, parent BaseEvent)`);
    const constraintList = o.constraints ?? [];
    const searches: string[] = [];
    if (!Array.isArray(constraintList)) problems.push(`${at}: \`constraints\` must be a list`);
    else
      constraintList.forEach((c, j) => {
        if (!isRecord(c) || typeof c.search !== 'string') {
          problems.push(`${at}: constraints[${j}] needs a \`search\``);
          return;
        }
        searches.push(c.search);
        const first = parse(`search ${c.search}`).errors[0];
        if (first) problems.push(`${at}: its constraint does not parse: ${first.message}`);
      });
    const fields = fieldList(o.fields, `${at}: fields`, problems);
    const calculations = o.calculations ?? [];
    const calcs: Calculation[] = [];
    if (Array.isArray(calculations))
      calculations.forEach((c, j) => {
        if (!isRecord(c)) return;
        const here = `${at}: calculations[${j}]`;
        const outputs = fieldList(c.outputFields, `${here}.outputFields`, problems);
        fields.push(...outputs);
        const calc = calculation(c, outputs, here, problems);
        if (calc) calcs.push(calc);
      });
    // Splunk lists `_time`, `host`, `source`, `sourcetype` on every root dataset: they are base fields here.
    const own = fields.filter(
      (f) => !['_time', 'host', 'source', 'sourcetype', '_raw', 'index'].includes(f.name),
    );
    datasets.push({
      name: o.objectName,
      constraint: searches.map((s) => (searches.length > 1 ? `(${s})` : s)).join(' '),
      fields: own,
      ...(calcs.length > 0 ? { calculations: calcs } : {}),
      ...(ROOT_PARENTS.has(parent) ? {} : { parent }),
    });
  });
  const names = new Set<string>();
  for (const d of datasets) {
    if (names.has(d.name)) problems.push(`dataset \`${d.name}\` is defined twice`);
    names.add(d.name);
  }
  for (const d of datasets)
    if (d.parent !== undefined && !names.has(d.parent))
      problems.push(`dataset \`${d.name}\`: its parent \`${d.parent}\` is not in the model`);
  if (problems.length > 0 || typeof name !== 'string') return { problems };
  // Splunk's REST API gives `acceleration` as a JSON text (`"{\"enabled\":true,…}"`), its files as an object.
  const acceleration = isRecord(doc.acceleration)
    ? doc.acceleration
    : typeof doc.acceleration === 'string'
      ? parsedRecord(doc.acceleration)
      : undefined;
  const accelerated = acceleration ? acceleration.enabled === true : doc.acceleration === true;
  const earliest = acceleration?.earliest_time;
  return {
    model: {
      name,
      datasets,
      ...(accelerated ? { accelerated } : {}),
      ...(accelerated && typeof earliest === 'string' && earliest.trim() !== ''
        ? { accelerationEarliest: earliest.trim() }
        : {}),
    },
    problems,
  };
}

function parsedRecord(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const splunkType = (t: DataModelFieldType): string => (t === 'time' ? 'timestamp' : t);

/** The model as Splunk's JSON describes it (what `| datamodel <name>` returns in `_raw`). */
export function dataModelToJson(model: DataModel): Record<string, unknown> {
  const lineageOf = (d: Dataset): string => {
    const names = [d.name];
    let at = d;
    for (let i = 0; at.parent !== undefined && i < model.datasets.length; i++) {
      const parentName = at.parent;
      const p = model.datasets.find((x) => x.name === parentName);
      if (!p) break;
      names.unshift(p.name);
      at = p;
    }
    return names.join('.');
  };
  return {
    modelName: model.name,
    displayName: model.name.replace(/_/g, ' '),
    objects: model.datasets.map((d) => datasetToJson(d, lineageOf(d))),
    objectNameList: model.datasets.map((d) => d.name),
    acceleration: {
      enabled: model.accelerated === true,
      ...(model.accelerationEarliest !== undefined ? { earliest_time: model.accelerationEarliest } : {}),
    },
  };
}

/** One dataset as Splunk's JSON describes it. */
export function datasetToJson(d: Dataset, lineage: string): Record<string, unknown> {
  return {
    objectName: d.name,
    displayName: d.name.replace(/_/g, ' '),
    parentName: d.parent ?? 'BaseEvent',
    lineage,
    // A calculation's output is listed under the calculation, as Splunk lists it.
    fields: d.fields
      .filter((f) => !(d.calculations ?? []).some((c) => calculationOutputs(c).includes(f.name)))
      .map((f) => ({ fieldName: f.name, owner: lineage, type: splunkType(f.type) })),
    constraints: d.constraint === '' ? [] : [{ search: d.constraint, owner: lineage }],
    calculations: (d.calculations ?? []).map((c) => calculationToJson(c, d, lineage)),
  };
}

/** One calculation as Splunk's JSON describes it. */
function calculationToJson(c: Calculation, d: Dataset, lineage: string): Record<string, unknown> {
  const output = (name: string, column?: string) => ({
    fieldName: name,
    owner: lineage,
    type: splunkType(d.fields.find((f) => f.name === name)?.type ?? 'string'),
    ...(column !== undefined ? { lookupOutputFieldName: column } : {}),
  });
  switch (c.kind) {
    case 'lookup':
      return {
        calculationType: 'Lookup',
        lookupName: c.lookup,
        lookupInputs: c.inputs.map((i) => ({ inputField: i.field, lookupField: i.column })),
        outputFields: c.outputs.map((o) => output(o.field, o.column)),
        owner: lineage,
      };
    case 'rex':
      return {
        calculationType: 'Rex',
        inputField: c.input,
        expression: c.expression,
        outputFields: c.outputs.map((o) => output(o)),
        owner: lineage,
      };
    case 'geoip':
      return {
        calculationType: 'GeoIP',
        inputField: c.input,
        outputFields: c.outputs.map((o) => output(o.field, o.column)),
        owner: lineage,
      };
    default:
      return {
        calculationType: 'Eval',
        expression: c.expression,
        outputFields: [output(c.field)],
        owner: lineage,
      };
  }
}
