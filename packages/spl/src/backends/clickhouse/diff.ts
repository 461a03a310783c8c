// ClickHouse SQL for `diff`: a unified diff of two texts, line by line, as one expression.
//
// The lines the texts share at the start and at the end are kept as they are; the lines between are
// compared with a longest-common-subsequence table built by `arrayFold` (a row per line of the first text,
// from the last), walked from the first lines to list each line as kept (` `), removed (`-`) or added (`+`).
// Lines within 3 of a change make the hunks, each under its `@@ -start,count +start,count @@` header
// (Python's difflib writes the same).

import type { Call, Expr } from '../../ir/types.ts';
import type { FunctionPrinter } from './functions.ts';

/** Unified diff's lines of context around a change (diff -u, difflib). */
const CONTEXT = 3;

function literalOf(e: Expr | undefined): string | number | boolean | null {
  if (e?.kind !== 'literal') throw new Error('expected a literal argument');
  return e.value;
}

/** `body` with each name bound to its value once (ClickHouse has no `let` in expressions: a one-element map). */
function bind(names: readonly string[], values: readonly string[], body: string): string {
  return `arrayMap((${names.join(', ')}) -> ${body}, ${values.map((v) => `[${v}]`).join(', ')})[1]`;
}

/** difflib's range of a hunk: `start` alone for one line, `start-1,0` for none, else `start,count`. */
function range(start: string, count: string): string {
  return `if(${count} = 1, toString(${start}), if(${count} = 0, concat(toString(${start} - 1), ',0'), concat(toString(${start}), ',', toString(${count}))))`;
}

/**
 * `unified_diff(texts, position1, position2, diffheader, maxlen, maxlines, message)`: the diff of the texts
 * at the two (1-based) positions of the list; the texts cut to `maxlen` bytes (0: whole); the statement stops
 * with `message` when more than `maxlines` lines of either text lie between the shared first and last lines.
 * Empty when the texts have the same lines.
 */
