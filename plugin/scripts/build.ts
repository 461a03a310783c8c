// Builds dist/nexus-spl-datasource/ (plugin.json, the logo, module.js and gpx_nexus_spl_<os>_<arch> as one
// Node single-executable file) and dist/nexus-events-panel/ (plugin.json, the logo, module.js). Both folders
// also get README.md, CHANGELOG.md and LICENSE, which Grafana's catalog and plugin validator expect.
// Steps (Node SEA): esbuild → one CJS file; `node --experimental-sea-config`; copy this node binary;
// inject the blob with postject. Only the running node's platform can be built: a SEA embeds its own binary.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildModule } from './frontend.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The data source's plugin folder; the panel's is beside it. Grafana finds both under one plugins folder. */
export const DIST = path.join(ROOT, 'dist', 'nexus-spl-datasource');
export const PANEL_DIST = path.join(ROOT, 'dist', 'nexus-events-panel');
const WORK = path.join(DIST, '.build');
export const EXECUTABLE = 'gpx_nexus_spl';
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** Go's names for Node's platform and architecture, as Grafana looks the executable up. */
const goArch: Partial<Record<NodeJS.Architecture, string>> = { x64: 'amd64', arm64: 'arm64', arm: 'arm' };

export function executableName(
  platform: NodeJS.Platform = process.platform,
  arch: NodeJS.Architecture = process.arch,
): string {
  const os = platform === 'win32' ? 'windows' : platform;
  return `${EXECUTABLE}_${os}_${goArch[arch] ?? arch}${platform === 'win32' ? '.exe' : ''}`;
}

/** Writes a plugin folder's plugin.json (create-plugin's placeholders filled as its webpack config does) and logo. */
function writeManifest(srcDir: string, outDir: string): void {
  const version = (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const manifest = fs
    .readFileSync(path.join(srcDir, 'plugin.json'), 'utf8')
    .replace('%VERSION%', version)
    .replace('%TODAY%', new Date().toISOString().slice(0, 10));
  fs.mkdirSync(path.join(outDir, 'img'), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'plugin.json'), manifest);
  // The logo and the screenshots plugin.json lists.
  fs.cpSync(path.join(srcDir, 'img'), path.join(outDir, 'img'), { recursive: true });
  for (const doc of ['README.md', 'CHANGELOG.md'])
    fs.copyFileSync(path.join(ROOT, doc), path.join(outDir, doc));
  fs.copyFileSync(path.join(ROOT, '..', 'LICENSE'), path.join(outDir, 'LICENSE'));
}

/** Both plugins' browser side: manifests, logos and module.js. */
export async function buildFrontend(): Promise<void> {
  const started = performance.now();
  writeManifest(path.join(ROOT, 'src'), DIST);
  writeManifest(path.join(ROOT, 'src', 'panel'), PANEL_DIST);
  await buildModule({ entry: path.join(ROOT, 'src', 'module.ts'), outDir: DIST });
  await buildModule({ entry: path.join(ROOT, 'src', 'panel', 'module.ts'), outDir: PANEL_DIST });
  const s = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`built dist/*/module.js in ${s} s\n`);
}

async function buildBackend(): Promise<void> {
  const started = performance.now();
  fs.mkdirSync(WORK, { recursive: true });
  const bundle = path.join(WORK, 'backend.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'backend', 'main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    define: {
      __NEXUS_PROTO_BACKEND__: JSON.stringify(
        fs.readFileSync(path.join(ROOT, 'proto', 'backend.proto'), 'utf8'),
      ),
      __NEXUS_PROTO_HEALTH__: JSON.stringify(
        fs.readFileSync(path.join(ROOT, 'proto', 'health.proto'), 'utf8'),
      ),
      __NEXUS_PROTO_CONTROLLER__: JSON.stringify(
        fs.readFileSync(path.join(ROOT, 'proto', 'controller.proto'), 'utf8'),
      ),
    },
  });
  const blob = path.join(WORK, 'sea-prep.blob');
  const seaConfig = path.join(WORK, 'sea-config.json');
  // Paths relative to WORK: the blob records `main` as given, and an absolute one would ship this machine's path.
  fs.writeFileSync(
    seaConfig,
    JSON.stringify({
      main: path.basename(bundle),
      output: path.basename(blob),
      disableExperimentalSEAWarning: true,
    }),
  );
  execFileSync(process.execPath, ['--experimental-sea-config', path.basename(seaConfig)], {
    cwd: WORK,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exe = path.join(DIST, executableName());
  fs.rmSync(exe, { force: true });
  fs.copyFileSync(process.execPath, exe);
  fs.chmodSync(exe, 0o755);
  const postject = createRequire(import.meta.url).resolve('postject/dist/cli.js');
  const args = [postject, exe, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', FUSE];
  if (process.platform === 'darwin') args.push('--macho-segment-name', 'NODE_SEA');
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  fs.rmSync(WORK, { recursive: true, force: true });
  const mb = (fs.statSync(exe).size / 1e6).toFixed(1);
  const s = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`built dist/${path.basename(exe)} (${mb} MB) in ${s} s\n`);
  const others = ['linux-x64', 'linux-arm64'].filter((p) => p !== `${process.platform}-${process.arch}`);
  process.stdout.write(
    `not built here: ${others.join(', ')} (a SEA embeds the node binary of its platform; build on one)\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  // Remove the layout of earlier builds (everything directly in dist/).
  fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  for (const f of fs.readdirSync(path.join(ROOT, 'dist'), { withFileTypes: true }))
    if (!['nexus-spl-datasource', 'nexus-events-panel'].includes(f.name))
      fs.rmSync(path.join(ROOT, 'dist', f.name), { recursive: true, force: true });
  await buildFrontend();
  if (!process.argv.includes('--frontend')) await buildBackend();
}
