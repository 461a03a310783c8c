// Tenant-isolation fuzzing: three tenants whose data overlaps in every value a search can name, each with
// a provenance marker no other tenant's data holds, and a seeded grammar of SPL searches run as each of
// them. Used by test/fuzz/tenant-isolation.test.ts, which explains the oracle.

import type { LogRow } from '../../src/store/index.ts';
import { TENANT_TABLES } from '../../src/store/row-policy.ts';
import { quoteIdent } from '@nexus/spl';

/** A deterministic pseudo-random generator (mulberry32): the same seed, the same searches. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick() from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A lowercase token of `n` letters and digits. */
  token(n: number): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

export interface Tenant {
  readonly orgId: string;
  /** In every event (`_raw` and the field `marker`) and every lookup row of this tenant, and nowhere else. */
  readonly marker: string;
  readonly events: number;
  /** A lookup table only this tenant has. */
  readonly onlyTable: string;
}

/** Three tenants with different event counts and markers drawn from `seed`. */
export function makeTenants(seed: number): Tenant[] {
  const rng = new Rng(seed ^ 0x5eed);
  return [
    { orgId: 'acme', events: 240, onlyTable: 'acme_secrets' },
    { orgId: 'globex', events: 270, onlyTable: 'globex_secrets' },
    { orgId: 'initech', events: 300, onlyTable: 'initech_secrets' },
  ].map((t) => ({ ...t, marker: `mk${rng.token(14)}` }));
}

// Values shared by every tenant: a search can name each of them and find events of all three.
export const HOSTS = ['web01', 'web02', 'web03', 'db01'] as const;
export const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'] as const;
export const STATUSES = [200, 302, 404, 500] as const;
export const ACTIONS = ['login', 'logout', 'view', 'purchase'] as const;
export const INDEXES = ['main', 'web'] as const;
export const SOURCETYPES = ['access_combined', 'app_json'] as const;

/** The tenant's metric samples: `cpu.usage` and `mem.used` per host, values only this tenant has. */
export function tenantMetrics(t: Tenant, index: number, nowMs: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let k = 0; k < 40; k++) {
    const ms = nowMs - 3 * 3_600_000 + k * 250_000 + index * 17;
    rows.push({
      org_id: t.orgId,
      index: 'metrics',
      metric_name: k % 2 === 0 ? 'cpu.usage' : 'mem.used',
      labels: { host: HOSTS[(k + index) % HOSTS.length] ?? 'web01' },
      timestamp: new Date(ms).toISOString().replace('T', ' ').replace('Z', ''),
      value: (index + 1) * 1000 + k,
    });
  }
  return rows;
}

/**
 * The tenant's events, all within the three hours before `nowMs`, at times unique within the tenant (so
 * "newest first" is a total order and `head`, `dedup`, `streamstats` are deterministic). The tenant's
 * own distribution differs (`k` steps through the values at a tenant-specific stride), so leaked rows
 * change counts. A few events carry a structured field `org_id` naming another tenant: a search for
 * `org_id=<other>` finds those (the tenant's own events), never the other tenant's.
 */
export function tenantEvents(t: Tenant, index: number, all: readonly Tenant[], nowMs: number): LogRow[] {
  const rng = new Rng(0xda7a + index * 7919);
  const rows: LogRow[] = [];
  for (let k = 0; k < t.events; k++) {
    const host = HOSTS[(k * (index + 1)) % HOSTS.length] ?? 'web01';
    const user = USERS[(k + index) % USERS.length] ?? 'alice';
    const status = STATUSES[(k * (index + 2) + (k >> 3)) % STATUSES.length] ?? 200;
    const action = ACTIONS[(k + 2 * index + (k >> 2)) % ACTIONS.length] ?? 'view';
    const bytes = 100 + ((k * 37 + index * 11) % 900);
    const duration = (k % 17) / 4;
    const other = all[(index + 1 + (k % 2)) % all.length];
    const fields: LogRow['fields'] = { user, status, action, bytes, duration, marker: t.marker };
    if (k % 25 === 0 && other) fields.org_id = other.orgId;
    if (k % 9 === 0) fields.tags = ['red', k % 2 === 0 ? 'blue' : 'green'];
    const raw = `${user} ${action} user=${user} status=${status} action=${action} bytes=${bytes} duration=${duration} marker=${t.marker}${k % 7 === 0 ? ' error timeout' : ''}`;
    rows.push({
      org_id: t.orgId,
      index: INDEXES[(k + (k >> 4)) % 2] ?? 'main',
      // Unique per tenant; the same minutes for every tenant.
      _time: nowMs - 60_000 - k * 37_000 - index * 1_000 - rng.int(0, 900),
      host,
      source: k % 3 === 0 ? '/var/log/app.log' : '/var/log/access.log',
      sourcetype: SOURCETYPES[k % 3 === 0 ? 1 : 0] ?? 'access_combined',
      _raw: raw,
      fields,
    });
  }
  return rows;
}

