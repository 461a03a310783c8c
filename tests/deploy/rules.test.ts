// k8s/11-prometheus-rules.yaml: promtool checks it and runs its unit tests (every alert fires on its data and
// stays quiet on healthy data), vmalert accepts it, and every alert links a runbook that exists.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { stringify } from 'yaml';
import { at, dict, list, read, root, str, yamlDoc } from './yaml.ts';

const RULE = yamlDoc('k8s/11-prometheus-rules.yaml');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-rules-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
// A PrometheusRule's spec is a Prometheus rules file; the unit tests name it nexus-rules.yaml.
const rulesFile = path.join(dir, 'nexus-rules.yaml');
fs.writeFileSync(rulesFile, stringify(at(RULE, 'spec')));
fs.copyFileSync(
  path.join(root, 'k8s/tests/prometheus-rules.test.yaml'),
  path.join(dir, 'prometheus-rules.test.yaml'),
);

const alerts = list(at(RULE, 'spec', 'groups'), 'groups')
  .flatMap((g) => list(at(g, 'rules'), 'rules'))
  .map((r) => dict(r, 'rule'))
  .filter((r) => r['alert'] !== undefined);

function run(cmd: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
  assert.equal(
    r.error,
    undefined,
    `${cmd} is installed (Debian package; .ci/run installs it): ${String(r.error)}`,
  );
  return { status: r.status, out: r.stdout + r.stderr };
}

test('promtool check rules', () => {
  const r = run('promtool', ['check', 'rules', rulesFile]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /SUCCESS: 19 rules found/);
});

test('promtool test rules: every alert has a firing case and a quiet case', () => {
  const r = run('promtool', ['test', 'rules', 'prometheus-rules.test.yaml']);
  assert.equal(r.status, 0, r.out);
  const tests = list(at(yamlDoc('k8s/tests/prometheus-rules.test.yaml'), 'tests'), 'tests');
  const cases = tests.flatMap((t) => list(at(t, 'alert_rule_test'), 'alert_rule_test'));
  for (const a of alerts) {
    const mine = cases.filter((c) => at(c, 'alertname') === a['alert']);
    assert.ok(
      mine.some((c) => list(at(c, 'exp_alerts'), 'exp').length > 0),
      `${String(a['alert'])} fires in a test`,
    );
    assert.ok(
      mine.some((c) => list(at(c, 'exp_alerts'), 'exp').length === 0),
      `${String(a['alert'])} is quiet in a test`,
    );
  }
});

test('promtool test rules fails when an alert does not fire as expected (the tests can fail)', () => {
  const broken = read('k8s/tests/prometheus-rules.test.yaml').replace("values: '0x10'", "values: '1x10'");
  fs.writeFileSync(path.join(dir, 'broken.test.yaml'), broken);
  const r = run('promtool', ['test', 'rules', 'broken.test.yaml']);
  assert.notEqual(r.status, 0);
  assert.match(r.out, /NexusApiDown/);
});

test('vmalert -dryRun accepts the rules', () => {
  const r = run('vmalert', ['-dryRun', `-rule=${rulesFile}`]);
  assert.equal(r.status, 0, r.out);
});

test('every alert has a severity, a summary and a runbook_url into docs/runbooks/ that exists', () => {
  assert.ok(alerts.length >= 13, `${alerts.length} alerts`);
  for (const a of alerts) {
    const name = String(a['alert']);
    assert.match(str(at(a, 'labels', 'severity'), `${name} severity`), /^(critical|warning)$/);
    assert.ok(str(at(a, 'annotations', 'summary'), `${name} summary`).length > 0);
    const url = str(at(a, 'annotations', 'runbook_url'), `${name} runbook_url`);
    const m = /\/blob\/main\/(docs\/runbooks\/[a-z0-9-]+\.md)(?:#([a-z0-9-]+))?$/.exec(url);
    assert.ok(m?.[1] !== undefined, `${name}: ${url} points into docs/runbooks/`);
    const page = read(m[1]);
    if (m[2] !== undefined) {
      const anchors = [...page.matchAll(/^#+ (.+)$/gm)].map((h) =>
        (h[1] ?? '')
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      );
      assert.ok(
        anchors.includes(m[2]),
        `${name}: ${m[1]} has a heading #${m[2]} (has ${anchors.join(', ')})`,
      );
    }
    assert.match(page, new RegExp(name), `${m[1]} names the alert ${name}`);
  }
});

test('amtool accepts the Alertmanager example, which routes every severity the alerts use', () => {
  const r = run('amtool', ['check-config', path.join(root, 'deploy/alertmanager/alertmanager.yml')]);
  assert.equal(r.status, 0, r.out);
  const cfg = read('deploy/alertmanager/alertmanager.yml');
  for (const a of alerts) {
    const severity = String(at(a, 'labels', 'severity'));
    assert.ok(severity === 'warning' || cfg.includes(`severity="${severity}"`), `${severity} is routed`);
  }
});
