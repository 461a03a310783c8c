// The built plugin folders pass the checks of Grafana's plugin validator that can run here (see
// test/helpers/package.ts for which analyzer each check mirrors), and ship no secrets. Then each check is shown to
// fail on a deliberately broken copy. Needs `npm run build` first.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  CHECKS,
  checkPackage,
  defaultForbidden,
  environmentSecrets,
  isVersionConstraint,
  listFiles,
  svgProblems,
  type Finding,
  type PackageOptions,
} from './helpers/package.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DS = path.join(ROOT, 'dist', 'nexus-spl-datasource');
const PANEL = path.join(ROOT, 'dist', 'nexus-events-panel');
const OPTS: PackageOptions = {
  sourceDir: path.join(ROOT, 'src'),
  packageJson: path.join(ROOT, 'package.json'),
  forbidden: defaultForbidden(path.resolve(ROOT, '..')),
};

const errors = (fs_: Finding[]): string[] =>
  fs_.filter((f) => f.severity === 'error').map((f) => `${f.analyzer}/${f.rule}: ${f.message}`);
const rules = (fs_: Finding[]): string[] => [...new Set(fs_.map((f) => `${f.analyzer}/${f.rule}`))].sort();

for (const dir of [DS, PANEL]) {
  test(`${path.basename(dir)}: no validator errors; no warnings either`, () => {
    const found = checkPackage(dir, OPTS);
    assert.deepEqual(errors(found), []);
    assert.deepEqual(rules(found), []);
  });
}

test('the packages hold what Grafana and the catalog read, and nothing else', () => {
  assert.deepEqual(listFiles(PANEL), [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'img/logo.svg',
    'img/screenshot-events.png',
    'module.js',
    'module.js.map',
    'plugin.json',
  ]);
  const ds = listFiles(DS);
  assert.deepEqual(
    ds.filter((f) => !f.startsWith('gpx_nexus_spl_')),
    [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'img/logo.svg',
      'img/screenshot-editor.png',
      'module.js',
      'module.js.map',
      'plugin.json',
    ],
  );
  assert.ok(ds.includes('gpx_nexus_spl_linux_amd64') || process.platform !== 'linux');
});