export interface LookupSpec {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * The tenant's lookup tables: `users` and `status_codes` in every tenant with different contents (and
 * `initech`'s `users` has an extra column), and one table only this tenant has.
 */
export function tenantLookups(t: Tenant, index: number): LookupSpec[] {
  const depts = ['eng', 'sales', 'ops', 'legal'];
  const users: LookupSpec = {
    name: 'users',
    header: index === 2 ? ['user', 'dept', 'owner', 'region'] : ['user', 'dept', 'owner'],
    rows: USERS.slice(0, 3 + index).map((u, i) => {
      const row = [u, depts[(i + index) % depts.length] ?? 'eng', t.marker];
      return index === 2 ? [...row, i % 2 === 0 ? 'emea' : 'amer'] : row;
    }),
  };
  const codes: LookupSpec = {
    name: 'status_codes',
    header: ['status', 'label', 'owner'],
    rows: STATUSES.slice(0, 2 + index).map((s, i) => [String(s), `${t.orgId}-label-${i}`, t.marker]),
  };
  const only: LookupSpec = {
    name: t.onlyTable,
    header: ['user', 'secret', 'owner'],
    rows: USERS.map((u) => [u, `${t.orgId}-secret-${u}`, t.marker]),
  };
  // Columns named like the storage table's own (`name`, `version`, `row`, `cells`): a search must still
  // read only this tenant's rows of it.
  const shadow: LookupSpec = {
    name: 'shadow',
    header: ['name', 'version', 'row', 'cells', 'owner'],
    rows: USERS.slice(0, 2 + index).map((u, i) => [
      u,
      String(i + 1),
      String(i),
      `${t.orgId}-cells-${u}`,
      t.marker,
    ]),
  };
  return [users, codes, only, shadow];
}

/** What a generated search must do besides leaking nothing. */
export type Expectation =
  /** Anything: rows or a diagnostic (never a server error). */
  | { readonly kind: 'any' }
  /** A diagnostic matching `message` (mstats, another tenant's lookup table…), no rows. */
  | { readonly kind: 'error'; readonly message: RegExp };

export interface GeneratedQuery {
  readonly spl: string;
  readonly expect: Expectation;
  /** The result depends on `now` (`earliest=-2h`, `makeresults`). */
  readonly relative: boolean;
}

const ANY: Expectation = { kind: 'any' };
const unsupported = (command: string): Expectation => ({
  kind: 'error',
  message: new RegExp(
    `\\b${command}\\b.*(not supported|works only inside Splunk)|unsupported|unknown command`,
  ),
});
const unknownLookup: Expectation = { kind: 'error', message: /unknown lookup table/ };
const reserved: Expectation = { kind: 'error', message: /`(org_id|_fields)` is reserved/ };

/** The searches' building blocks for one tenant: other tenants' names and markers are among the values. */
class Grammar {
  private relative = false;
  private expectation: Expectation = ANY;

  constructor(
    private readonly rng: Rng,
    private readonly self: Tenant,
    private readonly selfIndex: number,
    private readonly others: readonly Tenant[],
  ) {}

  private other(): Tenant {
    return this.rng.pick(this.others);
  }

  private fail(e: Expectation): void {
    if (this.expectation.kind === 'any') this.expectation = e;
  }

  /** One search term. */
  atom(): string {
    const r = this.rng;
    switch (r.int(0, 27)) {
      case 0:
        return `index=${r.pick(INDEXES)}`;
      case 1:
        return 'index=*';
      case 2:
        return 'index=audit';
      case 3:
        return `host=${r.pick(HOSTS)}`;
      case 4:
        return 'host=web*';
      case 5:
        return `user=${r.pick(USERS)}`;
      case 6:
        return `status=${r.pick(STATUSES)}`;
      case 7:
        return `status>=${r.pick([300, 400, 500])}`;
      case 8:
        return `sourcetype=${r.pick(['access_combined', 'app*', 'app_json'])}`;
      case 9:
        return `action=${r.pick(ACTIONS)}`;
      case 10:
        return r.pick(USERS);
      case 11:
        return r.pick(['error', 'timeout', 'login', '"status=500"', '"user=bob"']);
      case 12:
        return `org_id=${this.other().orgId}`;
      case 13:
        return 'org_id=*';
      case 14:
        return `org_id=${this.self.orgId}`;
      case 15:
        return `marker=${this.other().marker}`;
      case 16:
        return this.other().marker;
      case 17:
        return r.chance(0.5) ? this.self.marker : `marker=${this.self.marker}`;
      case 18:
        return `bytes>${r.int(1, 9) * 100}`;
      case 19:
        return `host=${r.pick(['WEB01', 'Db01'])}`;
      case 20:
        return `source="/var/log/${r.pick(['app', 'access'])}.log"`;
      case 21:
        return `duration<${r.int(1, 4)}`;
      case 22:
        return `tags=${r.pick(['red', 'blue', 'green'])}`;
      case 23:
        return `${this.other().orgId}`;
      case 24:
        return `index=${r.pick(INDEXES)} ${this.subsearch()}`;
      case 25:
        return `user=${r.pick(['a*', '*e', 'c*l'])}`;
      case 26:
        return `host!=${r.pick(HOSTS)}`;
      default:
        return `status!=${r.pick(STATUSES)}`;
    }
  }

