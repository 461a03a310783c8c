// The generated SPL function reference is fresh, and the registry lists every function of both pages.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { functionsPage, renderFunctionsPage } from '../scripts/functions-doc.ts';
import { evalFunctionList, statsFunctionList } from '../src/functions/index.ts';

test('docs/searching/spl-functions.md is what `npm run docs:functions -w @nexus/spl` writes', async () => {
  assert.equal(
    fs.readFileSync(functionsPage, 'utf8'),
    await renderFunctionsPage(),
    'run `npm run docs:functions -w @nexus/spl`',
  );
});

test('the registry holds every function of the Search Reference 9.4 pages', () => {
  // The pages' function lists ("Evaluation functions", "Statistical and charting functions").
  const evaluation =
    'case cidrmatch coalesce false if in like lookup match null nullif searchmatch true validate ipmask printf tonumber tostring md5 sha1 sha256 sha512 now relative_time strftime strptime time isarray isbool isint isnotnull isnull isnum isobject isstr typeof json json_append json_array json_array_to_mv json_delete json_entries json_extend json_extract json_extract_exact json_has_key_exact json_keys json_object json_set json_set_exact json_valid abs ceiling exact exp floor ln log pi pow round sigfig sqrt sum commands mvappend mvcount mvdedup mvfilter mvfind mvindex mvjoin mvmap mvrange mvsort mvzip mv_to_json_array split avg max min random len lower ltrim replace rtrim spath substr trim upper urldecode acos acosh asin asinh atan atan2 atanh cos cosh hypot sin sinh tan tanh bit_and bit_or bit_not bit_xor bit_shift_left bit_shift_right';
  const statistical =
    'avg count distinct_count dc estdc estdc_error exactperc max mean median min mode perc range stdev stdevp sum sumsq upperperc var varp first last list values earliest earliest_time latest latest_time per_day per_hour per_minute per_second rate rate_avg rate_sum';
  const evalNames = new Set(evalFunctionList.map((f) => f.name));
  const statsNames = new Set(statsFunctionList.map((f) => f.name));
  assert.deepEqual(
    evaluation.split(' ').filter((n) => !evalNames.has(n)),
    [],
  );
  assert.deepEqual(
    statistical.split(' ').filter((n) => !statsNames.has(n)),
    [],
  );
});
