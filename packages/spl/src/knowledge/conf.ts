// Parsers for eventtypes.conf, tags.conf, props.conf, transforms.conf and datamodels.conf into `KnowledgeObjects`.

import { readConf } from '../conf/stanzas.ts';
import { parse } from '../parser/index.ts';
import type { ConfStanza } from '../conf/stanzas.ts';
import { resolveTime } from '../time.ts';
import type {
  Acceleration,
  AutomaticLookup,
  CalculatedField,
  EventType,
  Extraction,
  FieldAlias,
  KnowledgeObjects,
  LookupTime,
  PropsStanza,
  PropsTarget,
  TagAssignment,
  Transform,
} from './types.ts';

/** A problem in one of the files, with the file's name and the 1-based line. */
export interface KnowledgeConfError {
  readonly source: string;
  readonly line: number;
  readonly message: string;
}

export type KnowledgeFileKind = 'eventtypes' | 'tags' | 'props' | 'transforms' | 'datamodels';

const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'on', 'enabled']);

function flag(v: string | undefined): boolean {
  return v !== undefined && TRUE.has(v.trim().toLowerCase());
}

function eventtypes(
  stanzas: readonly ConfStanza[],
  errors: KnowledgeConfError[],
  source: string,
): EventType[] {
  const out: EventType[] = [];
  for (const s of stanzas) {
    if (flag(s.settings.get('disabled')?.value)) continue;
    const search = s.settings.get('search')?.value;
    if (search === undefined || search === '') {
      errors.push({ source, line: s.line, message: `eventtype \`[${s.header}]\` has no \`search\`` });
      continue;
    }
    const tags = (s.settings.get('tags')?.value ?? '').split(/[\s,]+/).filter((t) => t !== '');
    out.push({ name: s.header, search, tags });
  }
  return out;
}

function tagAssignments(
  stanzas: readonly ConfStanza[],
  errors: KnowledgeConfError[],
  source: string,
): TagAssignment[] {
  const out: TagAssignment[] = [];
  for (const s of stanzas) {
    const eq = s.header.indexOf('=');
    if (eq <= 0) {
      errors.push({
        source,
        line: s.line,
        message: `tags.conf stanza \`[${s.header}]\` must be \`[<field>=<value>]\``,
      });
      continue;
    }
    const field = s.header.slice(0, eq).trim();
    let value = s.header.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    const tags: string[] = [];
    for (const [tag, v] of s.settings) {
      const state = v.value.trim().toLowerCase();
      if (state === 'enabled') tags.push(tag);
      else if (state !== 'disabled')
        errors.push({
          source,
          line: v.line,
          message: `tag \`${tag}\` must be \`enabled\` or \`disabled\`, found \`${v.value}\``,
        });
    }
    if (tags.length > 0) out.push({ field, value, tags });
  }
  return out;
}

function propsTarget(header: string): PropsTarget {
  if (header.startsWith('source::')) return { field: 'source', pattern: header.slice('source::'.length) };
  if (header.startsWith('host::')) return { field: 'host', pattern: header.slice('host::'.length) };
  return { field: 'sourcetype', pattern: header.startsWith('sourcetype::') ? header.slice(12) : header };
}

