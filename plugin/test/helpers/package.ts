// Checks of a built plugin folder (dist/<id>/, the root directory of the archive Grafana's catalog receives) that
// mirror the analyzers of Grafana's plugin validator (github.com/grafana/plugin-validator, pkg/analysis/passes/,
// read at commit a7e38aae36a336062e9aa5ee9dd36435851daac2) which can run without network access. Each check
// names the analyzer it follows; the rule names are the validator's. Written from what the analyzers check, not
// from their code. `secrets` is ours: no file of the package may carry a credential or a path of the build machine.
//
// The validator takes one plugin per archive, so each of our two folders is checked as its own archive.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateManifest } from './package-schema.ts';

export type Severity = 'error' | 'warning';

export interface Finding {
  /** The validator's analyzer (or `secrets`, ours). */
  readonly analyzer: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}

export interface PackageOptions {
  /** The plugin's src/ folder: the map's sources are compared with it (jsMap). */
  readonly sourceDir: string;
  /** The source package.json whose version plugin.json must carry (packagejson). */
  readonly packageJson: string;
  /** Literal values that must not appear in any file (env secrets, the repository's absolute path, …). */
  readonly forbidden: readonly string[];
}

/** The plugin.json fields the analyzers read. */
interface Manifest {
  id?: string;
  name?: string;
  type?: string;
  backend?: boolean;
  alerting?: boolean;
  executable?: string;
  includes?: { type?: string; path?: string }[];
  dependencies?: { grafanaDependency?: string; plugins?: { id?: string }[] };
  info?: {
    version?: string;
    description?: string;
    keywords?: string[];
    logos?: { small?: string; large?: string };
    screenshots?: { name?: string; path?: string }[];
    links?: { url?: string }[];
    author?: { url?: string };
  };
}

type Check = (dir: string, opts: PackageOptions) => Finding[];

const finding = (analyzer: string, rule: string, severity: Severity, message: string): Finding => ({
  analyzer,
  rule,
  severity,
  message,
});

/** Every file below `dir`, relative, with `/` separators. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  walk('');
  return out.sort();
}

function readManifest(file: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

const manifestOf = (dir: string): Manifest => readManifest(path.join(dir, 'plugin.json')) ?? {};

/** plugin.json files below the root, keyed by path relative to it (the validator's nestedmetadata map). */
function nestedManifests(dir: string): Map<string, Manifest> {
  const out = new Map<string, Manifest>();
  for (const f of listFiles(dir).filter((f) => path.posix.basename(f) === 'plugin.json')) {
    const m = readManifest(path.join(dir, f));
    if (m) out.set(f, m);
  }
  return out;
}

// ---- archive layout ------------------------------------------------------------------------------------------

/** archive: the root holds the plugin (no legacy `dist/` inside). archivename: the root is named after the id. */
const archive: Check = (dir) => {
  const out: Finding[] = [];
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0)
    return [finding('archive', 'empty-archive', 'error', `${dir} is empty`)];
  if (fs.existsSync(path.join(dir, 'dist')))
    out.push(finding('archive', 'dist', 'error', 'a dist/ folder inside the plugin folder'));
  const id = manifestOf(dir).id;
  if (path.basename(dir) === 'dist' || (id && path.basename(dir) !== id))
    out.push(
      finding('archivename', 'no-ident-root-dir', 'error', `folder ${path.basename(dir)} is not named ${id}`),
    );
  return out;
};

// ---- metadata ------------------------------------------------------------------------------------------------

/** metadata / nestedmetadata: plugin.json exists at the root and every plugin.json parses. */
const metadata: Check = (dir) => {
  if (!fs.existsSync(path.join(dir, 'plugin.json')))
    return [finding('metadata', 'missing-metadata', 'error', 'missing plugin.json')];
  return listFiles(dir)
    .filter((f) => path.posix.basename(f) === 'plugin.json')
    .filter((f) => readManifest(path.join(dir, f)) === undefined)
    .map((f) => finding('nestedmetadata', 'invalid-metadata', 'error', `${f} does not parse`));
};

