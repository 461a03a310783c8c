// Request parameters of Splunk's REST search API: query string and form body, search strings, paging.

import { JobError } from './jobs.ts';

/** The parameters of a request: the query string, then a form-encoded body (Splunk reads both). */
export async function requestParams(req: Request): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(req.url).search);
  if (req.method === 'POST' || req.method === 'DELETE') {
    const body = await req.text();
    // SDKs send application/x-www-form-urlencoded; scripts often send it without a content type.
    if (body.trim() !== '') for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
  }
  return params;
}

// Splunk's generating commands: a search string may start with one without `|` (the REST rule adds it).
const GENERATING = new Set([
  'datamodel',
  'dbinspect',
  'eventcount',
  'from',
  'gentimes',
  'inputcsv',
  'inputlookup',
  'loadjob',
  'makeresults',
  'mcatalog',
  'metadata',
  'mstats',
  'multisearch',
  'pivot',
  'rest',
  'savedsearch',
  'tstats',
]);

/**
 * A REST search string as the SPL compiler reads it. Splunk's rule: a search starts with the `search` command
 * or `|` and a generating command; other text is search terms of an implied `search`, except that a leading
 * generating command's name gets its `|`.
 *
 * @example restSearch('makeresults count=3') // => '| makeresults count=3'
 */
export function restSearch(text: string | null): string {
  const s = (text ?? '').trim();
  if (s === '') throw new JobError(400, 'Missing or empty search parameter');
  if (s.startsWith('|') || /^search(\s|$)/i.test(s)) return s;
  const word = /^[A-Za-z_]+/.exec(s)?.[0]?.toLowerCase();
  return word !== undefined && GENERATING.has(word) && /^[A-Za-z_]+(\s|$)/.test(s) ? `| ${s}` : s;
}

/** A whole number parameter, or `fallback`; a 400 naming the parameter when it is not one. */
export function intParam(params: URLSearchParams, name: string, fallback: number, min = 0): number {
  const v = params.get(name);
  if (v === null || v.trim() === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new JobError(400, `Argument "${name}" must be a whole number >= ${min}`);
  return n;
}

/** Splunk's `field_list`: names separated by commas or spaces; undefined for all fields. */
export function fieldList(params: URLSearchParams): string[] | undefined {
  const v = params.get('field_list') ?? params.get('f');
  if (v === null || v.trim() === '') return undefined;
  return v.split(/[\s,]+/).filter((f) => f !== '');
}

/** A parameter that must be one of `allowed` (compared lower-case). */
export function oneOf<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = params.get(name);
  if (v === null || v === '') return fallback;
  const lower = v.toLowerCase();
  const hit = allowed.find((a) => a === lower);
  if (hit === undefined)
    throw new JobError(
      400,
      `Argument "${name}" must be one of ${allowed.join(', ')}; got "${v.slice(0, 40)}"`,
    );
  return hit;
}

/** Splunk's time parameters (`earliest_time`, `latest_time`): text the query service resolves. */
export function timeParam(params: URLSearchParams, name: string): string | undefined {
  const v = params.get(name);
  return v === null || v.trim() === '' ? undefined : v.trim();
}