test('source maps name our sources relative to src/ and third-party code under ../node_modules/', () => {
  for (const dir of [DS, PANEL]) {
    const map = JSON.parse(fs.readFileSync(path.join(dir, 'module.js.map'), 'utf8')) as {
      sources: string[];
      sourcesContent: string[];
    };
    assert.equal(map.sources.length, map.sourcesContent.length);
    for (const s of map.sources)
      assert.ok(
        !path.isAbsolute(s) && (!s.startsWith('..') || /^\.\.\/(node_modules|\.\.\/packages\/spl)\//.test(s)),
        s,
      );
  }
});

// ---- negative tests: broken copies ------------------------------------------------------------------------------

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-pkg-'));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A copy of a plugin folder named `id` (the backend executable replaced by a small ELF-headed stand-in). */
function copyOf(src: string, id = path.basename(src)): string {
  const dir = fs.mkdtempSync(path.join(temp, 'c-'));
  const out = path.join(dir, id);
  for (const f of listFiles(src)) {
    fs.mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
    if (f.startsWith('gpx_')) {
      const head = Buffer.alloc(64);
      fs.readSync(fs.openSync(path.join(src, f), 'r'), head, 0, 64, 0);
      fs.writeFileSync(path.join(out, f), head, { mode: 0o755 });
      fs.chmodSync(path.join(out, f), 0o755);
    } else fs.copyFileSync(path.join(src, f), path.join(out, f));
  }
  return out;
}

const editJson = (file: string, edit: (j: Record<string, unknown>) => void): void => {
  const j = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(j);
  fs.writeFileSync(file, JSON.stringify(j));
};

const ruleOf = (dir: string, check: string): string[] =>
  rules((CHECKS[check] ?? assert.fail(check))(dir, OPTS));

test('a faithful copy passes (the stand-in executable keeps its ELF header and mode)', () => {
  assert.deepEqual(errors(checkPackage(copyOf(DS), OPTS)), []);
});

test('archive layout: a folder not named after the id, a dist/ inside, no plugin.json, a nested plugin.json', () => {
  assert.deepEqual(ruleOf(copyOf(PANEL, 'events-panel'), 'archive'), ['archivename/no-ident-root-dir']);
  const withDist = copyOf(PANEL);
  fs.mkdirSync(path.join(withDist, 'dist'));
  fs.writeFileSync(path.join(withDist, 'dist', 'module.js'), 'x');
  assert.deepEqual(ruleOf(withDist, 'archive'), ['archive/dist']);
  const none = copyOf(PANEL);
  fs.rmSync(path.join(none, 'plugin.json'));
  assert.deepEqual(ruleOf(none, 'metadata'), ['metadata/missing-metadata']);
  const nested = copyOf(DS);
  fs.cpSync(PANEL, path.join(nested, 'panel'), { recursive: true });
  assert.deepEqual(ruleOf(nested, 'includesnested'), ['includesnested/nested-plugin-id-in-non-app']);
});

test('metadata: schema, paths, logos, ids, versions and the Grafana dependency', () => {
  const d = copyOf(DS);
  const pj = path.join(d, 'plugin.json');
  editJson(pj, (j) => {
    j['id'] = 'nexus-spl';
    j['name'] = 'nexus-spl';
    j['alerting'] = 'yes';
    const info = j['info'] as Record<string, unknown>;
    info['version'] = 'one';
    info['logos'] = { small: './img/logo.svg', large: 'img/missing.png' };
    info['screenshots'] = [{ name: 'shot', path: 'module.js' }];
    j['dependencies'] = {
      grafanaDependency: '12.3.0',
      plugins: [{ id: 'nexus-spl', type: 'app', name: 'x' }],
    };
  });
  assert.deepEqual(ruleOf(d, 'metadatavalid'), ['metadatavalid/invalid-metadata']);
  assert.deepEqual(ruleOf(d, 'paths'), [
    'metadatapaths/invalid-relative-path',
    'metadatapaths/path-not-exists',
    'screenshots/screenshots-image-type',
  ]);
  assert.deepEqual(ruleOf(d, 'manifestRules'), [
    'circulardependencies/circular-dependency',
    'packagejson/packagecode-version-mismatch',
    'pluginname/human-friendly-name',
    'pluginname/invalid-id-format',
    'restrictivedep/depends-on-single-release',
    'typesuffix/plugin-type-suffix',
    'version/wrong-plugin-version',
  ]);
  editJson(pj, (j) => {
    j['dependencies'] = { grafanaDependency: '>= twelve' };
    (j['info'] as Record<string, unknown>)['logos'] = { small: '', large: 'https://example.com/l.png' };
  });
  assert.ok(ruleOf(d, 'manifestRules').includes('grafanadependency/invalid-grafana-dependency'));
  assert.deepEqual(ruleOf(d, 'paths'), [
    'logos/logos',
    'metadatapaths/path-relative-to-metadata',
    'screenshots/screenshots-image-type',
  ]);
  // A logo whose content is not an image of its extension.
  const p = copyOf(PANEL);
  fs.writeFileSync(path.join(p, 'img', 'logo.svg'), 'not an image');
  assert.deepEqual(ruleOf(p, 'paths'), ['screenshots/screenshots-image-type']);
});

test('grafanaDependency constraints as Masterminds/semver reads them', () => {
  for (const ok of [
    '>=12.3.0',
    '>=10.4.0 <13',
    '^12.3.0',
    '~12.3',
    '12.x',
    '>=11.0.0, <12 || >=12.3.0',
    '1.2 - 1.4.5',
  ])
    assert.ok(isVersionConstraint(ok), ok);
  for (const bad of ['', 'latest', '>= twelve', '>=12.3.0 ||', '12.3.0.1.2'])
    assert.ok(!isVersionConstraint(bad), bad);
});

test('documents: README, CHANGELOG and LICENSE are required, and checked', () => {
  const d = copyOf(PANEL);
  fs.writeFileSync(
    path.join(d, 'README.md'),
    '# Grafana Panel Plugin Template\n<!-- todo -->\nRun yarn. See [docs](./docs/x.md).\n',
  );
  fs.rmSync(path.join(d, 'CHANGELOG.md'));
  assert.deepEqual(ruleOf(d, 'documents'), [
    'brokenlinks/relative-link',
    'changelog/missing-changelog',
    'jargon/developer-jargon',
    'readme/readme-comment',
    'templatereadme/template-readme',
  ]);
  fs.writeFileSync(path.join(d, 'README.md'), '  \n');
  assert.ok(ruleOf(d, 'documents').includes('readme/missing-readme'));
  fs.writeFileSync(path.join(d, 'LICENSE'), 'All rights reserved.\n');
  assert.deepEqual(ruleOf(d, 'license'), ['license/license-not-valid']);
  fs.rmSync(path.join(d, 'LICENSE'));
  assert.deepEqual(ruleOf(d, 'license'), ['license/license-not-provided']);
});

test('unsafesvg: scripts, event handlers, foreign elements and broken markup', () => {
  assert.deepEqual(svgProblems(fs.readFileSync(path.join(DS, 'img', 'logo.svg'), 'utf8')), []);
  assert.deepEqual(svgProblems('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), [
    'element script',
    'element script',
  ]);
  assert.deepEqual(svgProblems('<svg><rect width="1" onLoad="x()"/></svg>'), ['attribute onLoad']);
  assert.deepEqual(svgProblems('<svg><foreignObject><iframe src="x"/></foreignObject></svg>'), [
    'element iframe',
  ]);
  assert.deepEqual(svgProblems('<svg><g></svg>'), ['unbalanced </svg>', 'unclosed <svg>']);
  const d = copyOf(PANEL);
  fs.writeFileSync(path.join(d, 'img', 'extra.svg'), '<svg><a onclick="x()"/></svg>');
  assert.deepEqual(ruleOf(d, 'unsafesvg'), ['unsafesvg/unsafe-svg-file']);
});

test('backend: permissions, a missing or foreign executable, backend/alerting flags, debug files', () => {
  const d = copyOf(DS);
  const exe = listFiles(d).find((f) => f.startsWith('gpx_')) ?? assert.fail('no executable');
  fs.chmodSync(path.join(d, exe), 0o644);
  fs.writeFileSync(path.join(d, 'standalone.txt'), '1234');
  assert.deepEqual(ruleOf(d, 'backend'), [
    'backenddebug/backend-debug-file-present',
    'binarypermissions/binary-executable-permissions',
  ]);
  fs.writeFileSync(path.join(d, exe), '#!/bin/sh\n');
  fs.chmodSync(path.join(d, exe), 0o755);
  assert.deepEqual(ruleOf(d, 'backend'), [
    'backendbinary/backend-binary-not-linux-amd64',
    'backenddebug/backend-debug-file-present',
  ]);
  fs.rmSync(path.join(d, exe));
  assert.deepEqual(ruleOf(d, 'backend'), ['binarypermissions/binary-executable-found']);
  editJson(path.join(d, 'plugin.json'), (j) => {
    j['backend'] = false;
  });
  assert.deepEqual(ruleOf(d, 'backend'), [
    'backendbinary/alerting-found-but-backend-false',
    'backendbinary/backend-found-but-not-declared',
    'binarypermissions/binary-executable-found',
  ]);
});

test('module.js: missing, empty, tracking scripts, Angular, React 19 removals', () => {
  const d = copyOf(PANEL);
  const js = path.join(d, 'module.js');
  const original = fs.readFileSync(js, 'utf8');
  fs.writeFileSync(js, '');
  assert.deepEqual(ruleOf(d, 'modulejs'), ['modulejs/missing-modulejs']);
  fs.writeFileSync(
    js,
    original.replace('define([', 'define(["app/core/core_module",') +
      ';var s="https://www.googletagmanager.com/gtag/js?id=G-1";r.findDOMNode(x);',
  );
  assert.deepEqual(ruleOf(d, 'trackingscripts'), ['trackingscripts/tracking-scripts']);
  assert.deepEqual(ruleOf(d, 'legacyplatform'), ['legacyplatform/legacy-platform']);
  assert.deepEqual(ruleOf(d, 'reactcompat'), ['reactcompat/react-19-issue']);
  fs.rmSync(js);
  assert.deepEqual(ruleOf(d, 'modulejs'), ['modulejs/missing-modulejs']);
});

test('jsMap: a missing map, a map without sources, a map that differs from src/', () => {
  const d = copyOf(PANEL);
  const map = path.join(d, 'module.js.map');
  editJson(map, (j) => {
    const contents = j['sourcesContent'] as string[];
    contents[0] = `${contents[0] ?? ''}\n// edited after the build`;
  });
  assert.deepEqual(ruleOf(d, 'jssourcemap'), ['jsMap/js-map-no-match']);
  editJson(map, (j) => {
    delete j['sourcesContent'];
  });
  assert.deepEqual(ruleOf(d, 'jssourcemap'), ['jsMap/js-map-invalid']);
  fs.rmSync(map);
  assert.deepEqual(ruleOf(d, 'jssourcemap'), ['jsMap/js-map-not-found']);
});

test('secrets: each planted secret is found, in the bundle, the map, the documents and the executable', () => {
  const envName = 'NEXUS_PACKAGE_TEST_SECRET_TOKEN';
  const envValue = randomBytes(18).toString('hex');
  process.env[envName] = envValue;
  try {
    assert.ok(environmentSecrets().includes(envValue));
    const opts: PackageOptions = { ...OPTS, forbidden: defaultForbidden(path.resolve(ROOT, '..')) };
    const plants: [string, string][] = [
      ['module.js', `;var k="-----BEGIN RSA PRIVATE KEY-----\\nMIIE";`],
      ['module.js', `;var t="glsa_${'a'.repeat(32)}_0123abcd";`],
      ['module.js.map', `{"x":"/home/alice/src/nexus/secret.ts"}`],
      ['README.md', `\ntoken: ${envValue}\n`],
      ['plugin.json', ` `.repeat(1) + `\n${fs.realpathSync(path.resolve(ROOT, '..'))}/provisioning`],
      ['CHANGELOG.md', `\nsee https://admin:hunter2x@grafana.example.com/\n`],
      ['module.js', `;var a="AKIA${'B'.repeat(16)}";`],
    ];
    for (const [file, text] of plants) {
      const d = copyOf(DS);
      assert.deepEqual(ruleOf(d, 'secrets'), [], 'a clean copy');
      fs.appendFileSync(path.join(d, file), text);
      const found = CHECKS['secrets']?.(d, opts) ?? [];
      assert.equal(found.length, 1, `${file}: ${text.trim()} → ${JSON.stringify(found)}`);
    }
    // The executable: only forbidden values are looked for (it is a node binary with node's own build paths).
    const d = copyOf(DS);
    const exe = listFiles(d).find((f) => f.startsWith('gpx_')) ?? assert.fail('no executable');
    fs.appendFileSync(path.join(d, exe), `\0${envValue}\0`);
    assert.deepEqual(rules(CHECKS['secrets']?.(d, opts) ?? []), ['secrets/forbidden-value']);
  } finally {
    delete process.env.NEXUS_PACKAGE_TEST_SECRET_TOKEN;
  }
});