export const diffPrinters: Record<'unified_diff', FunctionPrinter> = {
  unified_diff: (e: Call, [texts = 'NULL'], { params }) => {
    const [, p1, p2, header, maxlen, maxLines, message] = e.args.map((a, i) => (i === 0 ? '' : literalOf(a)));
    const cut = (p: unknown): string => {
      const text = `ifNull(${texts}[${Number(p)}], '')`;
      return Number(maxlen) > 0 ? `substring(${text}, 1, ${Number(maxlen)})` : text;
    };
    const n = 'length(dA)';
    const m = 'length(dB)';
    // The table: dT[i][j] = the longest common subsequence of lines i… of dX and j… of dY.
    const table = `arrayFold((acc, i) -> arrayPushFront(acc, arrayFold((row, j) -> arrayPushFront(row, toUInt32(if(dX[i] = dY[j], acc[1][j + 1] + 1, greatest(acc[1][j], row[1])))), arrayReverse(range(1, length(dY) + 1)), [toUInt32(0)])), arrayReverse(range(1, length(dX) + 1)), [arrayWithConstant(length(dY) + 1, toUInt32(0))])`;
    const op = (kind: string, line: string, i: string, j: string): string =>
      `('${kind}', ${line}, toUInt64(${i} + dP), toUInt64(${j} + dP))`;
    const walk = `arrayFold((st, k) -> if(st.1 > length(dX) AND st.2 > length(dY), st, if(st.1 <= length(dX) AND st.2 <= length(dY) AND dX[st.1] = dY[st.2], (st.1 + 1, st.2 + 1, arrayPushBack(st.3, ${op(' ', 'dX[st.1]', 'st.1', 'st.2')})), if(st.2 <= length(dY) AND (st.1 > length(dX) OR dT[st.1][st.2 + 1] > dT[st.1 + 1][st.2]), (st.1, st.2 + 1, arrayPushBack(st.3, ${op('+', 'dY[st.2]', 'st.1', 'st.2')})), (st.1 + 1, st.2, arrayPushBack(st.3, ${op('-', 'dX[st.1]', 'st.1', 'st.2')}))))), range(length(dX) + length(dY)), (toUInt64(1), toUInt64(1), CAST([], 'Array(Tuple(String, String, UInt64, UInt64))'))).3`;
    const kept = (count: string, offsetA: string, offsetB: string): string =>
      `arrayMap(k -> (' ', dA[k + ${offsetA}], toUInt64(k + ${offsetA}), toUInt64(k + ${offsetB})), range(1, ${count} + 1))`;
    const ops = `arrayConcat(${kept('dP', '0', '0')}, ${walk}, ${kept('dS', `${n} - dS`, `${m} - dS`)})`;
    // Lines within CONTEXT of a change, and hunks numbered by the runs of such lines.
    const near = `arrayMap(k -> arrayExists(o -> o.1 != ' ', arraySlice(dO, greatest(1, k - ${CONTEXT}), k + ${CONTEXT} - greatest(1, k - ${CONTEXT}) + 1)), arrayEnumerate(dO))`;
    const ids =
      'arrayCumSum(arrayMap(k -> toUInt32(dN[k] AND (k = 1 OR NOT dN[k - 1])), arrayEnumerate(dN)))';
    const count = (not: string): string => `length(arrayFilter(o -> o.1 != '${not}', dH))`;
    const hunk = `arrayPushFront(arrayMap(o -> concat(o.1, o.2), dH), concat('@@ -', ${range('dH[1].3', count('+'))}, ' +', ${range('dH[1].4', count('-'))}, ' @@'))`;
    const hunks = `arrayFlatten(arrayMap(h -> ${bind(['dH'], ['arrayFilter((o, id, inc) -> inc AND id = h, dO, dI, dN)'], hunk)}, range(1, toUInt32(arrayMax(arrayPushBack(dI, 0))) + 1)))`;
    const withHeader =
      header === true
        ? `if(empty(dL), dL, arrayConcat([concat('--- ', ${params.string(String(p1))}), concat('+++ ', ${params.string(String(p2))})], dL))`
        : 'dL';
    const lines = bind(['dL'], [hunks], `arrayStringConcat(${withHeader}, '\\n')`);
    const diffed = bind(['dO'], [ops], bind(['dN'], [near], bind(['dI'], [ids], lines)));
    // The shared first (dP) and last (dS) lines, and the lines between (dX, dY).
    const shared = `least(${n}, ${m})`;
    const mismatch = (a: string, b: string, len: string): string =>
      `arrayFirstIndex((x, y) -> x != y, arrayResize(${a}, ${len}), arrayResize(${b}, ${len}))`;
    const prefix = `if(${mismatch('dA', 'dB', shared)} = 0, ${shared}, toUInt64(${mismatch('dA', 'dB', shared)} - 1))`;
    const rest = `toUInt64(${shared} - dP)`;
    const suffix = `if(${mismatch('arrayReverse(dA)', 'arrayReverse(dB)', rest)} = 0, ${rest}, toUInt64(${mismatch('arrayReverse(dA)', 'arrayReverse(dB)', rest)} - 1))`;
    const middle = (x: string, len: string): string => `arraySlice(${x}, dP + 1, ${len} - dP - dS)`;
    const tooLong = `length(dX) > ${Number(maxLines)} OR length(dY) > ${Number(maxLines)}`;
    const checked = `if(throwIf(${tooLong}, ${params.string(String(message))}) = 0, ${bind(['dT'], [table], diffed)}, '')`;
    const body = bind(
      ['dP'],
      [prefix],
      bind(['dS'], [suffix], bind(['dX', 'dY'], [middle('dA', n), middle('dB', m)], checked)),
    );
    return `if(length(${texts}) < ${Math.max(Number(p1), Number(p2))}, NULL, ${bind(['dA', 'dB'], [`splitByChar('\\n', ${cut(p1)})`, `splitByChar('\\n', ${cut(p2)})`], body)})`;
  },
};
