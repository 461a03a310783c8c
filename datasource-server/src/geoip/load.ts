// Loads the IP country database into ClickHouse: the table `geoip_networks` (CIDR network → country code)
// and the `ip_trie` dictionary `geoip` over it, which `iplocation` reads with `dictGetOrNull`.

import { geoipDictionary } from '@nexus/spl';
import type { Store } from '../store/types.ts';
import type { GeoipNetwork } from './networks.ts';
import { geoipNetworks, geoipPackage } from './networks.ts';

/** Rows per INSERT while loading (about 1 M networks in all). */
const BATCH = 100_000;

const TABLE = `CREATE TABLE IF NOT EXISTS geoip_networks (
  prefix String,
  country LowCardinality(String),
  version LowCardinality(String)
) ENGINE = MergeTree
ORDER BY prefix`;

// ClickHouse's documented layout for IP prefixes: a lookup takes the longest matching network, IPv4
// addresses included (as IPv4-mapped IPv6). LIFETIME(0): reloaded only when the table is reloaded here.
const DICTIONARY = `CREATE DICTIONARY IF NOT EXISTS ${geoipDictionary} (
  prefix String,
  country String
) PRIMARY KEY prefix
SOURCE(CLICKHOUSE(TABLE 'geoip_networks'))
LAYOUT(IP_TRIE)
LIFETIME(0)`;

/**
 * Makes `geoip_networks` hold the shipped database's version (nothing to do when it already does) and the
 * dictionary serve it. `networks`/`version` replace the shipped database (tests load a few networks).
 * Returns how many networks were loaded (0 when the version was already there).
 */
export async function loadGeoip(
  store: Store,
  source: { networks: Iterable<GeoipNetwork>; version: string } = {
    networks: geoipNetworks(),
    version: geoipPackage().version,
  },
): Promise<number> {
  // The table and dictionary first: `iplocation` runs (finding no country) while the networks load.
  await store.command(TABLE);
  await store.command(DICTIONARY);
  const current = await store.query({
    sql: 'SELECT any(version) AS v, count() AS n FROM geoip_networks',
    params: {},
  });
  const [v] = current.rows[0] ?? [];
  let loaded = 0;
  if (v !== source.version) {
    await store.command('TRUNCATE TABLE geoip_networks');
    let batch: Record<string, unknown>[] = [];
    for (const n of source.networks) {
      batch.push({ prefix: n.prefix, country: n.country, version: source.version });
      if (batch.length === BATCH) {
        await store.insertRows('geoip_networks', batch);
        loaded += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await store.insertRows('geoip_networks', batch);
    loaded += batch.length;
  }
  if (loaded > 0) await store.command(`SYSTEM RELOAD DICTIONARY ${geoipDictionary}`);
  return loaded;
}
