// The data source's settings as Grafana sends them, and the credentials a request to nexus-api uses.

import type { PluginContext } from './messages.ts';

export interface NexusSettings {
  /** nexus-api's base URL, without a trailing slash. */
  readonly url: string;
  readonly serviceToken: string | undefined;
  readonly oauthPassThru: boolean;
  readonly defaultIndex: string | undefined;
  /** Seconds a search may run, when the query sets none (`jsonData.timeout`). */
  readonly timeout: number | undefined;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

function jsonObject(bytes: Buffer | undefined): Record<string, unknown> {
  if (!bytes || bytes.length === 0) return {};
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Reads `url`, `jsonData.oauthPassThru`/`defaultIndex`/`timeout` and `secureJsonData.serviceToken`. */
export function settingsOf(ctx: PluginContext | null | undefined): NexusSettings {
  const ds = ctx?.dataSourceInstanceSettings;
  if (!ds) throw new SettingsError('the request carries no data source settings');
  if (ds.url.trim() === '') throw new SettingsError('the data source has no URL: set the nexus-api URL');
  const json = jsonObject(ds.jsonData);
  const token = ds.decryptedSecureJsonData['serviceToken'];
  return {
    url: ds.url.trim().replace(/\/+$/, ''),
    serviceToken: token !== undefined && token !== '' ? token : undefined,
    oauthPassThru: json['oauthPassThru'] === true,
    defaultIndex: typeof json['defaultIndex'] === 'string' ? json['defaultIndex'] : undefined,
    timeout:
      typeof json['timeout'] === 'number' && Number.isFinite(json['timeout']) && json['timeout'] > 0
        ? json['timeout']
        : undefined,
  };
}

/** A header's value from Grafana's forwarded headers, whatever its case (and the older `http_` prefix). */
export function forwardedHeader(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    const key = k.toLowerCase();
    if ((key === want || key === `http_${want}`) && v !== '') return v;
  }
  return undefined;
}

/**
 * The `Authorization` nexus-api gets: the user's own with OAuth pass-through, else the service token.
 * Alert evaluations carry no user and no forwarded token, so they use the service token.
 */
export function authorizationFor(
  s: NexusSettings,
  headers: Readonly<Record<string, string>>,
): { readonly header: string | undefined; readonly source: 'user' | 'service' | 'none' } {
  const forwarded = s.oauthPassThru ? forwardedHeader(headers, 'Authorization') : undefined;
  if (forwarded) return { header: forwarded, source: 'user' };
  if (s.serviceToken) return { header: `Bearer ${s.serviceToken}`, source: 'service' };
  return { header: undefined, source: 'none' };
}
