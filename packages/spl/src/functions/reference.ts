// Renders the SPL function reference (docs/searching/spl-functions.md) from the function registry.

import { evalFunctionList, statsFunctionList } from './index.ts';
import type { EvalFunction, StatsFunction } from './types.ts';
import { evalPages, pageUrl, singleValuePages, statsPages } from './types.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function status(f: EvalFunction | StatsFunction): string {
  return f.notYet === undefined ? 'yes' : `not yet (${f.notYet})`;
}

function section<P extends string, F extends EvalFunction | StatsFunction>(
  title: string,
  kind: 'evaluation-functions' | 'statistical-and-charting-functions',
  pages: Readonly<Record<P, string>>,
  list: readonly F[],
  pageOf: (f: F) => P,
): string[] {
  const lines = [`## ${title}`, ''];
  for (const [key, page] of Object.entries(pages) as [P, string][]) {
    const fns = list.filter((f) => pageOf(f) === key).sort((a, b) => a.name.localeCompare(b.name));
    if (fns.length === 0) continue;
    lines.push(
      `### [${page}](${pageUrl(kind, page)})`,
      '',
      '| function | compiles | what it does |',
      '| --- | --- | --- |',
    );
    for (const f of fns) lines.push(`| \`${cell(f.signature)}\` | ${cell(status(f))} | ${cell(f.doc)} |`);
    lines.push('');
  }
  return lines;
}

/** The whole page, as `npm run docs:functions -w @nexus/spl` writes it. */
export function functionsReference(): string {
  const evalCount = evalFunctionList.length;
  const evalDone = evalFunctionList.filter((f) => f.notYet === undefined).length;
  const statsCount = statsFunctionList.length;
  const statsDone = statsFunctionList.filter((f) => f.notYet === undefined).length;
  return [
    '# SPL functions',
    '',
    '<!-- Generated from packages/spl/src/functions by `npm run docs:functions -w @nexus/spl`; do not edit. -->',
    '',
    'Every function of Splunk\'s Search Reference 9.4 pages "Evaluation functions" and "Statistical and',
    'charting functions", with whether Nexus compiles it. Evaluation functions work in `eval`, `where`,',
    '`fieldformat` and inside `eval(…)` of aggregations; statistical functions in `stats`, `chart`, `timechart`,',
    '`eventstats` and `streamstats`.',
    '',
    'Multivalue arguments: the multivalue, statistical, informational, conditional and JSON functions read',
    'every value of a multivalue field. The functions of the other pages take one value: given a multivalue',
    `field (a list made in the search or a field sent as a list), they read its first value (pages: ${[...singleValuePages].map((p) => evalPages[p]).join(', ')}).`,
    'Arithmetic on a multivalue field is null; on a field holding one value (such as `values(x)` of one value) it uses that value.',
    '',
    `Evaluation functions: ${evalDone} of ${evalCount} compile. Statistical and charting functions: ${statsDone} of ${statsCount} compile.`,
    '',
    ...section('Evaluation functions', 'evaluation-functions', evalPages, evalFunctionList, (f) => f.page),
    ...section(
      'Statistical and charting functions',
      'statistical-and-charting-functions',
      statsPages,
      statsFunctionList,
      (f) => f.page,
    ),
  ].join('\n');
}