/** metadatavalid: plugin.json validates against Grafana's schema (vendored; the validator downloads it). */
const metadatavalid: Check = (dir) => {
  const m = readManifest(path.join(dir, 'plugin.json'));
  if (!m) return [];
  return validateManifest(m).map((e) =>
    finding('metadatavalid', 'invalid-metadata', 'error', `plugin.json: ${e}`),
  );
};

/** The image kinds the validator accepts, by content (Go's http.DetectContentType plus its `<svg` test). */
function imageType(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (/^GIF8[79]a/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  const head = bytes.subarray(0, 512);
  if (!head.includes(0) && head.includes('<svg')) return 'image/svg+xml';
  return undefined;
}

const EXTENSION_TYPE: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

/**
 * logos: both logo paths are set. metadatapaths: logo and screenshot paths are relative to their plugin.json,
 * without a leading `.` or `/`, and exist. screenshots: at least one screenshot (a warning), and each image's
 * content is PNG, JPEG, GIF or SVG and matches its extension; we apply that image test to the logos too.
 */
const paths: Check = (dir) => {
  const out: Finding[] = [];
  for (const [file, m] of nestedManifests(dir)) {
    const base = path.join(dir, path.posix.dirname(file));
    const logos = m.info?.logos ?? {};
    const images: [string, string | undefined][] = [
      ['small logo', logos.small],
      ['large logo', logos.large],
      ...(m.info?.screenshots ?? []).map((s): [string, string | undefined] => ['screenshot', s.path]),
    ];
    if (file === 'plugin.json' && (m.info?.screenshots ?? []).length === 0)
      out.push(finding('screenshots', 'screenshots', 'warning', `${file}: no screenshots`));
    for (const [kind, p] of images) {
      if (!p?.trim()) {
        const [analyzer, rule] = kind === 'screenshot' ? ['screenshots', 'screenshots'] : ['logos', 'logos'];
        out.push(finding(analyzer, rule, 'error', `${file}: empty ${kind} path`));
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(p)) {
        out.push(finding('metadatapaths', 'path-relative-to-metadata', 'error', `${kind} ${p} is absolute`));
        continue;
      }
      if (p.startsWith('.') || p.startsWith('/')) {
        out.push(
          finding('metadatapaths', 'invalid-relative-path', 'error', `${kind} ${p} starts with . or /`),
        );
        continue;
      }
      const full = path.join(base, p);
      if (!fs.existsSync(full)) {
        out.push(finding('metadatapaths', 'path-not-exists', 'error', `${kind} ${p} does not exist`));
        continue;
      }
      const type = imageType(fs.readFileSync(full));
      if (!type || EXTENSION_TYPE[path.extname(p).toLowerCase()] !== type)
        out.push(
          finding(
            'screenshots',
            'screenshots-image-type',
            'error',
            `${kind} ${p}: ${type ?? 'not an image'}`,
          ),
        );
    }
  }
  return out;
};

/** A version constraint in the syntax of Masterminds/semver (which the validator parses it with). */
export function isVersionConstraint(constraint: string): boolean {
  const part = String.raw`(?:0|[1-9]\d*|[xX*])`;
  const version = String.raw`v?${part}(?:\.${part}){0,2}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`;
  const comparison = new RegExp(String.raw`^(?:!=|>=|=>|<=|=<|~>|[=><~^])?\s*${version}$`);
  const hyphen = new RegExp(String.raw`^${version}\s+-\s+${version}$`);
  if (!constraint.trim()) return false;
  return constraint.split('||').every((group) => {
    const g = group.trim();
    if (hyphen.test(g)) return true;
    const parts = g
      .replace(/(!=|>=|=>|<=|=<|~>|[=><~^])\s+/g, '$1')
      .split(/[\s,]+/)
      .filter(Boolean);
    return parts.length > 0 && parts.every((c) => comparison.test(c));
  });
}

/** A version as hashicorp/go-version parses it (the validator's `version` analyzer). */
export const isVersion = (v: string): boolean =>
  /^v?\d+(\.\d+)*(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(v);

/**
 * grafanadependency: dependencies.grafanaDependency is a valid constraint. restrictivedep: it is not pinned to one
 * minor (`x.y.x`) or one release (`x.y.z`). version: info.version parses (whether it is newer than the catalog's
 * needs grafana.com). packagejson: it equals the source package.json's version. typesuffix: the id ends with the
 * type. pluginname: the name is not the id; the id has at least three parts (org-name-type). discoverability:
 * description and keywords. circulardependencies: no plugin depends on itself (other plugins' needs grafana.com).
 */
const manifestRules: Check = (dir, opts) => {
  const out: Finding[] = [];
  const m = manifestOf(dir);
  const dep = m.dependencies?.grafanaDependency ?? '';
  if (!isVersionConstraint(dep))
    out.push(
      finding(
        'grafanadependency',
        'invalid-grafana-dependency',
        'error',
        `grafanaDependency ${JSON.stringify(dep)}`,
      ),
    );
  else if (/^\d+\.\d+\.x$/.test(dep))
    out.push(finding('restrictivedep', 'depends-on-patch-releases', 'warning', `only ${dep}`));
  else if (/^\d+\.\d+\.\d+$/.test(dep))
    out.push(finding('restrictivedep', 'depends-on-single-release', 'warning', `only Grafana ${dep}`));
  const version = m.info?.version ?? '';
  if (!isVersion(version))
    out.push(finding('version', 'wrong-plugin-version', 'error', `version "${version}"`));
  const pkg = JSON.parse(fs.readFileSync(opts.packageJson, 'utf8')) as { version?: string };
  if (pkg.version !== version)
    out.push(
      finding(
        'packagejson',
        'packagecode-version-mismatch',
        'error',
        `package.json ${pkg.version}, plugin.json ${version}`,
      ),
    );
  const parts = (m.id ?? '').split('-');
  if (m.type && parts[parts.length - 1] !== m.type)
    out.push(finding('typesuffix', 'plugin-type-suffix', 'error', `id ${m.id} does not end with -${m.type}`));
  if (m.id && m.name && m.id === m.name)
    out.push(finding('pluginname', 'human-friendly-name', 'error', `name is the id ${m.id}`));
  if (parts.length < 3)
    out.push(finding('pluginname', 'invalid-id-format', 'warning', `id ${m.id} is not org-name-type`));
  if (!m.info?.description)
    out.push(finding('discoverability', 'empty-description', 'warning', 'no description'));
  if ((m.info?.keywords ?? []).length === 0)
    out.push(finding('discoverability', 'empty-keywords', 'warning', 'no keywords'));
  for (const p of m.dependencies?.plugins ?? [])
    if (p.id === m.id)
      out.push(finding('circulardependencies', 'circular-dependency', 'error', `${m.id} depends on itself`));
  return out;
};

/**
 * includesnested: only app plugins may nest plugins, and an app declares each nested plugin.json in `includes`
 * with its type.
 */
const includesnested: Check = (dir) => {
  const all = nestedManifests(dir);
  const main = all.get('plugin.json');
  if (!main || all.size === 1) return [];
  if (main.type !== 'app')
    return [
      finding(
        'includesnested',
        'nested-plugin-id-in-non-app',
        'error',
        `nested plugin.json in a ${main.type}`,
      ),
    ];
  const out: Finding[] = [];
  for (const [file, m] of all) {
    if (file === 'plugin.json') continue;
    const inc = (main.includes ?? []).find((i) => i.path === file);
    if (!inc) out.push(finding('includesnested', 'nested-plugins-not-declared', 'error', file));
    else if (!inc.type) out.push(finding('includesnested', 'nested-plugin-missing-type', 'error', file));
    else if (inc.type !== m.type)
      out.push(finding('includesnested', 'nested-plugin-type-missmatch', 'error', `${file}: ${inc.type}`));
  }
  return out;
};

// ---- documents -------------------------------------------------------------------------------------------------

/**
 * readme: README.md exists and is not empty; no HTML comments (warning). templatereadme: not create-plugin's
 * template. jargon: no developer words (warning). brokenlinks: no relative links (whether absolute ones resolve
 * needs the network). changelog: CHANGELOG.md exists and is not empty (warning).
 */
const documents: Check = (dir) => {
  const out: Finding[] = [];
  const readme = path.join(dir, 'README.md');
  const text = fs.existsSync(readme) ? fs.readFileSync(readme, 'utf8') : '';
  if (!text.trim()) out.push(finding('readme', 'missing-readme', 'error', 'README.md missing or empty'));
  if (/<!--[\s\S]*?-->/.test(text)) out.push(finding('readme', 'readme-comment', 'warning', 'HTML comment'));
  if (/Grafana (Panel|Data Source|Datasource|App|Data Source Backend) Plugin Template/i.test(text))
    out.push(finding('templatereadme', 'template-readme', 'error', 'README.md is the template'));
  for (const word of ['yarn', 'nodejs'])
    if (text.includes(word)) out.push(finding('jargon', 'developer-jargon', 'warning', word));
  for (const [, target = ''] of text.matchAll(/\[[^\]]*\]\(([^)]+)\)/g)) {
    const link = target.trim().split(/\s+/)[0] ?? '';
    if (link.startsWith('#') || link.startsWith('mailto:') || /^https?:\/\//.test(link)) continue;
    out.push(finding('brokenlinks', 'relative-link', 'error', `README.md links to ${link}`));
  }
  const changelog = path.join(dir, 'CHANGELOG.md');
  if (!fs.existsSync(changelog) || !fs.readFileSync(changelog, 'utf8').trim())
    out.push(finding('changelog', 'missing-changelog', 'warning', 'CHANGELOG.md missing or empty'));
  return out;
};

/** The section headings of the Apache License 2.0's terms, in order. */
const APACHE_2_SECTIONS = [
  'Definitions.',
  'Grant of Copyright License.',
  'Grant of Patent License.',
  'Redistribution.',
  'Submission of Contributions.',
  'Trademarks.',
  'Disclaimer of Warranty.',
  'Limitation of Liability.',
  'Accepting Warranty or Additional Liability.',
];

/**
 * license: a LICENSE file of an accepted license (BSD, MIT, Apache-2.0, LGPL-3, GPL-3, AGPL-3); the validator
 * detects it with go-license-detector at ≥ 90 % confidence. Here: the full Apache 2.0 terms (our license), and no
 * template placeholders (warning).
 */
const license: Check = (dir) => {
  const file = path.join(dir, 'LICENSE');
  if (!fs.existsSync(file)) return [finding('license', 'license-not-provided', 'error', 'LICENSE not found')];
  const text = fs.readFileSync(file, 'utf8').replace(/\s+/g, ' ');
  const markers = [
    'Apache License Version 2.0, January 2004',
    'TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION',
    ...APACHE_2_SECTIONS.map((s, i) => `${i + 1}. ${s}`),
    'END OF TERMS AND CONDITIONS',
  ];
  let at = 0;
  for (const marker of markers) {
    const i = text.indexOf(marker, at);
    if (i < 0)
      return [finding('license', 'license-not-valid', 'error', `not the Apache 2.0 terms: "${marker}"`)];
    at = i + marker.length;
  }
  if (text.includes('{name of copyright owner}') || text.includes('{yyyy}'))
    return [finding('license', 'license-with-generic-text', 'warning', 'template placeholders')];
  return [];
};

// ---- images ----------------------------------------------------------------------------------------------------

/** Elements the validator's SVG check rejects (its svgvalidate package). */
const SVG_FORBIDDEN = new Set(
  'annotation-xml audio colgroup iframe math mi mn mo ms mtext noembed noframes noscript plaintext script template thead xmp'.split(
    ' ',
  ),
);

/** Problems of one SVG: malformed XML, a forbidden element, an `on…` event attribute. Empty when safe. */
export function svgProblems(svg: string): string[] {
  const out: string[] = [];
  const body = svg
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '');
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  const stack: string[] = [];
  let last = 0;
  for (const t of body.matchAll(tag)) {
    if (body.slice(last, t.index).includes('<')) out.push(`malformed markup before offset ${t.index}`);
    last = t.index + t[0].length;
    const [, close = '', name = '', attrs = '', selfClose = ''] = t;
    const local = name.slice(name.indexOf(':') + 1).toLowerCase();
    if (SVG_FORBIDDEN.has(local)) out.push(`element ${name}`);
    if (close) {
      if (stack.pop() !== name) out.push(`unbalanced </${name}>`);
      continue;
    }
    for (const [, attr = ''] of attrs.matchAll(/([^\s=]+)\s*=/g))
      if (attr.toLowerCase().startsWith('on')) out.push(`attribute ${attr}`);
    if (!selfClose) stack.push(name);
  }
  if (body.slice(last).includes('<')) out.push('malformed markup at the end');
  if (stack.length) out.push(`unclosed <${stack.join('>, <')}>`);
  return out;
}

