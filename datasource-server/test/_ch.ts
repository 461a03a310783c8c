import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { loadConfig } from '/work/wt-func20/datasource-server/src/config.ts';
import { createStore, runMigrations } from '/work/wt-func20/datasource-server/src/store/index.ts';
(async () => {
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'f20-'));
const store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
await runMigrations(store, { retentionDays: 30 });
const now = Date.now();
await store.insertLogs([
 { org_id: 'o', index: 'main', _time: now, host: 'h', source: 's', sourcetype: 't', _raw: 'r', fields: { tags: ['a','b','c'], n: [1, 2], m: [1, 'x'], s: 'x', k: 5 } },
 { org_id: 'o', index: 'main', _time: now, host: 'h', source: 's', sourcetype: 't', _raw: 'r', fields: { tags: ['d'], s: 'y' } },
]);
for (const q of process.argv.slice(2)) {
  try { const r = await store.query({ sql: q, params: {}, queryId: crypto.randomUUID(), tenant: 'o' }); console.log(JSON.stringify(r.columns), JSON.stringify(r.rows)); } catch (e) { console.log('ERR', (e as Error).message.slice(0, 300)); }
}
await store.close(); fs.rmSync(dir, { recursive: true, force: true });

})();
