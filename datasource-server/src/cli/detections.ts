// `nexus detections import`: Splunk security_content detection YAML → Grafana alert-rule provisioning (one rule
// per detection), with a report of which detections compile and why the others do not.

import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { compile, lookupCatalogFromJson } from '@nexus/spl';
import type { LookupCatalog, MacroRegistry } from '@nexus/spl';
import { parse as parseYaml, stringify } from 'yaml';
import { bundledMacros } from '../config.ts';
import { loadMacroFiles } from '../query/macros.ts';

export const detectionsUsage = `usage:
  nexus detections import [options] DIR|FILE.yml…   (a security_content checkout's detections/, or YAML files)

Options:
  --out FILE          where the Grafana alert-rule provisioning file goes (default: stdout)
  --datasource-uid U  the Nexus data source's uid in Grafana (default: nexus)
  --folder NAME       the Grafana folder of the rules (default: ESCU)
  --macros FILE       macros.conf to expand (default: the bundled ESCU macros; may be repeated); a checkout's
                      macros/*.yml (security_content's macro YAML) next to the detections are added
  --lookups FILE      lookup table columns, {"table": ["col", …]}, to check lookups against
`;

interface Io {
  stdout: Writable;
  stderr: Writable;
}

/** What a detection YAML holds that the import reads (security_content's detection schema). */
export interface Detection {
  readonly file: string;
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly search: string;
  readonly description: string;
  readonly tags: Record<string, unknown>;
  readonly drilldowns: readonly { name: string; search: string }[];
  readonly references: readonly string[];
  readonly scheduling?: Record<string, unknown>;
}

/** security_content's default deployments (deployments/escu_default_configuration_<type>.yml): hourly, -70m to -10m. */
const DEFAULT_SCHEDULE = { cron_schedule: '0 * * * *', earliest_time: '-70m@m', latest_time: '-10m@m' };

/** One detection's outcome: its rule, or why it has none. */
export interface ImportOutcome {
  readonly file: string;
  readonly name: string;
  readonly rule?: Record<string, unknown>;
  readonly interval?: string;
  readonly problem?: string;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const strings = (x: unknown): string[] =>
  Array.isArray(x)
    ? x.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? [String(v)] : []))
    : [];