/** unsafesvg: every SVG in the package is safe. */
const unsafesvg: Check = (dir) =>
  listFiles(dir)
    .filter((f) => f.toLowerCase().endsWith('.svg'))
    .flatMap((f) =>
      svgProblems(fs.readFileSync(path.join(dir, f), 'utf8')).map((p) =>
        finding('unsafesvg', 'unsafe-svg-file', 'error', `${f}: ${p}`),
      ),
    );

// ---- backend ---------------------------------------------------------------------------------------------------

/** The OS and architecture of an ELF executable, in Go's names; undefined for anything else. */
export function elfTarget(file: string): { os: string; arch: string } | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const h = Buffer.alloc(20);
    fs.readSync(fd, h, 0, 20, 0);
    if (!h.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return undefined;
    const machine = h[5] === 1 ? h.readUInt16LE(18) : h.readUInt16BE(18);
    const arch = { 0x3e: 'amd64', 0xb7: 'arm64', 0x28: 'arm', 0x03: '386' }[machine];
    return arch ? { os: 'linux', arch } : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * backendbinary: `backend` and `executable` agree (alerting needs backend), executables named `<executable>*`
 * exist, and one targets linux/amd64 (the validator reads that from Go build info, which our Node single-executable
 * file does not have; we read the ELF header). binarypermissions: each non-.exe executable is mode 0755.
 * backenddebug: no standalone.txt / pid.txt of a debug run.
 */
const backend: Check = (dir) => {
  const out: Finding[] = [];
  for (const [file, m] of nestedManifests(dir)) {
    if (m.alerting && !m.backend)
      out.push(finding('backendbinary', 'alerting-found-but-backend-false', 'error', file));
    if (m.executable && !m.backend)
      out.push(finding('backendbinary', 'backend-found-but-not-declared', 'error', file));
    if (m.backend && !m.executable)
      out.push(finding('backendbinary', 'backend-binary-mission', 'error', `${file}: no executable`));
    if (!m.executable) continue;
    const exeDir = path.join(dir, path.posix.dirname(file), path.dirname(m.executable));
    const prefix = path.basename(m.executable);
    const binaries = fs.existsSync(exeDir)
      ? fs
          .readdirSync(exeDir, { withFileTypes: true })
          .filter((e) => e.isFile() && e.name.startsWith(prefix))
          .map((e) => path.join(exeDir, e.name))
      : [];
    if (binaries.length === 0) {
      out.push(finding('binarypermissions', 'binary-executable-found', 'error', `no ${m.executable}*`));
      continue;
    }
    if (!binaries.some((b) => elfTarget(b)?.os === 'linux' && elfTarget(b)?.arch === 'amd64'))
      out.push(
        finding('backendbinary', 'backend-binary-not-linux-amd64', 'error', 'no linux/amd64 executable'),
      );
    for (const b of binaries) {
      if (b.endsWith('.exe')) continue;
      const mode = fs.statSync(b).mode & 0o777;
      if (mode !== 0o755)
        out.push(
          finding(
            'binarypermissions',
            'binary-executable-permissions',
            'error',
            `${path.basename(b)} is ${mode.toString(8)}`,
          ),
        );
    }
    if (listFiles(dir).some((f) => ['standalone.txt', 'pid.txt'].includes(path.posix.basename(f))))
      out.push(finding('backenddebug', 'backend-debug-file-present', 'error', 'standalone.txt or pid.txt'));
  }
  return out;
};

// ---- module.js -------------------------------------------------------------------------------------------------

/** Every module.js below the root, relative paths. */
const modules = (dir: string): string[] =>
  listFiles(dir).filter((f) => path.posix.basename(f) === 'module.js');

/** modulejs: a module.js exists (and, ours, is not empty). */
const modulejs: Check = (dir) => {
  const found = modules(dir);
  if (found.length === 0) return [finding('modulejs', 'missing-modulejs', 'error', 'missing module.js')];
  return found
    .filter((f) => fs.statSync(path.join(dir, f)).size === 0)
    .map((f) => finding('modulejs', 'missing-modulejs', 'error', `${f} is empty`));
};

interface SourceMap {
  version?: number;
  sources?: string[];
  sourcesContent?: (string | null)[];
}

/** Source names the validator skips: styles, images, JSON, webpack's runtime and third-party code. */
function ignoredSource(name: string): boolean {
  const n = name.split('?')[0] ?? '';
  if (n.includes('/node_modules/.pnpm/')) return true;
  if (/\.(css|scss|sass|less|svg|json)$/.test(n)) return true;
  return ['external ', 'webpack/', '../node_modules', './node_modules/'].some(
    (p) => n.length > p.length && n.startsWith(p),
  );
}

/**
 * jsMap (jssourcemap): each module.js has a module.js.map beside it, whose `sources` and `sourcesContent` are
 * present and of equal length, and whose own sources (named relative to src/, `webpack://<id>/` stripped) equal
 * the files of the source tree. The validator does this when given the source code; ours is beside the build.
 */
const jssourcemap: Check = (dir, opts) => {
  const out: Finding[] = [];
  const id = manifestOf(dir).id ?? '';
  for (const mod of modules(dir)) {
    const mapFile = path.join(dir, `${mod}.map`);
    if (!fs.existsSync(mapFile)) {
      out.push(finding('jsMap', 'js-map-not-found', 'error', `missing ${mod}.map`));
      continue;
    }
    let map: SourceMap;
    try {
      map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as SourceMap;
    } catch {
      out.push(finding('jsMap', 'js-map-invalid', 'error', `${mod}.map does not parse`));
      continue;
    }
    const sources = map.sources ?? [];
    const contents = map.sourcesContent ?? [];
    if (sources.length === 0 || contents.length === 0 || sources.length !== contents.length) {
      out.push(
        finding(
          'jsMap',
          'js-map-invalid',
          'error',
          `${mod}.map: ${sources.length} sources, ${contents.length} contents`,
        ),
      );
      continue;
    }
    const prefix = new RegExp(`^webpack://${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/*|^webpack:/*`);
    sources.forEach((s, i) => {
      const name = s.replace(prefix, '');
      if (ignoredSource(name)) return;
      const file = path.join(opts.sourceDir, name);
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n') : undefined;
      if (text === undefined)
        out.push(
          finding('jsMap', 'js-map-no-match', 'error', `${mod}.map: ${name} is not in the source code`),
        );
      else if (text !== (contents[i] ?? '').replace(/\r\n/g, '\n'))
        out.push(
          finding('jsMap', 'js-map-no-match', 'error', `${mod}.map: ${name} differs from the source code`),
        );
    });
  }
  return out;
};

/**
 * Tracking hosts (trackingscripts). The validator matches every URL in module.js against a block list of about
 * 15,000 tracking domains (blocklistproject's tracking list); this is a short list of the widespread ones.
 */
export const TRACKING_HOSTS: readonly string[] = [
  'google-analytics.com',
  'googletagmanager.com',
  'doubleclick.net',
  'connect.facebook.net',
  'hotjar.com',
  'mixpanel.com',
  'heapanalytics.com',
  'fullstory.com',
  'segment.com',
  'segment.io',
  'amplitude.com',
  'clarity.ms',
  'quantserve.com',
  'scorecardresearch.com',
  'mouseflow.com',
  'crazyegg.com',
];

/** trackingscripts: no URL in module.js points at a tracking host. */
const trackingscripts: Check = (dir) =>
  modules(dir).flatMap((mod) =>
    [...fs.readFileSync(path.join(dir, mod), 'utf8').matchAll(/https?:\/\/[^\s"'`)]+/g)]
      .map((u) => u[0])
      .filter((url) => TRACKING_HOSTS.some((h) => url.includes(h)))
      .map((url) => finding('trackingscripts', 'tracking-scripts', 'error', `${mod}: ${url}`)),
  );

/**
 * Signs of Grafana's legacy AngularJS platform, as Grafana's own Angular detector looks for them (the validator
 * fetches the current list from grafana.com/api/plugins/angular_patterns).
 */
export const ANGULAR_PATTERNS: readonly (string | RegExp)[] = [
  'PanelCtrl',
  'ConfigCtrl',
  'app/plugins/sdk',
  'angular.isNumber(',
  'editor.html',
  'ctrl.annotation',
  'getLegacyAngularInjector',
  /["']QueryCtrl["']/,
  /["']app\/core\/utils\/promiseToDigest["']/,
  /["']app\/plugins\/.*?["']/,
  /["']app\/core\/core_module["']/,
];

/**
 * legacyplatform: module.js shows no sign of the AngularJS platform. Ours, in the same spirit: the AMD
 * dependencies module.js asks the host for include no `angular` and no Grafana-internal `app/…` module.
 */
const legacyplatform: Check = (dir) => {
  const out: Finding[] = [];
  for (const mod of modules(dir)) {
    const js = fs.readFileSync(path.join(dir, mod), 'utf8');
    for (const p of ANGULAR_PATTERNS)
      if (typeof p === 'string' ? js.includes(p) : p.test(js))
        out.push(finding('legacyplatform', 'legacy-platform', 'error', `${mod}: ${String(p)}`));
    const deps = /^\s*define\((\[[^\]]*\])/.exec(js)?.[1];
    for (const d of deps ? (JSON.parse(deps) as string[]) : [])
      if (d === 'angular' || d.startsWith('app/'))
        out.push(finding('legacyplatform', 'legacy-platform', 'error', `${mod} imports ${d}`));
  }
  return out;
};

/** React APIs that React 19 removed, as they appear in source and, by property name, in a minified bundle. */
const REACT_19_REMOVED: readonly [string, RegExp][] = [
  ['ReactDOM.render / hydrate', /\bReactDOM\.(render|hydrate)\s*\(/],
  ['findDOMNode', /\bfindDOMNode\b/],
  ['unmountComponentAtNode', /\bunmountComponentAtNode\b/],
  ['createFactory', /\bcreateFactory\b/],
  ['legacy context', /\b(childContextTypes|getChildContext)\b/],
  ['react-dom/test-utils', /react-dom\/test-utils/],
  ['React internals', /__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED/],
  ['string refs', /\bref=["']/],
  ['defaultProps on a function component', /\.defaultProps\s*=/],
  ['propTypes', /\.propTypes\s*=/],
];

/**
 * reactcompat: the validator runs `npx @grafana/react-detect` over the package's source maps (not installable
 * here: the registry has no such package for us). Ours: neither module.js nor any source in its map uses an API
 * React 19 removed.
 */
const reactcompat: Check = (dir) => {
  const out: Finding[] = [];
  for (const mod of modules(dir)) {
    const texts: [string, string][] = [[mod, fs.readFileSync(path.join(dir, mod), 'utf8')]];
    const mapFile = path.join(dir, `${mod}.map`);
    if (fs.existsSync(mapFile)) {
      const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as SourceMap;
      (map.sources ?? []).forEach((s, i) => texts.push([s, map.sourcesContent?.[i] ?? '']));
    }
    for (const [name, text] of texts)
      for (const [api, re] of REACT_19_REMOVED)
        if (re.test(text)) out.push(finding('reactcompat', 'react-19-issue', 'warning', `${name}: ${api}`));
  }
  return out;
};

// ---- secrets (ours) --------------------------------------------------------------------------------------------

/** Credentials by shape. */
export const SECRET_PATTERNS: readonly [string, RegExp][] = [
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----/],
  ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['GitHub token', /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/],
  ['Grafana service account token', /\bglsa_[A-Za-z0-9]{32}_[0-9a-f]{8}\b/],
  ['Grafana Cloud token', /\bglc_[A-Za-z0-9+/=]{30,}/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['JSON web token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['credentials in a URL', /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'`]+:[^\s:/@"'`]{3,}@[^\s"'`]+/i],
];

/** Absolute paths of someone's home folder. */
export const HOME_PATH =
  /(\/home\/[a-z_][a-z0-9_.-]*\/|\/Users\/[^/\s"']+\/|[A-Za-z]:\\\\?Users\\\\?[^\\\s"']+)/;

/** Values of this process's environment variables whose names say they are secret. */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(env)
    .filter(
      ([k, v]) =>
        /TOKEN|SECRET|PASSW(OR)?D|API_?KEY|PRIVATE|CREDENTIAL|AUTH/i.test(k) && (v ?? '').length >= 8,
    )
    .map(([, v]) => v ?? '');
}

/** What must never be shipped, besides shapes: env secrets and the repository's absolute path. */
export function defaultForbidden(repoRoot: string): string[] {
  return [...new Set([...environmentSecrets(), repoRoot, fs.realpathSync(repoRoot)])];
}

const BINARY = /\.(exe)$|^gpx_/;

/**
 * secrets (ours, not an analyzer): no text file of the package (module.js, its map with the sources it carries,
 * plugin.json, documents, SVGs) has a credential, a home folder path or a forbidden value. The backend executable
 * is a copy of the node binary, which carries its own build paths (/home/iojs/…, /root/…), so only the forbidden
 * values (secrets of the environment, the repository's path) are looked for in it, its embedded bundle included.
 */
const secrets: Check = (dir, opts) => {
  const out: Finding[] = [];
  for (const f of listFiles(dir)) {
    const bytes = fs.readFileSync(path.join(dir, f));
    const binary = BINARY.test(path.posix.basename(f));
    for (const v of opts.forbidden)
      if (v && bytes.includes(v))
        out.push(
          finding(
            'secrets',
            'forbidden-value',
            'error',
            `${f} contains a forbidden value (${v.length} chars)`,
          ),
        );
    if (binary) continue;
    const text = bytes.toString('utf8');
    for (const [what, re] of SECRET_PATTERNS)
      if (re.test(text)) out.push(finding('secrets', 'credential', 'error', `${f}: ${what}`));
    const home = HOME_PATH.exec(text);
    if (home) out.push(finding('secrets', 'home-path', 'error', `${f}: ${home[0]}`));
    else if (os.homedir().length > 1 && text.includes(`${os.homedir()}/`))
      out.push(finding('secrets', 'home-path', 'error', `${f}: ${os.homedir()}/`));
  }
  return out;
};

/** Every check, in the order of a report. */
export const CHECKS: Readonly<Record<string, Check>> = {
  archive,
  metadata,
  metadatavalid,
  paths,
  manifestRules,
  includesnested,
  documents,
  license,
  unsafesvg,
  backend,
  modulejs,
  jssourcemap,
  trackingscripts,
  legacyplatform,
  reactcompat,
  secrets,
};

/** All findings for one plugin folder. */
export function checkPackage(dir: string, opts: PackageOptions): Finding[] {
  return Object.values(CHECKS).flatMap((c) => c(dir, opts));
}