  /** Search terms: one to three atoms joined by AND, OR or NOT, sometimes with a relative `earliest=`. */
  terms(depth = 0, first = true): string {
    const r = this.rng;
    const n = depth > 0 ? 1 : r.int(1, 3);
    const parts: string[] = [];
    // Time modifiers only in the first search of a pipeline (the search's or a subsearch's).
    if (first && r.chance(0.08)) {
      this.relative = true;
      parts.push(`earliest=-${r.int(1, 3)}h`);
    }
    for (let i = 0; i < n; i++) {
      const shape = r.int(0, 9);
      if (shape <= 5 || depth > 0) parts.push(this.atom());
      else if (shape <= 7) parts.push(`(${this.atom()} OR ${this.atom()})`);
      else parts.push(`NOT ${this.atom()}`);
    }
    return parts.join(' ');
  }

  /** A subsearch that returns values for the outer search: `[search … | fields x]` and friends. */
  subsearch(): string {
    const r = this.rng;
    const f = r.pick(['host', 'user']);
    switch (r.int(0, 6)) {
      case 0:
        return `[search ${this.terms(1)} | fields ${f}]`;
      case 1:
        return `[search ${this.terms(1)} | stats count by ${f} | fields ${f}]`;
      case 2:
        return `[search ${this.terms(1)} | head ${r.int(1, 5)} | fields ${f}]`;
      case 3:
        return '[| inputlookup users | fields user]';
      case 4:
        return `[search org_id=${this.other().orgId} | fields ${f}]`;
      case 5:
        return `[search ${this.other().marker} | fields ${f}]`;
      default:
        return `[search ${this.terms(1)} | dedup ${f} | return 3 ${f}]`;
    }
  }

  /** A lookup table name: mostly the tenant's own, sometimes one only another tenant has. */
  tableName(): { name: string; columns: readonly string[] } {
    const r = this.rng;
    const k = r.int(0, 9);
    if (k <= 3) return { name: r.chance(0.2) ? 'users.csv' : 'users', columns: ['user', 'dept', 'owner'] };
    if (k <= 5) return { name: 'status_codes', columns: ['status', 'label', 'owner'] };
    if (k <= 6) return { name: 'shadow', columns: ['name', 'version', 'cells', 'owner'] };
    if (k <= 7) return { name: this.self.onlyTable, columns: ['user', 'secret', 'owner'] };
    this.fail(unknownLookup);
    return { name: this.other().onlyTable, columns: ['user', 'secret', 'owner'] };
  }

  private lookupCommand(): string {
    const r = this.rng;
    const shape = r.int(0, 6);
    if (shape === 0) {
      // Only `initech`'s `users` has a column `region`.
      if (this.selfIndex !== 2) this.fail({ kind: 'error', message: /has no column `region`/ });
      return `lookup users user OUTPUT region`;
    }
    if (shape === 1) {
      this.fail(reserved);
      return `lookup users user OUTPUT dept AS org_id`;
    }
    const t = this.tableName();
    const key = t.columns[0] ?? 'user';
    const out = r.pick(t.columns.slice(1));
    if (shape === 2) return `lookup ${t.name} ${key}`;
    if (shape === 3) return `lookup ${t.name} ${key} OUTPUTNEW ${out} AS looked`;
    return `lookup ${t.name} ${key} OUTPUT ${out}`;
  }

