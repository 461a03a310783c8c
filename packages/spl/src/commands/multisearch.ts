// `multisearch`: runs several streaming searches at once and interleaves their events, newest first.

import { diagnostic } from '../diagnostics.ts';
import { mergeByTime, onlySubsearches, planAll, streaming, subsearchArgs } from '../plan/datasets.ts';
import type { CommandModule } from './types.ts';

export const multisearch: CommandModule<'generic'> = {
  name: 'multisearch',
  kind: 'generic',
  status: 'supported',
  generating: true,
  doc: {
    summary: 'Runs several streaming searches at once and interleaves their events by time, newest first.',
    syntax: '| multisearch [ <search> ] [ <search> ] …',
    example:
      '| multisearch [search index=main status=500] [search index=audit action=failure] | stats count BY index',
  },
  source(c, ctx) {
    onlySubsearches(c, 'only subsearches, such as `[search index=main]`', ctx.errors);
    const subs = subsearchArgs(c);
    if (subs.length < 2) {
      ctx.errors.push(
        diagnostic('semantic', '`multisearch` needs at least two subsearches', c.name.span, [
          'for one search, write it without `multisearch`',
        ]),
      );
      return undefined;
    }
    const states = planAll(subs, (p) => ctx.planPipeline(p));
    if (!states) return undefined;
    // Splunk runs the subsearches as one search over the indexes: only commands that keep each event
    // (search, eval, where, fields, rex, …) may be in them.
    const before = ctx.errors.length;
    states.forEach((s, i) => {
      const sub = subs[i];
      if (sub && !streaming(s)) {
        ctx.errors.push(
          diagnostic(
            'semantic',
            '`multisearch` subsearches may only contain streaming commands (such as `search`, `eval`, `where`, `fields`, `rex`)',
            sub.span,
            [
              'run the transforming command (`stats`, `sort`, `head`, …) after `multisearch`, or use `append`',
            ],
          ),
        );
      }
    });
    return ctx.errors.length > before ? undefined : mergeByTime(states);
  },
};
