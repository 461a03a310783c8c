// Splunk's REST envelopes: Atom feeds and entries (XML, and their JSON form), `messages` bodies, sid answers.

import type { Job, JobMessage } from './jobs.ts';
import { xmlText } from './results-format.ts';

/** A value of an entry's `content`: Splunk's `s:dict`/`s:list`/scalar in XML, plain JSON otherwise. */
export type ContentValue = string | number | boolean | null | readonly ContentValue[] | ContentDict;
export interface ContentDict {
  readonly [key: string]: ContentValue;
}

/** The Splunk version Nexus reports: SDKs pick the v2 search endpoints from 9.0.2 on. */
export const SPLUNK_VERSION = '9.1.0';
export const NEXUS_BUILD = 'nexus';

export interface Entry {
  readonly name: string;
  /** The path of the entry (`/services/search/jobs/<sid>`). */
  readonly path: string;
  readonly author: string;
  readonly updated: string;
  readonly published?: string;
  /** Links by relation; `alternate` is the entry itself. */
  readonly links: Readonly<Record<string, string>>;
  readonly content: ContentDict;
  readonly acl?: ContentDict;
}

const esc = xmlText;

function xmlValue(v: ContentValue, indent: string): string {
  if (v === null) return '';
  if (Array.isArray(v)) {
    const items = (v as readonly ContentValue[]).map(
      (x) => `${indent}  <s:item>${xmlValue(x, `${indent}  `)}</s:item>\n`,
    );
    return `\n${indent}<s:list>\n${items.join('')}${indent}</s:list>\n${indent.slice(2)}`;
  }
  if (typeof v === 'object') return `\n${xmlDict(v as ContentDict, indent)}${indent.slice(2)}`;
  if (typeof v === 'boolean') return v ? '1' : '0';
  return esc(String(v));
}

function xmlDict(d: ContentDict, indent: string): string {
  const keys = Object.entries(d).map(
    ([k, v]) => `${indent}  <s:key name="${esc(k)}">${xmlValue(v, `${indent}    `)}</s:key>\n`,
  );
  return `${indent}<s:dict>\n${keys.join('')}${indent}</s:dict>\n`;
}

const NS =
  'xmlns="http://www.w3.org/2005/Atom" xmlns:s="http://dev.splunk.com/ns/rest" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"';

function xmlEntryBody(e: Entry, base: string): string {
  const links = Object.entries(e.links)
    .map(([rel, href]) => `  <link href="${esc(href)}" rel="${esc(rel)}"/>\n`)
    .join('');
  const content = e.acl ? { ...e.content, 'eai:acl': e.acl } : e.content;
  return (
    `  <title>${esc(e.name)}</title>\n  <id>${esc(base + e.path)}</id>\n  <updated>${e.updated}</updated>\n` +
    links +
    (e.published ? `  <published>${e.published}</published>\n` : '') +
    `  <author>\n    <name>${esc(e.author)}</name>\n  </author>\n` +
    `  <content type="text/xml">\n${xmlDict(content, '    ')}  </content>\n`
  );
}

/** One entry as an Atom document (`GET /services/search/jobs/<sid>` without `output_mode`). */
export function atomEntry(e: Entry, base: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<entry ${NS}>\n${xmlEntryBody(e, base)}</entry>\n`;
}

/** A collection as an Atom feed. */
export function atomFeed(
  title: string,
  path: string,
  entries: readonly Entry[],
  base: string,
  now: string,
): string {
  const body = entries.map((e) => `<entry>\n${xmlEntryBody(e, base)}</entry>\n`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed ${NS}>\n  <title>${esc(title)}</title>\n  <id>${esc(base + path)}</id>\n` +
    `  <updated>${now}</updated>\n  <generator build="${NEXUS_BUILD}" version="${SPLUNK_VERSION}"/>\n` +
    `  <author>\n    <name>Splunk</name>\n  </author>\n` +
    `  <opensearch:totalResults>${entries.length}</opensearch:totalResults>\n  <opensearch:itemsPerPage>0</opensearch:itemsPerPage>\n` +
    `  <opensearch:startIndex>0</opensearch:startIndex>\n  <s:messages/>\n${body}</feed>\n`
  );
}