  /** Streaming commands over raw events (order kept, events stay events). */
  private streaming(): string {
    const r = this.rng;
    switch (r.int(0, 21)) {
      case 0:
        return `eval kb=bytes/1024, big=if(bytes>500, "yes", "no")`;
      case 1:
        return `eval m=marker, o=org_id, t=lower(_raw)`;
      case 2:
        return `eval owner=coalesce(owner, "${this.other().marker}")`;
      case 3:
        return `where status>=${r.pick([300, 400, 500])} OR user="${r.pick(USERS)}"`;
      case 4:
        return `where like(user, "${r.pick(['a', 'b', 'c'])}%")`;
      case 5:
        return `rex field=_raw "user=(?<u>\\w+) status=(?<s>\\d+)"`;
      case 6:
        return `rex "marker=(?<mk>\\w+)"`;
      case 7:
        return this.lookupCommand();
      case 8:
        return `fields _time host user status marker`;
      case 9:
        return `rename user AS who, host AS machine`;
      case 10:
        this.fail(reserved);
        return `fillnull value=none org_id`;
      case 11:
        return `bin _time span=${r.pick(['5m', '30m', '1h'])}`;
      case 12:
        return `convert num(bytes) AS b`;
      case 13:
        return `makemv delim=" " _raw`;
      case 14:
        return `mvexpand tags`;
      case 15:
        return `spath path=user output=sp`;
      case 16:
        return `regex _raw="status=5\\d\\d"`;
      case 17:
        return `search ${this.terms(1, false)}`;
      case 18:
        this.fail(reserved);
        return r.pick([
          `rename host AS _fields`,
          `eval org_id="${this.self.orgId}"`,
          `stats count AS org_id by host`,
        ]);
      case 19:
        this.fail(reserved);
        return `rename host AS org_id`;
      case 20:
        this.fail(reserved);
        return `rex "(?<org_id>\\w+)"`;
      default:
        return `eval shifted=_time-60, o2=if(isnull(org_id), "none", org_id)`;
    }
  }

  /** Commands that need a defined order (raw events newest first, or rows sorted by a unique key). */
  private ordered(keys: readonly string[]): string {
    const r = this.rng;
    const key = r.pick(keys);
    switch (r.int(0, 5)) {
      case 0:
        return `head ${r.int(1, 20)}`;
      case 1:
        return `tail ${r.int(1, 20)}`;
      case 2:
        return `dedup ${key}`;
      case 3:
        return `streamstats count AS n by ${key}`;
      case 4:
        return `streamstats sum(bytes) AS running`;
      default:
        return `dedup ${r.int(1, 3)} ${key}`;
    }
  }

  /** A transforming command over raw events, and the fields it leaves (in a defined order). */
  private transforming(): { text: string; fields: string[]; ordered: boolean; series?: boolean } {
    const r = this.rng;
    const by = r.pick(['host', 'user', 'index', 'status', 'sourcetype', 'action']);
    switch (r.int(0, 21)) {
      case 0:
        return { text: `stats count by ${by}`, fields: [by, 'count'], ordered: true };
      case 1:
        return {
          text: `stats count, dc(user) AS users, sum(bytes) AS total by ${by}`,
          fields: [by, 'count', 'users', 'total'],
          ordered: true,
        };
      case 2:
        return {
          text: `stats avg(bytes) AS avg, max(status) AS worst, min(_time) AS first by host, ${by === 'host' ? 'user' : by}`,
          fields: ['host', 'avg', 'worst', 'first'],
          ordered: true,
        };
      case 3:
        return {
          text: `stats values(marker) AS markers, values(user) AS users by ${by}`,
          fields: [by, 'users'],
          ordered: true,
        };
      case 4:
        return { text: 'stats count', fields: ['count'], ordered: true };
      case 5:
        return {
          text: `stats latest(_raw) AS raw, earliest(marker) AS m by ${by}`,
          fields: [by, 'raw', 'm'],
          ordered: true,
        };
      case 6:
        return { text: `eventstats count AS total by ${by}`, fields: ['_time', by, 'total'], ordered: true };
      case 7:
        return { text: `streamstats count AS seq by ${by}`, fields: ['_time', by, 'seq'], ordered: true };
      case 8: {
        const split = r.chance(0.5);
        return {
          text: `timechart span=${r.pick(['10m', '30m', '1h'])} count${split ? ` by ${by}` : ''}`,
          fields: ['_time'],
          ordered: true,
          series: split,
        };
      }
      case 9:
        return {
          text: `chart count over host by ${r.pick(['status', 'user', 'index'])}`,
          fields: ['host'],
          ordered: true,
          series: true,
        };
      case 10:
        return {
          text: `top ${r.chance(0.5) ? `limit=${r.int(1, 5)} ` : ''}${by}`,
          fields: [by, 'count', 'percent'],
          ordered: false,
        };
      case 11:
        return { text: `rare ${by}`, fields: [by, 'count', 'percent'], ordered: false };
      case 12:
        return {
          text: `top user by ${r.pick(['host', 'index'])}`,
          fields: ['user', 'count'],
          ordered: false,
        };
      case 13:
        return {
          text: `transaction ${r.pick(['host', 'user'])} maxspan=${r.pick(['5m', '30m'])} | table _time host duration eventcount`,
          fields: ['_time', 'duration', 'eventcount'],
          ordered: true,
        };
      case 14:
        return {
          text: `table _time host user marker _raw`,
          fields: ['_time', 'host', 'user'],
          ordered: true,
        };
      case 15:
        return {
          text: `join type=${r.pick(['inner', 'left'])} host [search ${this.terms(1)} | stats count AS n by host]`,
          fields: ['_time', 'host', 'n'],
          ordered: true,
        };
      case 16:
        return { text: `join user [| inputlookup users]`, fields: ['_time', 'user', 'dept'], ordered: true };
      case 17:
        return {
          text: `join type=left host [search org_id=${this.other().orgId} | stats count AS n by host]`,
          fields: ['_time', 'host', 'n'],
          ordered: true,
        };
      case 18:
        return {
          text: `stats count by ${by} | append [search ${this.terms(1)} | stats count by ${by}]`,
          fields: [by, 'count'],
          ordered: false,
        };
      case 19:
        return {
          text: `stats count by ${by} | appendpipe [stats sum(count) AS total]`,
          fields: [by, 'count'],
          ordered: false,
        };
      case 20:
        return {
          text: `stats count by host | appendcols [search ${this.terms(1)} | stats count AS other by host]`,
          fields: ['host', 'count'],
          ordered: true,
        };
      default:
        return { text: `dedup host | table host user marker`, fields: ['host', 'user'], ordered: true };
    }
  }