/** Reads one detection; a reason when the YAML is not a detection with a search. */
function readDetection(file: string, text: string): Detection | string {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return `not YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  if (!isRecord(doc)) return 'not a detection (a YAML mapping with name, id and search)';
  const { name, id, search } = doc;
  if (
    typeof name !== 'string' ||
    typeof search !== 'string' ||
    (typeof id !== 'string' && typeof id !== 'number')
  )
    return 'not a detection: it needs `name`, `id` and `search`';
  const drilldowns = Array.isArray(doc.drilldown_searches)
    ? doc.drilldown_searches.flatMap((d) =>
        isRecord(d) && typeof d.name === 'string' && typeof d.search === 'string'
          ? [{ name: d.name, search: d.search }]
          : [],
      )
    : [];
  const deployment = isRecord(doc.deployment) ? doc.deployment : undefined;
  return {
    file,
    id: String(id),
    name,
    type: typeof doc.type === 'string' ? doc.type : 'TTP',
    search,
    description: typeof doc.description === 'string' ? doc.description : '',
    tags: isRecord(doc.tags) ? doc.tags : {},
    drilldowns,
    references: strings(doc.references),
    ...(deployment && isRecord(deployment.scheduling) ? { scheduling: deployment.scheduling } : {}),
  };
}

/** Seconds of a relative time such as `-70m@m` (the snap is dropped: Grafana's ranges are relative to now). */
function secondsAgo(spec: string): number | undefined {
  const m = /^-(\d+)([smhdw])(?:@\w+)?$/.exec(spec.trim());
  if (spec.trim() === 'now' || spec.trim() === '') return 0;
  if (!m) return undefined;
  const unit = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[m[2] as 's'];
  return Number(m[1]) * unit;
}

/** A cron schedule as a Grafana group interval: every N minutes or hours, or daily. */
function intervalOf(cron: string): string | undefined {
  const [min, hour, dom, mon, dow] = cron.trim().split(/\s+/);
  if (dom !== '*' || mon !== '*' || dow !== '*') return undefined;
  const every = /^\*\/(\d+)$/;
  if (min === '*' && hour === '*') return '1m';
  if (min && every.test(min) && hour === '*') return `${every.exec(min)?.[1] ?? '1'}m`;
  if (min && /^\d+$/.test(min) && hour === '*') return '1h';
  if (min && /^\d+$/.test(min) && hour && every.test(hour)) return `${every.exec(hour)?.[1] ?? '1'}h`;
  if (min && /^\d+$/.test(min) && hour && /^\d+$/.test(hour)) return '24h';
  return undefined;
}

/**
 * The detection's search as the rule runs it: ESCU's per-detection `…_filter` macros (empty until a customer
 * fills them) are removed when the macros do not define them; then one row with the number of results, so
 * the rule has exactly one number to compare (a detection's own rows differ in shape from one to the next).
 */
function ruleSearch(d: Detection, macros: MacroRegistry): string {
  const withoutFilters = d.search.replace(/\|\s*`([A-Za-z0-9_]+_filter)`\s*/g, (all, name: string) =>
    macros.has(name, 0) ? all : '',
  );
  return `${withoutFilters.trim()}\n| stats count AS detections`;
}

/** Grafana label values: a list joined with commas. */
const label = (x: unknown): string | undefined => {
  const v = Array.isArray(x)
    ? strings(x).join(',')
    : typeof x === 'string' || typeof x === 'number'
      ? String(x)
      : '';
  return v === '' ? undefined : v;
};

/** Splunk's `$field$` tokens in a message as Grafana label templates. */
const templated = (s: string): string => s.replace(/\$([A-Za-z_][\w.]*)\$/g, '{{ $$labels.$1 }}');

/** One detection as a Grafana alert rule (A: the SPL, B: reduce, C: more than 0 results), or why it cannot be. */
export function detectionRule(
  d: Detection,
  opts: { readonly datasourceUid: string; readonly macros: MacroRegistry; readonly lookups?: LookupCatalog },
  nowMs: number = Date.now(),
): ImportOutcome {
  const base = { file: d.file, name: d.name };
  const schedule = { ...DEFAULT_SCHEDULE, ...(d.scheduling ?? {}) };
  const from = secondsAgo(String(schedule.earliest_time));
  const to = secondsAgo(String(schedule.latest_time));
  const interval = intervalOf(String(schedule.cron_schedule));
  if (from === undefined || to === undefined || from <= to)
    return {
      ...base,
      problem: `schedule: cannot use the time range ${schedule.earliest_time} to ${schedule.latest_time}`,
    };
  if (!interval)
    return {
      ...base,
      problem: `schedule: the cron schedule \`${schedule.cron_schedule}\` is not an interval`,
    };
  const spl = ruleSearch(d, opts.macros);
  const checked = compile(spl, {
    orgId: 'detections-import',
    earliestMs: nowMs - from * 1000,
    latestMs: nowMs - to * 1000,
    nowMs,
    macros: opts.macros,
    ...(opts.lookups ? { lookups: opts.lookups } : {}),
  });
  if (!checked.ok) {
    const first = checked.errors[0];
    return { ...base, problem: `does not compile: ${first ? `${first.code}: ${first.message}` : 'unknown'}` };
  }
  const t = d.tags;
  const labels: Record<string, string> = { source: 'escu', detection_type: d.type.toLowerCase() };
  for (const [key, value] of [
    ['mitre_attack_id', t.mitre_attack_id],
    ['analytic_story', t.analytic_story],
    ['security_domain', t.security_domain],
    ['asset_type', t.asset_type],
    ['risk_score', t.risk_score],
  ] as const) {
    const v = label(value);
    if (v !== undefined) labels[key] = v;
  }
  const annotations: Record<string, string> = {
    summary: templated(typeof t.message === 'string' ? t.message : d.name),
    description: d.description,
    escu_id: d.id,
  };
  if (d.references[0]) annotations.runbook_url = d.references[0];
  d.drilldowns.forEach((x, i) => {
    annotations[`drilldown_${i + 1}`] = `${x.name}: ${x.search}`;
  });
  return {
    ...base,
    interval,
    rule: {
      uid: `escu-${d.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 35)}`,
      title: d.name.slice(0, 190),
      condition: 'C',
      for: '0s',
      noDataState: 'OK',
      execErrState: 'Error',
      labels,
      annotations,
      data: [
        {
          refId: 'A',
          datasourceUid: opts.datasourceUid,
          relativeTimeRange: { from, to },
          model: { refId: 'A', spl },
        },
        {
          refId: 'B',
          datasourceUid: '__expr__',
          model: {
            refId: 'B',
            type: 'reduce',
            expression: 'A',
            reducer: 'last',
            settings: { mode: 'dropNN' },
          },
        },
        {
          refId: 'C',
          datasourceUid: '__expr__',
          model: {
            refId: 'C',
            type: 'threshold',
            expression: 'B',
            conditions: [{ evaluator: { type: 'gt', params: [0] } }],
          },
        },
      ],
    },
  };
}

/**
 * security_content's macro YAML (`macros/<name>.yml`: `name`, `definition`, `arguments`) found in a `macros`
 * directory at an input path or one or two levels above it (a checkout, or its `detections/` folder).
 */
