// Generates docs/operating/configuration.md from the settings declared in src/config.ts (`npm run docs`).
// test/unit/docs-generated.test.ts fails when the page in the repository differs from what this prints.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { SETTING_SECTIONS, SETTINGS } from '../src/config.ts';
import type { Setting } from '../src/config.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Where the generated page lives, relative to the repository root. */
export const CONFIGURATION_PAGE = 'docs/operating/configuration.md';

const MiB = 1024 * 1024;

/** `16777216` → `16777216 (16 MiB)`; other numbers as they are. */
function number(n: number): string {
  return n >= MiB && n % MiB === 0 ? `${n} (${n / MiB} MiB)` : String(n);
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function defaultOf(s: Setting): string {
  if (s.type !== 'integer' && s.type !== 'enum' && s.defaultText !== undefined) return s.defaultText;
  if (s.type === 'integer') return `\`${number(s.default)}\``;
  return s.default === '' ? 'unset' : `\`${s.default}\``;
}

function accepted(s: Setting): string {
  switch (s.type) {
    case 'integer':
      return `${number(s.min)} – ${number(s.max)}`;
    case 'enum':
      return s.values.map((v) => `\`${v}\``).join(', ');
    case 'size':
      return 'bytes, with an optional unit (`500MB`, `2GiB`)';
    case 'span':
      return 'a span: `30s`, `10m`, `12h`, `7d`, `2w`';
    case 'url':
      return 'a URL';
    case 'list':
      return 'comma-separated';
    case 'json':
      return 'a JSON object';
    case 'secret':
      return 'text (a secret: keep it out of files in the repository)';
    case 'path':
      return 'a file-system path';
    case 'string':
      return 'text';
  }
}

/** The Markdown page, formatted as Prettier formats the repository. */
export async function configurationPage(): Promise<string> {
  const lines: string[] = [
    '# Configuration',
    '',
    '<!-- Generated from datasource-server/src/config.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'nexus-api reads its configuration from environment variables once, at start-up, and refuses to start',
    '(exit code 2, a log line naming the variable) when a value is malformed or out of range. Unset or',
    'blank means the default. No setting needs a file; secrets come from the environment (or your',
    "orchestrator's secret store), never from a file in the repository.",
    '',
  ];
  for (const section of SETTING_SECTIONS) {
    lines.push(
      `## ${section}`,
      '',
      '| variable | default | accepts | meaning |',
      '| --- | --- | --- | --- |',
    );
    for (const [name, s] of Object.entries(SETTINGS)) {
      if (s.section !== section) continue;
      lines.push(`| \`${name}\` | ${cell(defaultOf(s))} | ${cell(accepted(s))} | ${cell(s.description)} |`);
    }
    lines.push('');
  }
  const file = path.join(REPO, CONFIGURATION_PAGE);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(lines.join('\n'), { ...options, filepath: file });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const file = path.join(REPO, CONFIGURATION_PAGE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await configurationPage());
  process.stdout.write(`wrote ${CONFIGURATION_PAGE}\n`);
}