  /** A command over transformed rows with `fields` (`series`: after `timechart … by`, `chart … by`). */
  private post(fields: readonly string[], series: boolean): string {
    const r = this.rng;
    const f = r.pick(fields);
    if (series) return r.pick([`fields ${f}`, `sort -${f}`, `where isnotnull(${f})`, 'fillnull value=0']);
    switch (r.int(0, 11)) {
      case 0:
        return `sort ${fields.map((x) => (r.chance(0.5) ? `-${x}` : x)).join(', ')}`;
      case 1:
        return `where isnotnull(${f})`;
      case 2:
        return `eval label=${f}."-x"`;
      case 3:
        return `fields ${fields.join(' ')}`;
      case 4:
        return `rename ${f} AS renamed`;
      case 5:
        return `lookup users user OUTPUT dept`;
      case 6:
        return `append [search ${this.terms(1)} | stats count]`;
      case 7:
        return `appendpipe [stats count AS rows]`;
      case 8:
        return `join type=left ${f} [search ${this.terms(1)} | stats count AS joined by ${f}]`;
      case 9:
        return `addtotals fieldname=tot ${f}`;
      case 10:
        return `fillnull value=0 ${f}`;
      default:
        return `eval owner="${this.self.marker}"`;
    }
  }

  /**
   * A command that reads index metadata or merges searches and datasets (`eventcount`, `metadata`,
   * `multisearch`, `union`, `set`, `from`), with the tenant's (or another tenant's) names in it.
   */
  private results(): string {
    const r = this.rng;
    switch (r.int(0, 14)) {
      case 0:
        return r.pick([
          '| eventcount index=*',
          '| eventcount summarize=false index=* index=_*',
          `| eventcount index=${r.pick(['main', 'web', 'w*'])}`,
        ]);
      case 1:
        return `| metadata type=${r.pick(['hosts', 'sources', 'sourcetypes'])} ${r.pick(['index=*', 'index=main', ''])}`;
      case 2:
        return `| multisearch [search index=main ${this.atom()}] [search index=web ${this.atom()}]`;
      case 3:
        return `| union [search ${this.terms(1)}] [search index=web | stats count by host]`;
      case 4: {
        const t = this.tableName();
        return `| union [search index=main ${this.atom()}] inputlookup:${t.name}`;
      }
      case 5:
        return `${this.terms(1)} | union [search index=web ${this.atom()}]`;
      case 6: {
        const op = r.pick(['union', 'diff', 'intersect']);
        const f = r.pick(['host', 'user', 'status']);
        return `| set ${op} [search ${this.terms(1)} | stats count by ${f} | fields ${f}] [search index=web | stats count by ${f} | fields ${f}]`;
      }
      case 7:
        return `| set ${r.pick(['union', 'diff', 'intersect'])} [search index=main ${this.atom()}] [search index=web]`;
      case 8: {
        const t = this.tableName();
        return `| from ${r.pick(['inputlookup', 'lookup'])}:${t.name}`;
      }
      case 9:
        return `index=main | stats count by ${r.pick(['host', 'user'])} | head 3 | map maxsearches=3 search="search index=web ${r.pick(['host=$host$', 'user=$user$', '$host$ $user$'])}"`;
      case 10:
        return r.chance(0.5)
          ? `${this.terms(1)} | fieldsummary maxvals=3 host status ${r.pick(['user', 'marker', 'org_id'])}`
          : `${this.terms(1)} | table host user status marker | fieldsummary`;
      case 11:
        return `| metasearch ${r.pick(['index=main', 'index=*', `host=${r.pick(HOSTS)}`, this.other().marker])}`;
      case 13:
        return `| ${r.pick(['mpreview', 'msearch'])} ${r.pick(['index=metrics', 'index=*', ''])} ${r.pick(['', 'filter="metric_name=cpu.*"', `filter="host=${r.pick(HOSTS)}"`])} target_per_timeseries=${r.int(1, 3)}`;
      case 12:
        return `${this.terms(1)} | contingency ${r.pick(['host status', 'user action', 'index sourcetype'])}`;
      default:
        return `${this.terms(1)} | table host user status marker | selfjoin ${r.pick(['user', 'host', 'marker'])}`;
    }
  }

