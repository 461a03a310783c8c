// The IP country database Nexus ships (npm `@ip-location-db/geo-whois-asn-country`, CC BY 4.0 data by the
// NRO, package licence CC0-1.0): its inclusive address ranges, read as the CIDR networks a ClickHouse
// `ip_trie` dictionary keys on.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One network of the database: `prefix` is `a.b.c.d/n` or `x:…/n`; `country` an ISO 3166-1 alpha-2 code. */
export interface GeoipNetwork {
  readonly prefix: string;
  readonly country: string;
}

const packageName = '@ip-location-db/geo-whois-asn-country';

/** The package's folder and version (the version tells a loaded copy from a newer one). */
export function geoipPackage(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve(`${packageName}/package.json`);
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: path.dirname(manifest), version };
}

/**
 * The smallest list of CIDR blocks that covers `[start, end]` exactly (addresses of `bits` bits), each as
 * (first address, prefix length).
 */
export function rangeToCidrs(start: bigint, end: bigint, bits: number): [bigint, number][] {
  const out: [bigint, number][] = [];
  let at = start;
  while (at <= end) {
    // The largest block aligned at `at` (its trailing zero bits) that stays within the range.
    const aligned = at === 0n ? bits : (at & -at).toString(2).length - 1;
    const fits = (end - at + 1n).toString(2).length - 1;
    const size = Math.min(aligned, fits, bits);
    out.push([at, bits - size]);
    at += 1n << BigInt(size);
  }
  return out;
}

function ipv4Text(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

function ipv6Text(n: bigint): string {
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((n >> s) & 0xffffn).toString(16));
  return groups.join(':');
}

/** Every network of the database, from its numeric CSV files (IPv4, then IPv6). */
export function* geoipNetworks(dir = geoipPackage().dir): Generator<GeoipNetwork> {
  const files = [
    { file: 'geo-whois-asn-country-ipv4-num.csv', bits: 32, text: ipv4Text },
    { file: 'geo-whois-asn-country-ipv6-num.csv', bits: 128, text: ipv6Text },
  ];
  for (const { file, bits, text } of files) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const [from, to, country] = line.trim().split(',');
      if (!from || !to || !country) continue;
      for (const [first, length] of rangeToCidrs(BigInt(from), BigInt(to), bits))
        yield { prefix: `${text(first)}/${length}`, country };
    }
  }
}
