// `anomalies`: how unexpected each event is given the previous `maxvalues` events, by Splunk's formula
// (s(P and X) − s(P)) / (s(P) + s(X)) with Nexus's own s(): the number of distinct 3-grams of characters.
// Two window aggregates over the results' order count the n-grams of the previous events with and without
// the event: one SQL statement.

import { bool, number, positive, str } from '../analyse/options.ts';
import type { CommandOption } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import { optionNumber, truthy } from '../plan/helpers.ts';
import { withPositions } from '../plan/streamstats.ts';
import type { Word } from '../plan/streaming.ts';
import { agg, argsOf, finish, materialize, windowed } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

/**
 * The length of the n-grams s() counts, chosen over 3,000 log lines of five formats (access, Java, sshd,
 * logfmt, JSON) with odd ones put in: an OOM kill, a Go panic, a sudo refusal, a known logfmt line with
 * another tenant, a known Java line with other digits. 3-grams ranked the three foreign lines 1–3 with the
 * widest margins (0.12, 0.10, 0.07), the other tenant 87th at 0.011 (above the default threshold 0.01), the
 * other digits 0, and 5 % of ordinary lines passed 0.01. 2-grams left the other tenant below 0.01 (0.006);
 * 4-grams ranked it 456th and let 12 % of ordinary lines (their random ids) pass, 5-grams 16 %.
 */
export const NGRAM = 3;
/** The characters of the field s() reads (its first ones): bounds each event's work and its set's size. */
export const MAX_CHARS = 1000;
/** The most previous events `maxvalues` may ask for: each event's work grows with it. */
export const MAX_VALUES = 10_000;

const defaults = { threshold: 0.01, maxvalues: 100 } as const;

/** The options as given, with Splunk's defaults. */
interface Options {
  readonly threshold: number;
  readonly labelonly: boolean;
  readonly normalize: boolean;
  readonly maxvalues: number;
  readonly field: { readonly name: string; readonly span?: Span };
}

function readOptions(options: readonly CommandOption[], errors: Diagnostic[]): Options | undefined {
  let threshold: number = defaults.threshold;
  let labelonly = false;
  let normalize = true;
  let maxvalues: number = defaults.maxvalues;
  let field: Options['field'] = { name: '_raw' };
  for (const o of options) {
    const v = o.value.text;
    switch (o.key.name.toLowerCase()) {
      case 'threshold':
        threshold = Number(v);
        break;
      case 'labelonly':
        labelonly = truthy(v);
        break;
      case 'normalize':
        normalize = truthy(v);
        break;
      case 'maxvalues': {
        const n = optionNumber(o, errors, 1);
        if (n === undefined) return undefined;
        if (n > MAX_VALUES) {
          errors.push(
            diagnostic(
              'semantic',
              `\`maxvalues\` is at most ${MAX_VALUES} (each event is compared with that many before it), found \`${v}\``,
              o.value.span,
            ),
          );
          return undefined;
        }
        maxvalues = n;
        break;
      }
      case 'field':
        field = { name: v, span: o.value.span };
        break;
      case 'blacklist':
        errors.push(
          diagnostic(
            'unsupported',
            '`blacklist` is not supported: Splunk reads it from a CSV file on the search head and matches events to it by its unpublished similarity, which Nexus cannot reproduce',
            o.span,
            ['filter the expected events out before `anomalies` instead'],
          ),
        );
        return undefined;
      // blacklistthreshold only applies to a blacklist; without one it changes nothing.
    }
  }
  return { threshold, labelonly, normalize, maxvalues, field };
}

/** `by <field>…` (names separated by spaces or commas); undefined after a diagnostic. */
function byFields(words: readonly Word[], errors: Diagnostic[]): Word[] | undefined {
  const [first, ...rest] = words;
  if (first === undefined) return [];
  if (first.quoted || first.text.toLowerCase() !== 'by') {
    errors.push(
      diagnostic(
        'syntax',
        `\`anomalies\` takes options and \`by <field>…\`, found \`${first.text}\``,
        first.span,
        ['for example `anomalies threshold=0.05 by host`'],
      ),
    );
    return undefined;
  }
  const fields = rest.flatMap((w) =>
    w.text
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '')
      .map((text) => ({ ...w, text })),
  );
  if (fields.length === 0) {
    errors.push(diagnostic('syntax', 'expected the fields to group by after `by`', first.span));
    return undefined;
  }
  return fields;
}