/** `a AS b c ASNEW d` → aliases; undefined when the text is not pairs of that shape. */
function aliasPairs(name: string, text: string): FieldAlias[] | undefined {
  const words = text.match(/"[^"]*"|\S+/g) ?? [];
  const out: FieldAlias[] = [];
  for (let i = 0; i < words.length; i += 3) {
    const [from, op, to] = [words[i], words[i + 1], words[i + 2]];
    const kw = op?.toUpperCase();
    if (from === undefined || to === undefined || (kw !== 'AS' && kw !== 'ASNEW')) return undefined;
    const unq = (w: string) => (w.startsWith('"') ? w.slice(1, -1) : w);
    out.push({ name, from: unq(from), to: unq(to), asNew: kw === 'ASNEW' });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * props.conf settings that apply at search time in Splunk but not in Nexus yet: the file is taken (its other
 * settings apply), and each one is reported as a warning on upload rather than skipped without a word.
 */
const NOT_APPLIED: Readonly<Record<string, string>> = {
  SEDCMD: '`SEDCMD-` rewrites `_raw` at index time, which Nexus does not do: events are stored as sent',
};

/**
 * `LOOKUP-<class>`'s value, read with the `lookup` command's grammar (`<lookup> <column> [AS <field>] …
 * [OUTPUT|OUTPUTNEW …]`); a message when it does not follow it.
 */
function automaticLookup(name: string, text: string): AutomaticLookup | string {
  const r = parse(`| makeresults | lookup ${text}`);
  const c = r.ast?.commands[1];
  const first = r.errors[0];
  if (first || c?.kind !== 'lookup')
    return `must be \`<lookup> <field> [AS <field>] … [OUTPUT|OUTPUTNEW <field> [AS <field>] …]\`${first ? `: ${first.message}` : ''}`;
  if (c.options.length > 0) return 'takes no options';
  const map = (f: { field: { name: string }; alias?: { name: string } }) => ({
    column: f.field.name,
    field: (f.alias ?? f.field).name,
  });
  return {
    name,
    lookup: c.table.name,
    keys: c.keys.map(map),
    ...(c.output ? { outputs: c.output.fields.map(map) } : {}),
    outputNew: c.output?.mode === 'OUTPUTNEW',
  };
}

function props(
  stanzas: readonly ConfStanza[],
  errors: KnowledgeConfError[],
  source: string,
  warnings: KnowledgeConfError[],
): PropsStanza[] {
  const out: PropsStanza[] = [];
  for (const s of stanzas) {
    const extractions: Extraction[] = [];
    const reports: string[] = [];
    const aliases: FieldAlias[] = [];
    const calculated: CalculatedField[] = [];
    const lookups: AutomaticLookup[] = [];
    for (const [key, v] of s.settings) {
      const dash = key.indexOf('-');
      const kind = (dash < 0 ? key : key.slice(0, dash)).toUpperCase();
      const name = dash < 0 ? '' : key.slice(dash + 1).trim();
      if (kind === 'EXTRACT') {
        // `<regex> in <field>`: the last ` in <word>` names the field the regex reads.
        const m = /^(.*)\s+in\s+([A-Za-z_][\w.]*)$/s.exec(v.value);
        extractions.push({ name, regex: m?.[1] ?? v.value, field: m?.[2] ?? '_raw' });
      } else if (kind === 'REPORT') {
        reports.push(
          ...v.value
            .split(',')
            .map((t) => t.trim())
            .filter((t) => t !== ''),
        );
      } else if (kind === 'FIELDALIAS') {
        const pairs = aliasPairs(name, v.value);
        if (pairs) aliases.push(...pairs);
        else
          errors.push({
            source,
            line: v.line,
            message: `\`${key}\` must be \`<field> AS <alias>\` pairs, found \`${v.value}\``,
          });
      } else if (kind === 'LOOKUP') {
        const l = automaticLookup(name, v.value);
        if (typeof l === 'string')
          errors.push({ source, line: v.line, message: `\`${key}\` in \`[${s.header}]\` ${l}` });
        else lookups.push(l);
      } else if (NOT_APPLIED[kind] !== undefined) {
        warnings.push({
          source,
          line: v.line,
          message: `\`${key}\` in \`[${s.header}]\`: ${NOT_APPLIED[kind]}`,
        });
      } else if (kind === 'EVAL') {
        if (name === '')
          errors.push({
            source,
            line: v.line,
            message: '`EVAL-` needs a field name: `EVAL-<field> = <expression>`',
          });
        else calculated.push({ field: name, expression: v.value });
      }
    }
    if (extractions.length + reports.length + aliases.length + calculated.length + lookups.length > 0)
      out.push({
        target: propsTarget(s.header),
        extractions,
        reports,
        aliases,
        calculated,
        ...(lookups.length > 0 ? { lookups } : {}),
      });
  }
  return out;
}

/** A stanza's time-based lookup settings (`time_field` …), or undefined without `time_field`. */
function lookupTime(s: ConfStanza, errors: KnowledgeConfError[], source: string): LookupTime | undefined {
  const field = s.settings.get('time_field')?.value.trim();
  if (!field) return undefined;
  const offset = (key: string, fallback: number): number => {
    const setting = s.settings.get(key);
    if (setting === undefined) return fallback;
    const n = Number(setting.value.trim());
    if (Number.isFinite(n) && setting.value.trim() !== '') return n;
    errors.push({
      source,
      line: setting.line,
      message: `\`${key}\` of \`[${s.header}]\` must be a number of seconds, found \`${setting.value}\``,
    });
    return fallback;
  };
  const format = s.settings.get('time_format')?.value.trim();
  return {
    field,
    ...(format ? { format } : {}),
    maxOffsetSecs: offset('max_offset_secs', 2_000_000_000),
    minOffsetSecs: offset('min_offset_secs', 0),
  };
}

function transforms(
  stanzas: readonly ConfStanza[],
  errors: KnowledgeConfError[],
  source: string,
): Transform[] {
  return stanzas.map((s) => {
    const get = (k: string) => s.settings.get(k)?.value;
    const regex = get('REGEX');
    const format = get('FORMAT');
    const delims = get('DELIMS');
    const fields = get('FIELDS');
    const filename = get('filename')?.trim();
    const max = get('max_matches')?.trim();
    const maxMatches = max === undefined ? undefined : Number(max);
    if (maxMatches !== undefined && !(Number.isInteger(maxMatches) && maxMatches >= 1 && maxMatches <= 1000))
      errors.push({
        source,
        line: s.settings.get('max_matches')?.line ?? s.line,
        message: `\`max_matches\` of \`[${s.header}]\` must be a whole number from 1 to 1000, found \`${max ?? ''}\``,
      });
    const time = lookupTime(s, errors, source);
    return {
      ...(filename ? { filename } : {}),
      ...(time ? { time } : {}),
      ...(maxMatches !== undefined && Number.isInteger(maxMatches) && maxMatches >= 1 && maxMatches <= 1000
        ? { maxMatches }
        : {}),
      name: s.header,
      ...(regex ? { regex } : {}),
      ...(format ? { format } : {}),
      ...(delims ? { delims: [...delims.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '') } : {}),
      ...(fields ? { fields: fields.split(',').map((f) => unquote(f.trim())) } : {}),
      sourceKey: get('SOURCE_KEY') ?? '_raw',
    };
  });
}

/**
 * Settings of datamodels.conf that only schedule or size Splunk's summary builds; Nexus builds every
 * `NEXUS_DATAMODEL_SUMMARY_INTERVAL` instead, so they change no result and are read without effect.
 */
const SCHEDULING_KEYS = new Set([
  'acceleration.cron_schedule',
  'acceleration.backfill_time',
  'acceleration.max_time',
  'acceleration.max_concurrent',
  'acceleration.manual_rebuilds',
  'acceleration.poll_buckets_until_maxtime',
  'acceleration.schedule_priority',
  'acceleration.allow_skew',
  'acceleration.allow_old_summaries',
  'acceleration.source_guid',
  'acceleration.workload_pool',
  'acceleration.hunk.compression_codec',
  'acceleration.hunk.dfs_block_size',
  'acceleration.hunk.file_format',
  'dataset.description',
  'dataset.type',
  'dataset.commands',
  'dataset.fields',
  'dataset.display.diversity',
  'dataset.display.sample_ratio',
  'dataset.display.limiting',
  'dataset.display.currentCommand',
  'dataset.display.mode',
  'strict_fields',
  'tags_whitelist',
]);

function accelerations(
  stanzas: readonly ConfStanza[],
  errors: KnowledgeConfError[],
  source: string,
): Acceleration[] {
  const out: Acceleration[] = [];
  for (const s of stanzas) {
    if (s.header === 'default') continue;
    for (const [key, setting] of s.settings) {
      if (key === 'acceleration' || key === 'acceleration.earliest_time' || SCHEDULING_KEYS.has(key))
        continue;
      errors.push({
        source,
        line: setting.line,
        message: `\`${key}\` in \`[${s.header}]\` is not a datamodels.conf setting Nexus knows`,
      });
    }
    const enabled = s.settings.get('acceleration');
    if (enabled === undefined) continue;
    if (!flag(enabled.value)) {
      out.push({ model: s.header, enabled: false });
      continue;
    }
    const earliest = s.settings.get('acceleration.earliest_time');
    const text = earliest?.value.trim() ?? '';
    if (text !== '') {
      const r = resolveTime(text, 0);
      if (!r.ok) {
        errors.push({
          source,
          line: earliest?.line ?? s.line,
          message: `\`acceleration.earliest_time\` of \`[${s.header}]\`: ${r.message}`,
        });
        continue;
      }
    }
    out.push({ model: s.header, enabled: true, ...(text !== '' ? { earliest: text } : {}) });
  }
  return out;
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

/**
 * Parses one knowledge-object file. Bad stanzas are reported with their lines and skipped; never throws.
 *
 * @example parseKnowledgeConf('tags', '[eventtype=win_logon]\nauthentication = enabled\n')
 *   // { objects: { tags: [{ field: 'eventtype', value: 'win_logon', tags: ['authentication'] }], … }, errors: [] }
 */
export function parseKnowledgeConf(
  kind: KnowledgeFileKind,
  text: string,
  source = `${kind}.conf`,
): { objects: KnowledgeObjects; errors: KnowledgeConfError[]; warnings: KnowledgeConfError[] } {
  const conf = readConf(text);
  const errors: KnowledgeConfError[] = conf.problems.map((p) => ({
    source,
    line: p.line,
    message: p.message,
  }));
  const warnings: KnowledgeConfError[] = [];
  const objects: KnowledgeObjects = {
    eventtypes: kind === 'eventtypes' ? eventtypes(conf.stanzas, errors, source) : [],
    tags: kind === 'tags' ? tagAssignments(conf.stanzas, errors, source) : [],
    props: kind === 'props' ? props(conf.stanzas, errors, source, warnings) : [],
    transforms: kind === 'transforms' ? transforms(conf.stanzas, errors, source) : [],
    ...(kind === 'datamodels' ? { accelerations: accelerations(conf.stanzas, errors, source) } : {}),
  };
  return { objects, errors, warnings };
}

/** Knowledge objects of several files together (later files add to earlier ones). */
export function mergeKnowledge(...all: readonly KnowledgeObjects[]): KnowledgeObjects {
  return {
    eventtypes: all.flatMap((k) => k.eventtypes),
    tags: all.flatMap((k) => k.tags),
    props: all.flatMap((k) => k.props),
    transforms: all.flatMap((k) => k.transforms),
    ...(all.some((k) => k.datamodels?.length) ? { datamodels: all.flatMap((k) => k.datamodels ?? []) } : {}),
    ...(all.some((k) => k.accelerations?.length)
      ? { accelerations: all.flatMap((k) => k.accelerations ?? []) }
      : {}),
  };
}