async function checkoutMacros(inputs: readonly string[], into: MacroRegistry, io: Io): Promise<number> {
  const dirs = new Set<string>();
  for (const input of inputs)
    for (const up of ['.', '..', '../..']) {
      const dir = path.resolve(input, up, 'macros');
      const s = await stat(dir).catch(() => undefined);
      if (s?.isDirectory()) dirs.add(dir);
    }
  let count = 0;
  for (const dir of dirs)
    for (const file of (await readdir(dir)).filter((f) => /\.ya?ml$/i.test(f)).sort()) {
      let doc: unknown;
      try {
        doc = parseYaml(await readFile(path.join(dir, file), 'utf8'));
      } catch {
        io.stderr.write(`nexus: ${path.join(dir, file)}: not YAML, skipped\n`);
        continue;
      }
      if (!isRecord(doc) || typeof doc.name !== 'string' || typeof doc.definition !== 'string') continue;
      into.define({
        name: doc.name,
        args: strings(doc.arguments),
        definition: doc.definition,
        source: path.join(dir, file),
      });
      count++;
    }
  return count;
}

/** Every `.yml`/`.yaml` file under the paths (directories recursively), sorted. */
async function yamlFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p);
    if (s.isDirectory()) {
      for (const e of (await readdir(p)).sort()) await walk(path.join(p, e));
    } else if (/\.ya?ml$/i.test(p)) out.push(p);
  };
  for (const p of paths) await walk(p);
  return out;
}

/**
 * Imports detections into one provisioning document: a rule group per schedule interval in `folder`, and
 * each detection's outcome.
 */
export function provisioning(outcomes: readonly ImportOutcome[], folder: string): Record<string, unknown> {
  const byInterval = new Map<string, Record<string, unknown>[]>();
  for (const o of outcomes)
    if (o.rule && o.interval) byInterval.set(o.interval, [...(byInterval.get(o.interval) ?? []), o.rule]);
  return {
    apiVersion: 1,
    groups: [...byInterval].map(([interval, rules]) => ({
      orgId: 1,
      name: `escu-every-${interval}`,
      folder,
      interval,
      rules,
    })),
  };
}

/** Runs `nexus detections import …`; 0 when at least one rule was written, 1 when none, 2 on usage errors. */
export async function detectionsCommand(args: readonly string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== 'import') return usage(io, 'the verb is `import`');
  let out: string | undefined;
  let datasourceUid = 'nexus';
  let folder = 'ESCU';
  const macroFiles: string[] = [];
  let lookupsFile: string | undefined;
  const inputs: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    const value = (): string | undefined => rest[++i];
    if (a === '--out') out = value();
    else if (a === '--datasource-uid') datasourceUid = value() ?? '';
    else if (a === '--folder') folder = value() ?? '';
    else if (a === '--macros') macroFiles.push(value() ?? '');
    else if (a === '--lookups') lookupsFile = value();
    else if (a.startsWith('--')) return usage(io, `unknown option ${a}`);
    else inputs.push(a);
  }
  if (inputs.length === 0) return usage(io, 'name a detections directory or YAML files');
  if (out === '' || datasourceUid === '' || folder === '' || lookupsFile === '')
    return usage(io, 'an option is missing its value');
  const loaded = await loadMacroFiles(macroFiles.length > 0 ? macroFiles : [bundledMacros]);
  if (loaded.errors.length > 0) {
    io.stderr.write(loaded.errors.map((e) => `nexus: ${e.file}:${e.line}: ${e.message}\n`).join(''));
    return 2;
  }
  let lookups: LookupCatalog | undefined;
  if (lookupsFile !== undefined) {
    try {
      const r = lookupCatalogFromJson(JSON.parse(await readFile(lookupsFile, 'utf8')));
      if ('error' in r) return usage(io, `${lookupsFile}: ${r.error}`);
      lookups = r.catalog;
    } catch (e) {
      return usage(io, `${lookupsFile}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const fromCheckout = await checkoutMacros(inputs, loaded.registry, io);
  if (fromCheckout > 0) io.stderr.write(`${fromCheckout} macros read from the checkout's macros/\n`);
  let files: string[];
  try {
    files = await yamlFiles(inputs);
  } catch (e) {
    return usage(io, e instanceof Error ? e.message : String(e));
  }
  const outcomes: ImportOutcome[] = [];
  for (const file of files) {
    const d = readDetection(file, await readFile(file, 'utf8'));
    const outcome =
      typeof d === 'string'
        ? { file, name: path.basename(file), problem: d }
        : detectionRule(d, { datasourceUid, macros: loaded.registry, ...(lookups ? { lookups } : {}) });
    outcomes.push(outcome);
    io.stderr.write(
      `${outcome.rule ? 'ok  ' : 'skip'} ${outcome.name} (${file})${outcome.problem ? `: ${outcome.problem}` : ''}\n`,
    );
  }
  const ok = outcomes.filter((o) => o.rule).length;
  io.stderr.write(`${ok} of ${outcomes.length} detections became alert rules\n`);
  const text = `# Grafana alert rules from Splunk security_content detections (nexus detections import).\n${stringify(provisioning(outcomes, folder))}`;
  if (out === undefined) io.stdout.write(text);
  else await writeFile(out, text);
  return ok > 0 ? 0 : 1;
}

function usage(io: Io, message: string): number {
  io.stderr.write(`nexus: ${message}\n${detectionsUsage}`);
  return 2;
}