/** A collection (or one entry, as a one-element collection) in Splunk's JSON form. */
export function jsonFeed(path: string, entries: readonly Entry[], base: string, now: string): unknown {
  return {
    links: {},
    origin: base + path,
    updated: now,
    generator: { build: NEXUS_BUILD, version: SPLUNK_VERSION },
    entry: entries.map((e) => ({
      name: e.name,
      id: base + e.path,
      updated: e.updated,
      links: e.links,
      ...(e.published ? { published: e.published } : {}),
      author: e.author,
      acl: e.acl ?? {},
      content: e.content,
    })),
    paging: { total: entries.length, perPage: 0, offset: 0 },
    messages: [],
  };
}

/** Splunk's error body: `{"messages":[{"type":"ERROR","text":"…"}]}` or its XML `<response>` form. */
export function messagesBody(
  messages: readonly JobMessage[],
  xml: boolean,
): { contentType: string; body: string } {
  if (!xml) return { contentType: 'application/json; charset=UTF-8', body: JSON.stringify({ messages }) };
  const items = messages.map((m) => `    <msg type="${m.type}">${esc(m.text)}</msg>\n`).join('');
  return {
    contentType: 'text/xml; charset=UTF-8',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <messages>\n${items}  </messages>\n</response>\n`,
  };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('Z', '+00:00');

/** The job's entry: Splunk's status properties (`dispatchState`, `isDone`, `resultCount` …). */
export function jobEntry(job: Job, prefix: string, nowMs: number): Entry {
  const path = `${prefix}/${encodeURIComponent(job.sid)}`;
  const done = job.state === 'DONE' || job.state === 'FAILED';
  const rows = job.result?.rows.length ?? 0;
  const endMs = job.doneMs ?? nowMs;
  const ttl =
    job.expiresMs === undefined ? job.ttlSeconds : Math.max(0, Math.round((job.expiresMs - nowMs) / 1000));
  const content: ContentDict = {
    sid: job.sid,
    dispatchState: job.state,
    isDone: done,
    isFailed: job.state === 'FAILED',
    isFinalized: job.finalized,
    isPaused: false,
    isSaved: false,
    isSavedSearch: false,
    isRealTimeSearch: false,
    isZombie: false,
    isPreviewEnabled: false,
    isEventsPreviewEnabled: false,
    doneProgress: done ? 1 : 0,
    resultCount: rows,
    resultPreviewCount: rows,
    eventCount: rows,
    eventAvailableCount: rows,
    scanCount: job.rowsRead,
    dropCount: 0,
    runDuration: (endMs - job.createdMs) / 1000,
    earliestTime: job.earliest ?? '',
    latestTime: job.latest ?? '',
    cursorTime: job.latest ?? '',
    eventSearch: job.search,
    eventSorting: 'desc',
    eventIsStreaming: true,
    resultIsStreaming: false,
    statusBuckets: 0,
    priority: 5,
    ttl,
    defaultTTL: job.ttlSeconds,
    label: '',
    provenance: 'nexus',
    keywords: '',
    normalizedSearch: job.search,
    pid: job.queryId,
    messages: job.messages.map((m) => ({ type: m.type, text: m.text })),
    request: { search: job.search },
    diskUsage: 0,
  };
  return {
    name: job.search,
    path,
    author: job.author,
    updated: iso(endMs),
    published: iso(job.createdMs),
    links: Object.fromEntries([
      ['alternate', path],
      ...['search.log', 'events', 'results', 'results_preview', 'timeline', 'summary', 'control'].map(
        (rel) => [rel, `${path}/${rel}`],
      ),
    ]) as Record<string, string>,
    content,
    acl: {
      perms: { read: [job.author], write: [job.author] },
      owner: job.author,
      modifiable: true,
      sharing: 'user',
      app: 'search',
      can_write: true,
      ttl: String(ttl),
    },
  };
}

export { iso as isoTime };
