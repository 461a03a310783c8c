// ClickHouse SQL that reads and rewrites JSON text along literal paths: `json_extract` (several paths,
// `{N}` and `{}` steps), `json_set`, `json_set_exact`, `json_delete`, `json_append`, `json_extend`,
// `json_entries`. ClickHouse has no JSON update function: an object is rebuilt from its (key, raw value)
// pairs, an array from its raw elements, one level per path step, inside lambdas (so the document's SQL
// is not repeated per level). Raw JSON text is '' where a value is absent.

import type { JsonStep } from '../../functions/json-path.ts';
import type { Call } from '../../ir/types.ts';
import type { FunctionPrinter } from './functions.ts';
import { jsonValue } from './functions-more.ts';
import type { Params } from './quote.ts';

/** The paths of a call: its last argument, a literal JSON list of step lists. */
function pathsOf(e: Call): JsonStep[][] {
  const last = e.args[e.args.length - 1];
  if (last?.kind !== 'literal' || typeof last.value !== 'string')
    throw new Error('a JSON path function needs its paths as the last, literal argument');
  return JSON.parse(last.value) as JsonStep[][];
}

/** The raw JSON at `steps` below `x`; `{}` gathers the values below every element into an array. */
function rawAt(x: string, steps: readonly JsonStep[], depth: number, params: Params): string {
  const [s, ...rest] = steps;
  if (s === undefined) return x;
  if ('key' in s) return rawAt(`JSONExtractRaw(${x}, ${params.string(s.key)})`, rest, depth, params);
  if ('index' in s)
    return rawAt(`arrayElement(JSONExtractArrayRaw(${x}), ${s.index + 1})`, rest, depth, params);
  const v = `j${depth}`;
  const values = `arrayFilter(${v} -> ${v} != '', arrayMap(${v} -> ${rawAt(v, rest, depth + 1, params)}, JSONExtractArrayRaw(${x})))`;
  return `if(JSONType(${x}) = 'Array', concat('[', arrayStringConcat(${values}, ','), ']'), '')`;
}

/** Raw JSON as Splunk's JSON functions return it: strings unquoted, other values as JSON, absent as null. */
const nativeValue = (raw: string): string =>
  `if(startsWith(${raw}, '"'), JSONExtractString(${raw}), nullIf(${raw}, ''))`;

const objectOf = (pairs: string, v: string): string =>
  `concat('{', arrayStringConcat(arrayMap(${v} -> concat(toJSONString(${v}.1), ':', ${v}.2), ${pairs}), ','), '}')`;
const arrayOf = (elements: string): string => `concat('[', arrayStringConcat(${elements}, ','), ']')`;

/** What an edit does at the end of its path. */
interface Edit {
  /** The new raw value from the old one ('' when absent); absent for a deletion. */
  readonly leaf?: (old: string) => string;
  /** Missing keys on the way are created (json_set), or the pair changes nothing (the others). */
  readonly creates: boolean;
}

/** `x` with the value at `steps` edited; `x` itself where a step does not apply (a key of an array …). */
function edit(x: string, steps: readonly JsonStep[], depth: number, op: Edit, params: Params): string {
  const [s, ...rest] = steps;
  if (s === undefined) return op.leaf ? op.leaf(x) : x;
  const v = `k${depth}`;
  const deleteHere = op.leaf === undefined && rest.length === 0;
  const below = (child: string): string => edit(child, rest, depth + 1, op, params);
  if ('key' in s) {
    const k = params.string(s.key);
    const pairs = `JSONExtractKeysAndValuesRaw(${x})`;
    if (deleteHere)
      return `if(JSONType(${x}) = 'Object', ${objectOf(`arrayFilter(${v} -> ${v}.1 != ${k}, ${pairs})`, v)}, ${x})`;
    const mapped = `arrayMap(${v} -> if(${v}.1 = ${k}, (${v}.1, ${below(`${v}.2`)}), ${v}), ${pairs})`;
    if (!op.creates) return `if(JSONType(${x}) = 'Object', ${objectOf(mapped, v)}, ${x})`;
    const added = `if(has(arrayMap(${v} -> ${v}.1, ${pairs}), ${k}), ${mapped}, arrayPushBack(${pairs}, (${k}, ${below("''")})))`;
    // A missing value on the way becomes an object holding the rest of the path.
    return `multiIf(JSONType(${x}) = 'Object', ${objectOf(added, v)}, ${x} = '', concat('{', toJSONString(${k}), ':', ${below("''")}, '}'), ${x})`;
  }
  const elements = `JSONExtractArrayRaw(${x})`;
  if ('index' in s) {
    const i = s.index + 1;
    const kept = deleteHere
      ? `arrayFilter((${v}, n${depth}) -> n${depth} != ${i}, ${elements}, arrayEnumerate(${elements}))`
      : `arrayMap((${v}, n${depth}) -> if(n${depth} = ${i}, ${below(v)}, ${v}), ${elements}, arrayEnumerate(${elements}))`;
    return `if(JSONType(${x}) = 'Array', ${arrayOf(kept)}, ${x})`;
  }
  const kept = deleteHere ? '[]' : `arrayMap(${v} -> ${below(v)}, ${elements})`;
  return `if(JSONType(${x}) = 'Array', ${arrayOf(kept)}, ${x})`;
}

