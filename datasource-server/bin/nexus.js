#!/usr/bin/env node
// The `nexus` command. It runs the built CLI (dist/, made by `npm run build`) with @nexus/spl resolved to
// its built dist/ (the `nexus-dist` export condition). In a source checkout that has not been built, or
// with NEXUS_FROM_SOURCE=1 (what the tests set), it loads the TypeScript sources through tsx, which is a
// development dependency only.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const built = new URL('../dist/cli/main.js', import.meta.url);
let entry = built;
if (process.env['NEXUS_FROM_SOURCE'] === '1' || !existsSync(built)) {
  const tsx = await import('tsx/esm/api').catch(() => undefined);
  if (tsx === undefined) {
    process.stderr.write('nexus: dist/cli/main.js is missing: run `npm run build -w nexus-api` first\n');
    process.exit(2);
  }
  tsx.register();
  entry = new URL('../src/cli/main.ts', import.meta.url);
} else if (!process.execArgv.some((a) => a.includes('nexus-dist'))) {
  // As `node --conditions=nexus-dist` would, for a command started by its shebang.
  register(
    'data:text/javascript,export const resolve = (s, c, next) => next(s, { ...c, conditions: [...c.conditions, "nexus-dist"] });',
  );
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
