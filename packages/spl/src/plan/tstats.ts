// `tstats`: statistics over the indexed fields of events, or over a data model's dataset (`from datamodel=`).

import type { Aggregation, EvalExpr, Ident, SearchExpr, StatsCommand, TstatsCommand } from '../ast.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { lineage } from '../datamodels/types.ts';
import type { DataModel, Dataset } from '../datamodels/types.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { applyKnowledge, expandTree, withSpan } from '../knowledge/apply.ts';
import { parse } from '../parser/index.ts';
import { parseSpan } from '../time.ts';
import type { TimeRange } from '../analyse/index.ts';
import { tenantScan, truthy } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';
import { Scope } from './scope.ts';
import { extractTimeModifiers, lowerSearch } from './search.ts';
import type { SearchContext } from './search.ts';
import { stats } from './stats.ts';

const OPTIONS = [
  'allow_old_summaries',
  'append',
  'chunk_size',
  'fillnull_value',
  'include_reduced_buckets',
  'local',
  'nodename',
  'prestats',
  'span',
  'summariesonly',
] as const;

/** The dataset a `from datamodel=M[.D]` (or `nodename=`) names, with its lineage; diagnostics when it cannot. */
function datasetOf(
  model: DataModel,
  node: Ident | undefined,
  nodename: string | undefined,
  at: Span,
  errors: Diagnostic[],
): Dataset[] | undefined {
  const wanted = node?.name ?? nodename?.split('.').pop();
  const roots = model.datasets.filter((d) => d.parent === undefined);
  const dataset =
    wanted === undefined
      ? roots.length === 1
        ? roots[0]
        : undefined
      : model.datasets.find((d) => d.name === wanted);
  if (!dataset) {
    errors.push(
      diagnostic(
        'semantic',
        wanted === undefined
          ? `data model \`${model.name}\` has several root datasets: name one, as \`${model.name}.${roots[0]?.name ?? 'Dataset'}\``
          : `data model \`${model.name}\` has no dataset \`${wanted}\``,
        node?.span ?? at,
        nearest(
          wanted ?? '',
          model.datasets.map((d) => d.name),
        ).map((n) => `did you mean \`${model.name}.${n}\`?`),
      ),
    );
    return undefined;
  }
  const chain = lineage(model, dataset);
  if (!chain)
    errors.push(
      diagnostic(
        'semantic',
        `data model \`${model.name}\`: dataset \`${dataset.name}\` has a missing or cyclic parent`,
        at,
      ),
    );
  return chain;
}

/** Field names the command uses: `by` fields, aggregation arguments and the `where` clause's fields. */
function namesUsed(c: TstatsCommand): Set<string> {
  const out = new Set<string>(c.by.map((b) => b.name));
  const evalNames = (e: EvalExpr): void => {
    walk(e, (x) => {
      if (typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'eval-field')
        out.add((x as { name: string }).name);
    });
  };
  for (const a of c.aggregations) {
    if (a.arg?.kind === 'agg-field') out.add(a.arg.field.pattern);
    else if (a.arg?.kind === 'agg-eval') evalNames(a.arg.expr);
  }
  if (c.where)
    walk(c.where, (x) => {
      if (typeof x === 'object' && x !== null && 'field' in x) {
        const f = (x as { field: unknown }).field;
        if (typeof f === 'object' && f !== null && (f as { kind?: unknown }).kind === 'ident')
          out.add((f as Ident).name);
      }
    });
  return out;
}

function walk(x: unknown, visit: (x: unknown) => void): void {
  visit(x);
  if (Array.isArray(x)) for (const y of x) walk(y, visit);
  else if (typeof x === 'object' && x !== null)
    for (const [k, v] of Object.entries(x)) if (k !== 'span') walk(v, visit);
}

function compute(s: State, name: string, expr: Expr): State {
  return {
    rel: { kind: 'compute', input: s.rel, name, expr },
    scope: s.scope.with(name, expr.type === 'null' ? 'any' : expr.type),
  };
}

/**
 * `tstats [options] <agg>… [FROM datamodel=M[.D]] [WHERE <search>] [BY f… [span=…]]` lowered onto `logs`: the
 * tenant's events in the range, with its knowledge objects; with a data model, only the dataset's events (its
 * and its ancestors' constraints) and its fields named `<Dataset>.<field>`; then `stats` (or, with `prestats=t`,
 * the events themselves for a following `stats`/`chart`/`timechart`). `summariesonly` and
 * `allow_old_summaries` choose Splunk's summaries; Nexus reads the events either way (see the service's
 * data model acceleration).
 *
 * @example | tstats count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.dest
 *   // SELECT `Processes.dest`, count() … FROM (… logs WHERE org_id = … AND (tag expansion) …) GROUP BY …
 */