  /** A search from its first command to the end. */
  query(): GeneratedQuery {
    this.relative = false;
    this.expectation = ANY;
    const r = this.rng;
    const parts: string[] = [];
    const shape = r.int(0, 99);
    if (shape < 3) {
      const agg = `${r.pick(['avg', 'max', 'min', 'sum', 'count', 'latest'])}(${r.pick(['cpu.usage', 'mem.used', '_value'])})`;
      const where = r.pick([
        'index=metrics',
        'index=*',
        `index=* AND org_id=${this.other().orgId}`,
        `metric_name="mem.used" AND host=${r.pick(HOSTS)}`,
      ]);
      if (where.includes('org_id')) this.fail({ kind: 'error', message: /`org_id` is the tenant/ });
      const by = r.pick(['', ' BY host', ' BY host, index']);
      const span = r.pick(['', ' span=5m', ' span=1h']);
      parts.push(`| mstats ${agg} WHERE ${where}${by}${span}`);
      if (r.chance(0.3)) parts.push('stats count');
    } else if (shape < 4) {
      // tstats reads the tenant's events (and, with a data model, its knowledge objects): checked like any search.
      parts.push(
        r.pick([
          '| tstats count WHERE index=* BY host',
          `| tstats count max(_time) AS last WHERE index=* host=${r.pick(HOSTS)} BY host, sourcetype`,
          `| tstats prestats=t count WHERE index=* BY host | stats count BY host`,
          `| tstats count WHERE index=* AND org_id=${this.other().orgId} BY host`,
          '| tstats count FROM datamodel=Web BY Web.src',
        ]),
      );
    } else if (shape < 5) {
      const [cmd, text] = r.pick([
        ['dbinspect', '| dbinspect index=*'],
        ['rest', '| rest /services/authentication/users'],
      ] as const);
      this.fail(unsupported(cmd));
      parts.push(text);
    } else if (shape < 8) {
      // Index metadata, merged searches and datasets: each reads the tenant's events and tables only.
      parts.push(this.results());
      // (Not a search term: most of these results are not raw events.)
      if (r.chance(0.3)) parts.push(r.pick(['stats count', 'head 3']));
    } else if (shape < 14) {
      const t = this.tableName();
      parts.push(
        r.pick([
          `| inputlookup ${t.name}`,
          `| inputlookup ${t.name} where ${t.columns[0] ?? 'user'}=${r.pick(USERS)}`,
          `| inputlookup ${t.name} | search owner=${this.other().marker}`,
          `| inputlookup append=t ${t.name}`,
        ]),
      );
      if (r.chance(0.5)) parts.push(`stats count by owner`);
    } else if (shape < 17) {
      // `makeresults` stamps its rows with now.
      this.relative = true;
      parts.push(`| makeresults count=${r.int(1, 3)}`);
      parts.push(
        r.pick([
          `eval user="${r.pick(USERS)}" | lookup users user OUTPUT dept owner`,
          `eval x=1 | append [search ${this.terms(1)} | stats count by host]`,
          `eval host="${r.pick(HOSTS)}" | join type=left host [search index=* | stats count AS n by host]`,
          `eval user="${r.pick(USERS)}" | appendcols [search ${this.terms(1)} | stats count]`,
        ]),
      );
    } else {
      const t = this.terms();
      parts.push(r.chance(0.3) ? `search ${t}` : t);
      if (r.chance(0.15)) parts.push(`search ${this.subsearch()}`);
      if (r.chance(0.6)) parts.push(this.streaming());
      if (r.chance(0.25)) parts.push(this.ordered(['host', 'user', 'status']));
      if (r.chance(0.75)) {
        const tr = this.transforming();
        parts.push(tr.text);
        if (r.chance(0.5)) parts.push(this.post(tr.fields, tr.series === true));
        if (tr.ordered && r.chance(0.2)) parts.push(`head ${r.int(1, 5)}`);
      }
    }
    return { spl: parts.join(' | '), expect: this.expectation, relative: this.relative };
  }
}

/**
 * `count` distinct searches for tenant `self` (index `selfIndex` of `all`), from `seed`.
 *
 * @example generateQueries(42, tenants, 0, 5000)[0] // { spl: 'index=web user=alice | stats count by host', … }
 */
export function generateQueries(
  seed: number,
  all: readonly Tenant[],
  selfIndex: number,
  count: number,
): GeneratedQuery[] {
  const self = all[selfIndex];
  if (!self) throw new Error(`no tenant ${selfIndex}`);
  const g = new Grammar(
    new Rng(seed + selfIndex * 104_729),
    self,
    selfIndex,
    all.filter((t) => t !== self),
  );
  const seen = new Map<string, GeneratedQuery>();
  for (let attempts = 0; seen.size < count && attempts < count * 20; attempts++) {
    const q = g.query();
    if (!seen.has(q.spl)) seen.set(q.spl, q);
  }
  if (seen.size < count) throw new Error(`the grammar made only ${seen.size} distinct searches`);
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------------------
// The oracle: what a search's result may hold, and whether two results are the same.

/** Text only tenant `t`'s data holds: its marker and the tenant-specific cells of its lookup tables. */
export function provenance(t: Tenant): string[] {
  return [t.marker, `${t.orgId}-secret-`, `${t.orgId}-label-`, `${t.orgId}-cells-`];
}

/**
 * The other tenants' provenance strings found anywhere in a result's columns and rows (column names
 * included), except those the search itself names (`eval owner="<marker>"` returns what it was given;
 * the differential check covers such searches).
 */
export function foreignMarkers(
  result: { readonly columns: readonly unknown[]; readonly rows: readonly unknown[] },
  others: readonly Tenant[],
  spl: string,
): string[] {
  const text = JSON.stringify([result.columns, result.rows]);
  return others
    .flatMap(provenance)
    .filter((m) => !spl.includes(m))
    .filter((m) => text.includes(m));
}

/**
 * Tables a compiled search may read: each must be filtered by the tenant column first thing. The list is
 * the row policy's (server mode), so a table read by searches but missing from the policy fails here.
 */
// `metrics` is read by mstats; it joins TENANT_TABLES with the metrics migration (branch metrics-ingest).
const TENANT_TABLE_NAMES = new Set([...TENANT_TABLES, 'metrics'].map(quoteIdent));

/**
 * Problems with a compiled statement for `orgId`: every `FROM`/`JOIN` that reads a table (not a
 * subquery) reads one of the tenant tables (or `numbers(n)`), and its WHERE starts with
 * `org_id = {pN:String}` where the bound value is `orgId`.
 */
export function sqlProblems(sql: string, params: Record<string, unknown>, orgId: string): string[] {
  const problems: string[] = [];
  const source = /(?<!FILL |ARRAY )\b(FROM|JOIN)\s+(?!\()(\S+)/g;
  let reads = 0;
  for (let m = source.exec(sql); m; m = source.exec(sql)) {
    const table = m[2] ?? '';
    if (/^numbers\(\d+\)$/.test(table)) continue;
    if (!TENANT_TABLE_NAMES.has(table)) {
      problems.push(`reads ${table}, which is not a tenant table`);
      continue;
    }
    reads++;
    const after = sql.slice(source.lastIndex);
    const filter = /^\s*WHERE `org_id` = \{(p\d+):String\}/.exec(after);
    if (!filter) problems.push(`${m[1]} ${table} without \`org_id\` = {…} first in its WHERE`);
    else if (params[filter[1] ?? ''] !== orgId) {
      problems.push(`${table} is filtered by org ${JSON.stringify(params[filter[1] ?? ''])}, not ${orgId}`);
    }
  }
  if (reads === 0 && !/\bnumbers\(\d+\)/.test(sql)) problems.push('reads no table at all');
  return problems;
}

/** A value for comparison: numbers to 10 significant digits (sums may add up in another order). */
function canonicalValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toPrecision(10));
  if (Array.isArray(v)) return v.map(canonicalValue);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonicalValue(x)]));
  }
  return v;
}