export const anomalies: CommandModule<'generic'> = {
  name: 'anomalies',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      threshold: number,
      labelonly: bool,
      normalize: bool,
      maxvalues: positive,
      field: str,
      blacklist: str,
      blacklistthreshold: number,
    },
  },
  doc: {
    summary:
      'Scores how unexpected each event is given the previous events (`unexpectedness`) and keeps those above `threshold`.',
    syntax:
      'anomalies [threshold=<num>] [labelonly=<bool>] [normalize=<bool>] [maxvalues=<int>] [field=<field>] [by <field>…]',
    example: 'index=main sourcetype=syslog | anomalies threshold=0.03 | table _time unexpectedness _raw',
    differences: [
      `Splunk does not publish the similarity s() of its formula (s(P and X) − s(P)) / (s(P) + s(X)); Nexus’s s() of a set of texts is the number of distinct ${NGRAM}-grams of characters (hashed to 64 bits) of the texts together, a measure of how much text they hold without repeats. So unexpectedness(X) is the number of X’s ${NGRAM}-grams that none of the previous events has, divided by the previous events’ distinct ${NGRAM}-grams plus X’s: 0 when X brings nothing new, 1 for the first event. Scores, and so the events kept at a given threshold, differ from Splunk’s.`,
      `s() reads the first ${MAX_CHARS} characters of the field (the rest of a longer value is not compared), with a space before and after them, so that a value shorter than ${NGRAM} characters (a status code, a user name) still has ${NGRAM}-grams.`,
      'Like Splunk’s, the cost grows linearly with `maxvalues`: ClickHouse adds each of the previous events’ n-grams again for every event (measured with chDB on 100,000 log lines on a loaded 2-core machine: 0.1–0.3 s per 1,000 events at the default 100, 0.02–0.05 s at 10, by the load).',
      `The previous events are the \`maxvalues\` events before this one in the results’ order (newest first for events, as Splunk processes them) that have the field; \`maxvalues\` may be at most ${MAX_VALUES}. An event without the field gets no score and is kept only with \`labelonly=true\`.`,
      'An event scoring exactly `threshold` is dropped: the page calls an event anomalous when its score is greater than the threshold (it also says that events below it are removed, leaving a tie open).',
      'With `by`, each combination of the fields’ values is scored among its own events; an event missing one of them gets no score.',
      '`blacklist` (a CSV file on Splunk’s search head, matched by Splunk’s similarity) is refused; `blacklistthreshold` without it changes nothing.',
    ],
  },
  lower(c, s, ctx) {
    const options: CommandOption[] = [];
    const words: Word[] = [];
    for (const a of argsOf(c, ctx.errors)) {
      if (a.kind === 'option') options.push(a.option);
      else if (a.kind === 'word') words.push(a.word);
      else {
        ctx.errors.push(diagnostic('syntax', '`anomalies` takes no `( … )` group', a.span));
        return s;
      }
    }
    const o = readOptions(options, ctx.errors);
    const by = byFields(words, ctx.errors);
    if (!o || !by) return s;
    const value = toStr(s.scope.resolve(o.field.name, o.field.span));
    const grams = call('ngram_set', [value, lit(NGRAM), lit(o.normalize), lit(MAX_CHARS)], 'any', c.span);
    const { rel: withGrams, value: set } = materialize(s.rel, '__anom_grams', grams);
    // One order for both windows, even where events share a time.
    const { rel: positioned, positions } = withPositions(withGrams);
    // Events without the field are neither scored nor among the previous events of the others.
    const partition: Expr[] = [
      call('isnull', [value], 'bool'),
      ...by.map((w) => s.scope.resolve(w.text, w.span)),
    ];
    const before = windowed(
      positioned,
      [agg('__anom_p', 'dc_set', set, 'number')],
      { size: o.maxvalues, positions, current: false },
      partition,
    );
    const withX = windowed(
      before,
      [agg('__anom_px', 'dc_set', set, 'number')],
      { size: o.maxvalues + 1, positions },
      partition,
    );
    const p = col('__anom_p', 'number');
    const score = call(
      'div',
      [
        call('sub', [col('__anom_px', 'number'), p], 'number'),
        call('add', [p, call('set_size', [set], 'number')], 'number'),
      ],
      'number',
      c.span,
    );
    const missing = call('isnull', [value], 'bool');
    let rel: Rel = {
      kind: 'compute',
      input: withX,
      name: 'unexpectedness',
      expr: call('if', [missing, lit(null), score], 'number', c.span),
    };
    // Anomalous: above the threshold (Splunk: "greater than the threshold value").
    if (!o.labelonly) {
      const above = call('gt', [col('unexpectedness', 'number'), lit(o.threshold)], 'bool', c.span);
      rel = { kind: 'filter', input: rel, predicate: call('coalesce', [above, lit(false)], 'bool') };
    }
    return finish(rel, s.scope.with('unexpectedness', 'number'), s.scope);
  },
};
