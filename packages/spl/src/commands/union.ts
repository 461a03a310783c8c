// `union`: merges the results of datasets or subsearches (interleaved by time when all are streaming).

import { int } from '../analyse/options.ts';
import type { GenericCommand } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import { concatAll } from '../plan/append.ts';
import { datasetWord, mergeByTime, readDataset, streaming } from '../plan/datasets.ts';
import type { State } from '../plan/index.ts';
import type { CommandModule, PlanContext } from './types.ts';

/** The Search Reference's default `maxout` of union's non-streaming datasets. */
const unionMaxout = 50_000;

/** Each dataset of `union`, planned in order; undefined when one cannot be (the diagnostics say why). */
function datasets(c: GenericCommand, ctx: PlanContext): { states: State[]; maxout: number } | undefined {
  const states: (State | undefined)[] = [];
  let maxout = unionMaxout;
  for (const a of c.args) {
    if (a.kind === 'option') {
      if (a.key.name.toLowerCase() === 'maxout') maxout = Number(a.value.text);
    } else if (a.kind === 'generic-subsearch') {
      states.push(ctx.planPipeline(a.pipeline));
    } else {
      const ds = a.kind === 'generic-word' && !a.quoted ? datasetWord(a.text, a.span) : undefined;
      if (ds) states.push(readDataset(ds.type, ds.name, a.span, ctx));
      else {
        ctx.errors.push(
          diagnostic('semantic', '`union` takes datasets: subsearches or `<dataset-type>:<name>`', a.span, [
            'for example `union [search index=main] inputlookup:users`',
          ]),
        );
        states.push(undefined);
      }
    }
  }
  return states.every((s): s is State => s !== undefined) ? { states, maxout } : undefined;
}

/**
 * Streaming datasets (raw events, streaming commands only) are interleaved by `_time`, newest first, like
 * `multisearch`; otherwise the first dataset's rows come first and every other one follows, cut to `maxout`
 * rows, like `append`.
 */
function merge(states: State[], maxout: number): State | undefined {
  if (states.every(streaming)) return mergeByTime(states);
  return concatAll(states, maxout > 0 ? maxout : undefined);
}

export const union: CommandModule<'generic'> = {
  name: 'union',
  kind: 'generic',
  status: 'partly',
  generating: true,
  options: { placement: 'anywhere', options: { maxout: int, maxtime: int, timeout: int } },
  doc: {
    summary:
      'Merges the results of datasets or subsearches; streaming ones are interleaved by time, newest first.',
    syntax: 'union [maxout=<int>] <dataset>…',
    example: '| union [search index=main status=500] [search index=audit] | stats count BY index',
    differences: [
      'Named datasets are lookup tables (`lookup:<table>`, `inputlookup:<table>`); saved searches and data models are not supported.',
    ],
  },
  source(c, ctx) {
    const all = datasets(c, ctx);
    if (!all) return undefined;
    if (all.states.length < 2) {
      ctx.errors.push(
        diagnostic('semantic', '`union` needs at least two datasets when it starts a search', c.name.span),
      );
      return undefined;
    }
    return merge(all.states, all.maxout);
  },
  lower(c, s, ctx) {
    const all = datasets(c, ctx);
    if (!all) return s;
    if (all.states.length === 0) {
      ctx.errors.push(diagnostic('semantic', '`union` needs at least one dataset', c.name.span));
      return s;
    }
    // The incoming results are the first dataset.
    return merge([s, ...all.states], all.maxout) ?? s;
  },
};