/** What a search returned, as one comparable string: columns in order, rows as a sorted multiset. */
export function canonicalResult(r: {
  columns: readonly { name: string }[];
  rows: readonly (readonly unknown[])[];
  truncated?: boolean;
}): string {
  const rows = r.rows.map((row) => JSON.stringify(canonicalValue(row))).sort();
  return JSON.stringify({ columns: r.columns.map((c) => c.name), truncated: r.truncated ?? false, rows });
}

// ---------------------------------------------------------------------------------------------------------
// Knowledge objects per tenant (issue 25): every tenant defines objects under the same names (eventtype
// `busy`, tag `hot`, alias `who`, calculated `size`, data model `Iso`) with different definitions, plus
// objects only it has (eventtype `<org>_only`, tag `<org>tag`, data model `<Org>_Model`).

/** A tenant's knowledge files: Splunk .conf text by kind, and its data models' JSON by name. */
export interface TenantKnowledge {
  readonly conf: Readonly<Record<'eventtypes' | 'tags' | 'props', string>>;
  readonly datamodels: Readonly<Record<string, string>>;
}

const modelName = (t: Tenant): string => `${t.orgId[0]?.toUpperCase() ?? ''}${t.orgId.slice(1)}_Model`;

export function tenantKnowledge(t: Tenant, index: number): TenantKnowledge {
  const busy = ['status=500', 'action=login', 'user=alice'][index % 3] ?? 'status=500';
  const aliasFrom = ['user', 'action', 'host'][index % 3] ?? 'user';
  const hotHost = HOSTS[index % HOSTS.length] ?? 'web01';
  const isoConstraint = ['eventtype=busy', 'tag=hot', 'status=404'][index % 3] ?? 'status=404';
  const model = (name: string, constraint: string): string =>
    JSON.stringify({
      modelName: name,
      objects: [
        {
          objectName: name,
          parentName: 'BaseEvent',
          fields: [
            { fieldName: 'user', type: 'string' },
            { fieldName: 'who', type: 'string' },
          ],
          constraints: [{ search: constraint }],
        },
      ],
    });
  return {
    conf: {
      eventtypes: `[busy]\nsearch = ${busy}\n\n[${t.orgId}_only]\nsearch = index=*\ntags = ${t.orgId}tag\n`,
      tags: `[eventtype=busy]\nhot = enabled\n\n[host=${hotHost}]\nhot = enabled\n${t.orgId}host = enabled\n`,
      props: `[access_combined]\nFIELDALIAS-who = ${aliasFrom} AS who\nEVAL-size = bytes * ${index + 2}\n`,
    },
    datamodels: { Iso: model('Iso', isoConstraint), [modelName(t)]: model(modelName(t), 'index=*') },
  };
}