/** `json_set(json, path, value, …)` and friends: the path-value pairs applied left to right. */
function editPairs(
  e: Call,
  [json = 'NULL', ...values]: readonly string[],
  params: Params,
  leafOf: (value: string, i: number) => Edit,
): string {
  const paths = pathsOf(e);
  let doc = `ifNull(${json}, '')`;
  paths.forEach((steps, i) => {
    doc = edit(doc, steps, 0, leafOf(jsonValue(e.args[1 + i], values[i] ?? 'NULL'), i), params);
  });
  return `if(isValidJSON(ifNull(${json}, '')), ${doc}, NULL)`;
}

export const jsonEditPrinters = {
  json_paths: (e, [json = 'NULL'], { params }) => {
    const raws = pathsOf(e).map((steps) => rawAt(`ifNull(${json}, '')`, steps, 0, params));
    if (raws.length === 1) return nativeValue(raws[0] ?? "''");
    return `concat('[', ${raws.map((r) => `if(${r} = '', 'null', ${r})`).join(", ',', ")}, ']')`;
  },
  // The values are JSON text already (see `jsonValue`).
  json_set: (e, args, { params }) =>
    editPairs(e, args, params, (value) => ({ leaf: () => value, creates: true })),
  json_delete: (e, args, { params }) => editPairs(e, args, params, () => ({ creates: false })),
  json_append: (e, args, { params }) =>
    editPairs(e, args, params, (value) => ({
      leaf: (old) =>
        `if(JSONType(${old}) = 'Array', ${arrayOf(`arrayPushBack(JSONExtractArrayRaw(${old}), ${value})`)}, ${old})`,
      creates: false,
    })),
  // The value is a JSON array (text) whose elements are appended one by one.
  json_extend: (e, args, { params }) =>
    editPairs(e, args, params, (value) => ({
      leaf: (old) =>
        `if(JSONType(${old}) = 'Array' AND JSONType(${value}) = 'Array', ${arrayOf(`arrayConcat(JSONExtractArrayRaw(${old}), JSONExtractArrayRaw(${value}))`)}, ${old})`,
      creates: false,
    })),
  // One match is a single value, several a JSON array of them, as the lookup command's outputs show.
  lookup_json: (e, columns, { params }) => {
    const last = e.args[e.args.length - 1];
    if (last?.kind !== 'literal' || typeof last.value !== 'string')
      throw new Error('lookup_json needs the output names as its last, literal argument');
    const names = JSON.parse(last.value) as string[];
    const members = columns.map(
      (c, i) =>
        `if(empty(${c}), '', concat(toJSONString(${params.string(names[i] ?? '')}), ':', if(length(${c}) = 1, toJSONString(${c}[1]), toJSONString(${c}))))`,
    );
    return `if(arrayAll(c -> empty(c), [${columns.join(', ')}]), NULL, concat('{', arrayStringConcat(arrayFilter(m -> m != '', [${members.join(', ')}]), ','), '}'))`;
  },
  json_entries: (_e, [json = 'NULL']) => {
    const x = `ifNull(${json}, '')`;
    const entry = `concat('{"key":', toJSONString(p.1), ',"value":', p.2, '}')`;
    return `if(JSONType(${x}) = 'Object', ${arrayOf(`arrayMap(p -> ${entry}, JSONExtractKeysAndValuesRaw(${x}))`)}, NULL)`;
  },
} satisfies Record<string, FunctionPrinter>;
