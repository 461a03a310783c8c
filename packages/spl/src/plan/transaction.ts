// Lowers `transaction`: events grouped by field values and Splunk's sequential constraints.
//
// Output choice: transactions stay events. `_time`, `_raw`, the transaction fields, `duration`,
// `eventcount` (and `closed_txn`) are columns; every other field of the members — structured fields and
// the input's other columns (`host`, `index`, eval results …) — is merged into the transaction's
// structured fields (`_fields`), so any later command reads them by name, as after a search.

import type { CommandOption, TransactionBound, TransactionCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, ScalarType, Transaction } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { toMv } from './coerce.ts';
import { lowerEval } from './eval.ts';
import { exprContext, optionNumber, truthy } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';
import { Scope, reservedNames } from './scope.ts';
import { extractTimeModifiers, lowerSearch } from './search.ts';
import { withoutSeries } from './pivot.ts';

/** Seconds per unit of `maxspan`/`maxpause` (`<int>[s|m|h|d]`, a bare number is seconds). */
const durationUnits: Readonly<Record<string, number>> = {
  '': 1,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
};

/** Options Nexus does not implement at all. */
const notImplemented = new Set(['name', 'fields']);

/** `maxspan=`/`maxpause=` in milliseconds; null for a negative value (no limit). */
function durationMs(o: CommandOption, errors: Diagnostic[]): number | null | undefined {
  const m = /^(-?\d+(?:\.\d+)?)([a-z]*)$/i.exec(o.value.text);
  const unit = m ? durationUnits[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || unit === undefined) {
    errors.push(
      diagnostic(
        'semantic',
        `\`${o.key.name}\` takes a duration in seconds, minutes, hours or days, such as \`30s\`, \`5m\`, \`1h\`, \`1d\` or \`-1\`, found \`${o.value.text}\``,
        o.value.span,
      ),
    );
    return undefined;
  }
  const n = Number(m[1]);
  return n < 0 ? null : Math.round(n * unit * 1000);
}

/** `startswith=`/`endswith=` as a two-valued predicate over the events. */
function boundPredicate(
  b: TransactionBound,
  s: State,
  options: PlanOptions,
  errors: Diagnostic[],
): Expr | null {
  if (b.kind === 'transaction-eval') {
    const e = lowerEval(b.expr, exprContext(s, options, errors));
    if (e.type !== 'bool' && e.type !== 'null') {
      errors.push(
        diagnostic(
          'semantic',
          `\`${b.key.name}=eval(…)\` needs a Boolean expression, such as \`x > 1\``,
          b.span,
        ),
      );
    }
    // A null condition (a missing field) does not match.
    return call('coalesce', [e, lit(false)], 'bool', b.span);
  }
  const { rest, time } = extractTimeModifiers(b.expr, errors);
  for (const v of [time.earliest, time.latest]) {
    if (v) {
      errors.push(
        diagnostic('unsupported', `a time modifier in \`${b.key.name}\` is not supported yet`, v.span),
      );
    }
  }
  return rest ? lowerSearch(rest, { scope: s.scope, diagnostics: errors }) : null;
}

/**
 * `transaction [fields] [maxspan=] [maxpause=] [maxevents=] [startswith=] [endswith=] [connected=]
 * [unifyends=] [keeporphans=] [keepevicted=] [maxopentxn=] [maxopenevents=] [mvlist=] [mvraw=] [delim=]
 * [nullstr=]`.
 *
 * `unifyends` defaults to the value of `connected`, as the Search Reference says.
 */