export function tstats(
  c: TstatsCommand,
  text: string,
  options: PlanOptions,
  range: TimeRange,
  subsearch: SearchContext['subsearch'],
  errors: Diagnostic[],
): State | undefined {
  const opt = new Map<string, { value: string; span: Span }>();
  for (const o of c.options) {
    const key = o.key.name.toLowerCase();
    if ((OPTIONS as readonly string[]).includes(key))
      opt.set(key, { value: o.value.text, span: o.value.span });
    else
      errors.push(
        diagnostic(
          'semantic',
          `\`tstats\` has no option \`${o.key.name}\``,
          o.key.span,
          nearest(key, OPTIONS).map((n) => `did you mean \`${n}\`?`),
        ),
      );
  }
  const append = opt.get('append');
  if (append && truthy(append.value))
    errors.push(
      diagnostic('unsupported', '`tstats append=t` is not supported yet', append.span, [
        'combine searches with `append [| tstats …]`',
      ]),
    );

  // The dataset, when the command reads a data model.
  let chain: Dataset[] | undefined;
  let model: DataModel | undefined;
  if (c.from?.kind === 'tstats-namespace') {
    errors.push(
      diagnostic(
        'unsupported',
        '`tstats FROM <namespace>` reads a `tscollect` namespace, which Nexus does not keep',
        c.from.span,
        ['read events with `where index=…`, or a data model with `from datamodel=…`'],
      ),
    );
    return undefined;
  }
  if (c.from?.kind === 'tstats-datamodel') {
    const name = c.from.datamodel.name;
    model = options.datamodels?.get(name);
    if (!model) {
      errors.push(
        diagnostic(
          'semantic',
          `unknown data model \`${name}\``,
          c.from.datamodel.span,
          nearest(name, options.datamodels?.names() ?? []).map((n) => `did you mean \`${n}\`?`),
        ),
      );
      return undefined;
    }
    chain = datasetOf(model, c.from.node, opt.get('nodename')?.value, c.from.span, errors);
    if (!chain) return undefined;
  }

  const where = c.where ? extractTimeModifiers(c.where, []) : undefined;
  for (const v of [where?.time.earliest, where?.time.latest])
    if (v)
      errors.push(
        diagnostic(
          'unsupported',
          "`earliest=`/`latest=` inside `tstats … where` are not supported yet: set the search's time range",
          v.span,
        ),
      );

  const at = c.name.span;
  let state: State = { rel: tenantScan(options, range), scope: Scope.rawEvents() };
  if (options.knowledge)
    state = applyKnowledge(
      state,
      options.knowledge,
      at,
      { nowMs: options.nowMs, timeZone: options.timeZone ?? 'UTC' },
      errors,
    );

  // `<Dataset>.<field>` names read the event's field (every dataset of the lineage, and the model's name, prefix it).
  if (chain && model) {
    const prefixes = new Set([model.name, ...chain.map((d) => d.name)]);
    for (const name of namesUsed(c)) {
      const dot = name.indexOf('.');
      if (dot <= 0 || !prefixes.has(name.slice(0, dot))) continue;
      const base = name.slice(dot + 1);
      // Fields of the model's list and any other field the events carry alike: Splunk would give null for a field
      // the model lacks; Nexus reads it, so a detection written for a newer CIM still finds its field.
      state = compute(state, name, state.scope.resolve(base, at));
    }
  }

  // The dataset's constraints (each ancestor's too) and the `where` clause.
  const filters: SearchExpr[] = [];
  for (const d of chain ?? []) {
    if (d.constraint.trim() === '') continue;
    const parsed = parse(`search ${d.constraint}`);
    const cmd = parsed.ast?.commands[0];
    if (parsed.errors.length > 0 || cmd?.kind !== 'search' || !cmd.expr) {
      errors.push(
        diagnostic(
          'semantic',
          `data model dataset \`${d.name}\`: its constraint \`${d.constraint}\` does not parse`,
          c.from?.span ?? at,
        ),
      );
      continue;
    }
    filters.push(withSpan(cmd.expr, c.from?.span ?? at));
  }
  if (where?.rest) filters.push(where.rest);
  const knowledge = options.knowledge ?? { eventtypes: [], tags: [], props: [], transforms: [] };
  for (const f of filters) {
    const predicate = lowerSearch(expandTree(f, knowledge, errors), {
      scope: state.scope,
      diagnostics: errors,
      subsearch,
    });
    state = { rel: { kind: 'filter', input: state.rel, predicate }, scope: state.scope };
  }

  // span= buckets `_time` as a BY field (aggregations such as `min(_time)` still see each event's own time).
  const spanOpt = opt.get('span');
  const span = spanOpt ? parseSpan(spanOpt.value) : undefined;
  if (spanOpt && !span)
    errors.push(
      diagnostic(
        'semantic',
        `\`span\` must be a time span such as \`1h\`, found \`${spanOpt.value}\``,
        spanOpt.span,
      ),
    );
  const fill = opt.get('fillnull_value');
  if (fill)
    for (const b of c.by)
      if (b.name !== '_time')
        state = compute(
          state,
          b.name,
          call('coalesce', [state.scope.resolve(b.name, b.span), lit(fill.value, fill.span)], 'any', b.span),
        );

  const prestats = opt.get('prestats');
  if (prestats && truthy(prestats.value)) return state;
  const asStats: StatsCommand = {
    kind: 'stats',
    name: c.name,
    options: [],
    aggregations: c.aggregations satisfies readonly Aggregation[],
    by: c.by,
    span: c.span,
  };
  const out = stats(asStats, state, text, options, errors);
  if (!span || !spanOpt || out.rel.kind !== 'aggregate') return out;
  const tz = lit(options.timeZone ?? 'UTC');
  const bucket = (e: Expr): Expr =>
    call('time_bucket', [e, lit(span.count), lit(span.unit), tz], 'time', spanOpt.span);
  const groups = out.rel.groups.map((g) => (g.name === '_time' ? { ...g, expr: bucket(g.expr) } : g));
  return { ...out, rel: { ...out.rel, groups } };
}
