// CI/CD: the GitHub workflow is valid (@action-validator/cli) and runs .ci/run; the Argo CD Application and
// the Flux Kustomization validate against their CRD schemas and point at k8s/.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { at, dict, list, read, root, yamlDoc, yamlDocs } from './yaml.ts';
import { validateObject } from './schemas.ts';

const VALIDATOR = path.join(root, 'node_modules/.bin/action-validator');
const validate = (file: string): { status: number | null; out: string } => {
  const r = spawnSync(VALIDATOR, [file], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
};

test('the workflow is valid for GitHub Actions, and an invalid one is refused', () => {
  const ok = validate(path.join(root, '.github/workflows/ci.yml'));
  assert.equal(ok.status, 0, ok.out);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-ci-'));
  try {
    const bad = path.join(dir, 'ci.yml');
    fs.writeFileSync(
      bad,
      read('.github/workflows/ci.yml').replace('runs-on: ubuntu-24.04', 'runs_on: ubuntu-24.04'),
    );
    assert.notEqual(validate(bad).status, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the workflow runs the same steps as .ci/run: it runs .ci/run', () => {
  const wf = yamlDoc('.github/workflows/ci.yml');
  const steps = list(at(wf, 'jobs', 'test', 'steps'), 'steps').map((s) => dict(s, 'step'));
  assert.ok(
    steps.some((s) => s['run'] === 'bash .ci/run'),
    'a step runs .ci/run',
  );
  assert.match(
    String(at(wf, 'jobs', 'test', 'container')),
    /^node:20-bookworm$/,
    'Debian with Node 20, as .ci/run expects',
  );
  const ci = read('.ci/run');
  assert.match(ci, /npm ci/);
  assert.match(ci, /npm test/);
  for (const pkg of ['prometheus', 'victoria-metrics', 'prometheus-alertmanager', 'openssl', 'chromium']) {
    assert.match(ci, new RegExp(`\\b${pkg}\\b`), `.ci/run installs ${pkg}`);
  }
});

test('Argo CD Application and Flux Kustomization validate and deploy k8s/', async () => {
  const argo = dict(yamlDoc('deploy/gitops/argocd-application.yaml'), 'application');
  await validateObject(argo, 'Argo CD Application');
  assert.equal(at(argo, 'spec', 'source', 'path'), 'k8s');
  assert.equal(at(argo, 'spec', 'destination', 'namespace'), 'nexus');
  const flux = yamlDocs('deploy/gitops/flux-kustomization.yaml').map((d) => dict(d, 'flux'));
  for (const o of flux) await validateObject(o, `Flux ${String(o['kind'])}`);
  const k = flux.find((o) => o['kind'] === 'Kustomization');
  assert.equal(at(k, 'spec', 'path'), './k8s');
  assert.equal(
    at(k, 'spec', 'sourceRef', 'name'),
    at(
      flux.find((o) => o['kind'] === 'GitRepository'),
      'metadata',
      'name',
    ),
  );
  assert.ok(fs.existsSync(path.join(root, 'k8s/kustomization.yaml')));
});