export function transaction(
  c: TransactionCommand,
  s: State,
  options: PlanOptions,
  errors: Diagnostic[],
): State {
  if (!withoutSeries(c.name, [s], errors)) return s;
  let maxSpanMs: number | null = null;
  let maxPauseMs: number | null = null;
  let maxEvents: number | null = 1000;
  let keepEvicted = false;
  let connected = true;
  let unifyEnds: boolean | null = null;
  let keepOrphans = false;
  let maxOpenTxn: number | null = null;
  let maxOpenEvents: number | null = null;
  let mvList = false;
  let nullStr = 'NULL';
  let mvRaw = false;
  // The page's default: a space.
  let delim = ' ';
  for (const o of c.options) {
    const key = o.key.name.toLowerCase();
    const text = o.value.text;
    if (key === 'maxspan' || key === 'maxpause') {
      const ms = durationMs(o, errors);
      if (ms === undefined) continue;
      if (key === 'maxspan') maxSpanMs = ms;
      else maxPauseMs = ms;
    } else if (key === 'maxevents') {
      const n = Number(text);
      if (!Number.isInteger(n) || n === 0) {
        errors.push(
          diagnostic(
            'semantic',
            `\`maxevents\` must be a whole number ≥ 1, or negative for no limit, found \`${text}\``,
            o.value.span,
          ),
        );
      } else maxEvents = n < 0 ? null : n;
    } else if (key === 'keepevicted') keepEvicted = truthy(text);
    else if (key === 'mvlist') {
      if (/^(t|f|true|false|1|0|yes|no)$/i.test(text)) mvList = truthy(text);
      else {
        errors.push(
          diagnostic('unsupported', '`mvlist=` with a list of fields is not supported yet', o.span, [
            'use `mvlist=t` or `mvlist=f`',
          ]),
        );
      }
    } else if (key === 'nullstr') nullStr = text;
    else if (key === 'mvraw') mvRaw = truthy(text);
    else if (key === 'delim') delim = text;
    else if (key === 'connected') connected = truthy(text);
    else if (key === 'unifyends') unifyEnds = truthy(text);
    else if (key === 'keeporphans') keepOrphans = truthy(text);
    else if (key === 'maxopentxn') maxOpenTxn = optionNumber(o, errors, 1) ?? null;
    else if (key === 'maxopenevents') maxOpenEvents = optionNumber(o, errors, 1) ?? null;
    else if (notImplemented.has(key)) {
      errors.push(diagnostic('unsupported', `\`transaction ${key}=\` is not supported yet`, o.span));
    }
  }

  if (s.scope.columns.find((x) => x.name === '_time')?.type !== 'time') {
    errors.push(
      diagnostic('unsupported', '`transaction` needs events with their `_time`', c.name.span, [
        'use `transaction` before commands that remove or change `_time`',
      ]),
    );
    return s;
  }
  const changes = s.scope.structuredChanges();
  for (const span of s.scope.raw ? s.scope.extractions : []) {
    errors.push(
      diagnostic(
        'unsupported',
        '`transaction` after extracting fields without naming them (`spath` without a path, `xmlkv`) is not supported yet',
        span,
      ),
    );
  }
  if (s.scope.raw && changes.droppedPatterns.length > 0) {
    errors.push(
      diagnostic(
        'unsupported',
        '`transaction` after removing structured fields by wildcard (`fields - x*`) is not supported yet',
        c.name.span,
      ),
    );
  }
  if (s.scope.raw && changes.renamed) {
    errors.push(
      diagnostic(
        'unsupported',
        '`transaction` after renaming structured fields with wildcards is not supported yet',
        c.name.span,
      ),
    );
  }

  const keys: { name: string; expr: Expr }[] = [];
  for (const f of c.fields) {
    if (f.pattern.includes('*')) {
      errors.push(
        diagnostic('unsupported', 'wildcard fields in `transaction` are not supported yet', f.span),
      );
    } else if (reservedNames.has(f.pattern) || f.pattern === '_time' || f.pattern === '_raw') {
      errors.push(diagnostic('semantic', `\`${f.pattern}\` cannot be a transaction field`, f.span));
    } else if (!keys.some((k) => k.name === f.pattern)) {
      keys.push({ name: f.pattern, expr: s.scope.resolve(f.pattern, f.span) });
    }
  }

  const keyNames = new Set(keys.map((k) => k.name));
  const merged = s.scope.columns
    .filter((x) => x.name !== '_time' && x.name !== '_raw' && !keyNames.has(x.name))
    .map((x) => ({ name: x.name, values: toMv(s.scope.resolve(x.name)) }));
  const rel: Transaction = {
    kind: 'transaction',
    input: s.rel,
    keys,
    startsWith: c.startswith ? boundPredicate(c.startswith, s, options, errors) : null,
    endsWith: c.endswith ? boundPredicate(c.endswith, s, options, errors) : null,
    maxSpanMs,
    maxPauseMs,
    maxEvents,
    keepEvicted,
    connected,
    unifyEnds: unifyEnds ?? connected,
    keepOrphans,
    maxOpenTxn,
    maxOpenEvents,
    mvList,
    nullStr,
    rawDelim: mvRaw ? delim : '\n',
    merged,
    hidden: [...new Set([...changes.dropped, ...keyNames, ...merged.map((m) => m.name), '_time', '_raw'])],
    time: s.scope.resolve('_time'),
    raw: s.scope.has('_raw') ? s.scope.resolve('_raw') : null,
  };
  const typeOf = (e: Expr): ScalarType => (e.type === 'null' ? 'any' : e.type);
  const columns: { name: string; type: ScalarType }[] = [
    { name: '_time', type: 'time' },
    ...(rel.raw ? [{ name: '_raw', type: 'any' as const }] : []),
    ...keys.map((k) => ({ name: k.name, type: typeOf(k.expr) })),
    { name: 'duration', type: 'number' },
    { name: 'eventcount', type: 'number' },
    ...(keepEvicted ? [{ name: 'closed_txn', type: 'number' as const }] : []),
    ...(keepOrphans ? [{ name: '_txn_orphan', type: 'number' as const }] : []),
  ];
  return { rel, scope: Scope.rawEvents().project(columns, true) };
}
