// `cluster`: groups events by the similarity of their text (Splunk's simple log clustering). Each event, in
// event order, joins the most similar cluster found so far when the similarity reaches the threshold `t`,
// and starts a new cluster otherwise; clusters are labelled 1, 2, … in the order they start.
//
// One statement: the events' terms are collected into one array (IR `collect`) and folded into the events
// that start a cluster (`cluster_reps`, backends/clickhouse/models.ts); each event is joined to them and
// finds its cluster among those started before it or by it (`cluster_label`), which is the cluster the fold
// put it in.

import { bool, number, str } from '../analyse/options.ts';
import type { CommandOption } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import { onlyOptions, truthy } from '../plan/helpers.ts';
import { modelRow, withModel, without } from '../plan/model.ts';
import type { CommandModule } from './types.ts';

/** The most events `cluster` groups: their terms are held in memory together. */
export const clusterMaxEvents = 50_000;

/** Hidden columns: the event's position and terms, the cluster starts, the collected events. */
const position = '__cluster_pos';
const terms = '__cluster_terms';
const starts = '__cluster_starts';
const events = '__cluster_events';
const count = '__cluster_n';
const first = '__cluster_first';

export const cluster: CommandModule<'generic'> = {
  name: 'cluster',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      t: number,
      delims: str,
      showcount: bool,
      countfield: str,
      labelfield: str,
      field: str,
      labelonly: bool,
      match: { type: 'enum', values: ['termlist', 'termset', 'ngramset'] },
    },
  },
  doc: {
    summary:
      'Groups events by the similarity of their text: one event per cluster with its label (`cluster_label`), or every event labelled (`labelonly=true`), with the cluster size on request (`showcount=true`).',
    syntax:
      'cluster [t=<num>] [delims=<string>] [showcount=<bool>] [countfield=<field>] [labelfield=<field>] [field=<field>] [labelonly=<bool>] [match=termlist|termset|ngramset]',
    example: 'index=main | cluster t=0.9 showcount=true',
    differences: [
      'The similarity is Nexus’s own measure, as Splunk does not document its own: with `termlist` the share of positions that hold the same term (of the longer list of terms), with `termset` and `ngramset` the share of the union of the two sets of terms (or of 3-character substrings) that they have in common. Events near the threshold can fall into other clusters than in Splunk.',
      'Each event is compared with the first event of each cluster found so far, in event order (newest first); events of the same `_time` are taken in the order of their text.',
      'Terms are split at every character that is not a letter or digit (A–Z, a–z, 0–9), or at the characters of `delims`; letter case matters.',
      `At most ${clusterMaxEvents.toLocaleString('en-US')} events are clustered (the search stops with an error beyond); events without the field are left out.`,
    ],
  },
  lower(c, s, ctx) {
    const options = onlyOptions(c, 't=0.9', ctx.errors);
    const option = (name: string): CommandOption | undefined =>
      options.findLast((o) => o.key.name.toLowerCase() === name);
    const t = option('t');
    const threshold = Number(t?.value.text ?? '0.8');
    if (t && !(threshold > 0 && threshold < 1)) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`t\` must be a number greater than 0 and less than 1, found \`${t.value.text}\``,
          t.value.span,
        ),
      );
      return s;
    }
    const match = (option('match')?.value.text ?? 'termlist').toLowerCase();
    const delims = option('delims')?.value.text ?? '';
    const labelField = option('labelfield')?.value.text ?? 'cluster_label';
    const countField = option('countfield')?.value.text ?? 'cluster_count';
    const labelOnly = truthy(option('labelonly')?.value.text);
    const showCount = truthy(option('showcount')?.value.text);
    const fieldOption = option('field');
    const text = toStr(s.scope.resolve(fieldOption?.value.text ?? '_raw', fieldOption?.value.span));

    // Events without the field are left out; the others numbered in event order (then by their text).
    const kept: Rel = { kind: 'filter', input: s.rel, predicate: call('isnotnull', [text], 'bool') };
    const numbered: Rel = {
      kind: 'window',
      input: kept,
      partition: [],
      aggregates: [{ name: position, fn: 'count', type: 'number' }],
      running: { size: 0, current: true, tiebreak: text },
    };
    const termsOf = call('cluster_terms', [text, lit(match), lit(delims)], 'any');
    const withTerms: Rel = { kind: 'compute', input: numbered, name: terms, expr: termsOf };

    // The events that start a cluster, from all the events at once (no row without events). Only the first
    // event of the same terms can start one (a later one is as similar to the cluster the first joined or
    // started), so the fold reads each distinct list of terms once, at its first event.
    const distinct: Rel = {
      kind: 'aggregate',
      input: withTerms,
      groups: [{ name: terms, expr: col(terms, 'any') }],
      aggregates: [
        { name: position, fn: 'min', arg: col(position, 'number'), type: 'number' },
        { name: count, fn: 'count', type: 'number' },
      ],
    };
    const collected: Rel = {
      kind: 'aggregate',
      input: distinct,
      groups: [],
      aggregates: [
        {
          name: events,
          fn: 'collect',
          arg: call('cluster_event', [col(position, 'number'), col(terms, 'any')], 'any'),
          type: 'any',
        },
        { name: count, fn: 'sum', arg: col(count, 'number'), type: 'number' },
      ],
    };
    const message = `cluster groups at most ${clusterMaxEvents.toLocaleString('en-US')} events; narrow the search first`;
    const model = modelRow(
      collected,
      count,
      clusterMaxEvents,
      message,
      starts,
      call('cluster_reps', [col(events, 'any'), lit(threshold), lit(match)], 'any'),
    );

    // Each event with the cluster starts, and labelled.
    const joined = withModel(
      { rel: withTerms, scope: s.scope.with(position, 'number').with(terms, 'any') },
      model,
      starts,
    );
    const label: Expr = call(
      'cluster_label',
      [col(starts, 'any'), col(position, 'number'), col(terms, 'any'), lit(match)],
      'number',
    );
    let rel: Rel = { kind: 'compute', input: joined.rel, name: labelField, expr: label };
    let scope = joined.scope.with(labelField, 'number');
    if (showCount) {
      rel = {
        kind: 'window',
        input: rel,
        partition: [col(labelField, 'number')],
        aggregates: [{ name: countField, fn: 'count', type: 'number' }],
      };
      scope = scope.with(countField, 'number');
    }
    // By default one event per cluster: its first, the one that started it.
    if (!labelOnly) {
      rel = {
        kind: 'filter',
        input: {
          kind: 'window',
          input: rel,
          partition: [col(labelField, 'number')],
          aggregates: [{ name: first, fn: 'min', arg: col(position, 'number'), type: 'number' }],
        },
        predicate: call('eq', [col(position, 'number'), col(first, 'number')], 'bool'),
      };
      scope = scope.with(first, 'number');
    }
    return without(rel, scope, [position, terms, starts, first]);
  },
};
