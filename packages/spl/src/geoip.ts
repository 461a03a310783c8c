// The IP geolocation database as the compiler sees it: the ClickHouse dictionary `iplocation` reads, and
// the country names it shows for the database's ISO 3166-1 alpha-2 codes.

import type { GeoIpColumn } from './datamodels/types.ts';
import type { Span } from './diagnostics.ts';
import type { Expr } from './ir/types.ts';
import { call, lit } from './ir/types.ts';

/**
 * The `ip_trie` dictionary (CIDR network → `country` code) the service loads from the IP country database
 * it ships (`datasource-server/src/geoip/`).
 */
export const geoipDictionary = 'geoip';

/** Languages `iplocation lang=` accepts: those of Splunk's bundled database. */
export const geoipLanguages: readonly string[] = ['en', 'de', 'es', 'fr', 'ja', 'pt-BR', 'ru', 'zh-CN'];

/** Every ISO 3166-1 alpha-2 code the name table covers (the database's codes are among them). */
function allRegionCodes(): string[] {
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) codes.push(String.fromCharCode(a) + String.fromCharCode(b));
  return codes;
}

const tables = new Map<string, { codes: string[]; names: string[] }>();

/**
 * The country names in `lang` (Splunk's `Country` is the name, `United States`, not the code), for every
 * code the runtime's Unicode data names: `{ codes, names }`, in the same order.
 */
export function countryNames(lang: string): { codes: string[]; names: string[] } {
  const known = tables.get(lang);
  if (known) return known;
  const display = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
  const codes: string[] = [];
  const names: string[] = [];
  for (const code of allRegionCodes()) {
    let name: string | undefined;
    try {
      name = display.of(code);
    } catch {
      name = undefined;
    }
    // `ZZ` is the "unknown region" code, not a country.
    if (name === undefined || name === code || code === 'ZZ') continue;
    codes.push(code);
    names.push(name);
  }
  const table = { codes, names };
  tables.set(lang, table);
  return table;
}

/**
 * The location fields of an IP address (or CIDR network) from the database Nexus ships, which knows countries
 * only: `Country` is the country's name in `lang`, the others are null. No location (a private address, or no
 * address): null, as Splunk adds no field. Also a data model's GeoIP calculation.
 */
export function ipLocation(ip: Expr, lang: string, at: Span): Record<GeoIpColumn, Expr> {
  const code = call('ip_country', [ip], 'string', at);
  return {
    City: lit(null),
    Country: call('country_name', [code, lit(lang)], 'string', at),
    Region: lit(null),
    lat: lit(null),
    lon: lit(null),
  };
}