/** A search over knowledge objects, and what it must do when it names another tenant's objects. */
export interface KnowledgeQuery {
  readonly spl: string;
  /** It names an object only another tenant has: no rows (`empty`), or a diagnostic matching `error`. */
  readonly foreign?: { readonly empty: true } | { readonly error: RegExp };
}

/** `n` seeded searches for tenant `index` that read the shared-name objects and name the others' own. */
export function knowledgeQueries(
  seed: number,
  all: readonly Tenant[],
  index: number,
  n: number,
): KnowledgeQuery[] {
  const rng = new Rng(seed ^ (0x6b0 + index * 104_729));
  const others = all.filter((_, i) => i !== index);
  const filter = (): string =>
    rng.pick([
      '',
      ` host=${rng.pick(HOSTS)}`,
      ` status=${rng.pick(STATUSES)}`,
      ` NOT user=${rng.pick(USERS)}`,
    ]);
  const out: KnowledgeQuery[] = [];
  while (out.length < n) {
    const other = rng.pick(others);
    const f = filter();
    out.push(
      rng.pick<KnowledgeQuery>([
        { spl: `eventtype=busy${f} | stats count by host` },
        { spl: `tag=hot${f} | stats count by user` },
        { spl: `index=*${f} | stats count by who` },
        { spl: `index=*${f} | stats sum(size) as s by host` },
        { spl: `index=*${f} | stats count by eventtype` },
        { spl: `index=*${f} | stats count by tag` },
        { spl: `tag::host=hot${f} | stats count` },
        // the tags command: the tenant's own tags.conf only (another tenant's `<org>host` tag never shows)
        { spl: `index=*${f} | tags host | stats count by tag::host` },
        { spl: `index=*${f} | tags outputfield=t inclname=t inclvalue=t | stats count by t` },
        { spl: `| tstats count from datamodel=Iso where index=* by host` },
        { spl: `| from datamodel:Iso.Iso | search${f || ' index=*'} | stats count by who` },
        { spl: `| pivot Iso Iso count(Iso) AS n SPLITROW host` },
        { spl: `| datamodel Iso Iso search | stats count by Iso.who` },
        { spl: `eventtype=${other.orgId}_only | stats count`, foreign: { empty: true } },
        { spl: `tag=${other.orgId}tag${f} | stats count`, foreign: { empty: true } },
        { spl: `tag=${other.orgId}host | stats count`, foreign: { empty: true } },
        {
          spl: `| tstats count from datamodel=${modelName(other)}`,
          foreign: { error: new RegExp(`unknown data model \`${modelName(other)}\``) },
        },
      ]),
    );
  }
  return out;
}
