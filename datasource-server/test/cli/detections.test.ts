// `nexus detections import`: security_content detection YAML → Grafana alert-rule provisioning. The detections
// are built from the corpus (real ESCU names, files and searches, ../shared/corpus/escu-train.jsonl) in
// security_content's YAML layout, with a checkout's `macros/` folder; each rule must exist exactly when its
// search compiles, and carry its schedule, MITRE/analytic-story labels and drilldowns.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compile } from '@nexus/spl';
import { parse, stringify } from 'yaml';
import { detectionsCommand } from '../../src/cli/detections.ts';

const corpus = fs
  .readFileSync(
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/escu-train.jsonl'),
    'utf8',
  )
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { file: string; name: string; search: string });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-detections-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// Every 40th corpus search (21 detections: tstats over data models and raw searches alike).
const picked = corpus.filter((_, i) => i % 40 === 0);
const id = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
for (const [i, d] of picked.entries()) {
  const file = path.join(dir, 'detections', d.file.replace(/^detections\//, ''));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    stringify({
      name: d.name,
      id: id(i),
      type: i % 2 === 0 ? 'TTP' : 'Anomaly',
      description: `Corpus detection ${d.name}.`,
      // The per-detection filter macro security_content appends (empty until a customer fills it).
      search: `${d.search} | \`${path.basename(d.file, '.yml')}_filter\``,
      references: ['https://attack.mitre.org/techniques/T1059/'],
      drilldown_searches: [
        {
          name: 'View the detection results for $dest$',
          search: '%original_detection_search% | search dest = $dest$',
        },
      ],
      tags: {
        analytic_story: ['Story A', 'Story B'],
        mitre_attack_id: ['T1059', 'T1059.001'],
        security_domain: 'endpoint',
        risk_score: 42,
        message: 'Suspicious activity on $dest$ by $user$',
      },
    }),
  );
}
// A detection reading a macro of the checkout's macros/ folder, with its own schedule.
fs.mkdirSync(path.join(dir, 'macros'));
fs.writeFileSync(
  path.join(dir, 'macros', 'my_source.yml'),
  stringify({ name: 'my_source', definition: 'index=main sourcetype=my:source' }),
);
fs.writeFileSync(
  path.join(dir, 'detections', 'scheduled.yml'),
  stringify({
    name: 'Scheduled detection',
    id: 'abc',
    type: 'Hunting',
    search: '`my_source` action=blocked | stats count by dest | `scheduled_detection_filter`',
    deployment: { scheduling: { cron_schedule: '*/15 * * * *', earliest_time: '-20m', latest_time: 'now' } },
    tags: { mitre_attack_id: ['T1110'] },
  }),
);
fs.writeFileSync(path.join(dir, 'detections', 'broken.yml'), 'name: [unclosed\n');
fs.writeFileSync(path.join(dir, 'detections', 'not-a-detection.yml'), 'just: a mapping\n');

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(c.toString());
        cb();
      },
    }),
    text: () => chunks.join(''),
  };
}

interface Rule {
  uid: string;
  title: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  data: { refId: string; relativeTimeRange?: { from: number; to: number }; model: { spl?: string } }[];
}

describe('nexus detections import', () => {
  const out = path.join(dir, 'rules.yaml');
  const stderr = sink();
  let code = -1;
  let doc: {
    apiVersion: number;
    groups: { name: string; folder: string; interval: string; rules: Rule[] }[];
  };

  test('one rule per detection that compiles; the others are reported with the reason', async () => {
    code = await detectionsCommand(['import', '--out', out, path.join(dir, 'detections')], {
      stdout: sink().stream,
      stderr: stderr.stream,
    });
    assert.equal(code, 0, stderr.text());
    doc = parse(fs.readFileSync(out, 'utf8')) as typeof doc;
    assert.equal(doc.apiVersion, 1);
    const rules = doc.groups.flatMap((g) => g.rules);
    const log = stderr.text();
    let compiled = 0;
    for (const [i, d] of picked.entries()) {
      const ok = compile(`${d.search}\n| stats count AS detections`, {
        orgId: 'x',
        nowMs: Date.now(),
        earliestMs: 0,
        latestMs: Date.now(),
      }).ok;
      const rule = rules.find((r) => r.uid === `escu-${id(i).replace(/-/g, '')}`.slice(0, 40));
      assert.equal(rule !== undefined, ok, `${d.name}: compiles ${ok}`);
      if (ok) compiled++;
      else
        assert.match(
          log,
          new RegExp(`^skip ${d.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*: does not compile: `, 'm'),
        );
    }
    assert.ok(compiled >= picked.length / 2, `${compiled} of ${picked.length} compiled`);
    assert.match(log, /^skip broken\.yml .*: not YAML/m);
    assert.match(log, /^skip not-a-detection\.yml .*: not a detection/m);
    assert.match(log, /1 macros read from the checkout's macros\//);
    assert.match(
      log,
      new RegExp(`^${compiled + 1} of ${picked.length + 3} detections became alert rules$`, 'm'),
    );
  });

  test('ESCU schedule (hourly, -70m to -10m), labels, annotations and the three queries of a rule', () => {
    const hourly = doc.groups.find((g) => g.interval === '1h');
    assert.equal(hourly?.folder, 'ESCU');
    const rule = hourly?.rules[0];
    assert.ok(rule);
    assert.deepEqual(
      rule.data.map((x) => x.refId),
      ['A', 'B', 'C'],
    );
    assert.deepEqual(rule.data[0]?.relativeTimeRange, { from: 4200, to: 600 });
    assert.match(rule.data[0]?.model.spl ?? '', /\n\| stats count AS detections$/);
    assert.doesNotMatch(rule.data[0]?.model.spl ?? '', /_filter`/, 'the empty filter macro is removed');
    assert.equal(rule.labels.mitre_attack_id, 'T1059,T1059.001');
    assert.equal(rule.labels.analytic_story, 'Story A,Story B');
    assert.equal(rule.labels.risk_score, '42');
    assert.equal(rule.annotations.summary, 'Suspicious activity on {{ $labels.dest }} by {{ $labels.user }}');
    assert.match(rule.annotations.drilldown_1 ?? '', /^View the detection results/);
    assert.equal(rule.annotations.runbook_url, 'https://attack.mitre.org/techniques/T1059/');
  });

  test("a detection's own deployment schedule, and a macro from the checkout", () => {
    const g = doc.groups.find((x) => x.interval === '15m');
    const rule = g?.rules.find((r) => r.title === 'Scheduled detection');
    assert.ok(rule, 'the */15 cron becomes a 15m group');
    assert.deepEqual(rule.data[0]?.relativeTimeRange, { from: 1200, to: 0 });
    assert.equal(rule.labels.detection_type, 'hunting');
  });

  test('usage errors exit 2', async () => {
    const err = sink();
    assert.equal(await detectionsCommand(['import'], { stdout: sink().stream, stderr: err.stream }), 2);
    assert.equal(await detectionsCommand(['export', dir], { stdout: sink().stream, stderr: err.stream }), 2);
    assert.equal(
      await detectionsCommand(['import', '--bogus', dir], { stdout: sink().stream, stderr: err.stream }),
      2,
    );
    assert.match(err.text(), /usage:/);
  });
});
