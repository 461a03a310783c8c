// The SPL command reference (docs/searching/spl-reference.md), rendered from the command registrations.

import type { OptionSpec } from '../analyse/options.ts';
import { commands } from './index.ts';
import type { CommandModule, CommandStatus } from './types.ts';

const statusText: Readonly<Record<CommandStatus, string>> = {
  supported: 'supported',
  partly: 'partly',
  'not-yet': 'not yet',
  infrastructure: 'only in Splunk',
};

/** Splunk's page for a command in the Search Reference 9.4. */
function splunkPage(c: CommandModule): string {
  if (c.doc.url !== undefined) return c.doc.url;
  const page = c.doc.page ?? c.name;
  return `https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/${encodeURIComponent(page)}`;
}

/** Text for a Markdown table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function optionType(o: OptionSpec): string {
  switch (o.type) {
    case 'enum':
      return (o.values ?? []).map((v) => `\`${v}\``).join(' \\| ');
    case 'int':
      return o.min === undefined ? 'whole number' : `whole number ≥ ${o.min}`;
    case 'bool':
      return 'Boolean';
    case 'span':
      return o.log ? 'span or log span' : 'time span';
    case 'time':
      return 'duration';
    case 'number':
      return 'number';
    case 'string':
      return 'text';
  }
}

const compiled = (c: CommandModule): boolean => c.status === 'supported' || c.status === 'partly';

/** The anchor of a command's section (GitHub's heading slugs). */
const anchor = (c: CommandModule): string => `#${c.name}`;

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** A command's cells: name (with aliases), status, summary, and why not / what instead. */
function summaryCells(c: CommandModule): [string, string, string, string] {
  const name = compiled(c) ? `[\`${c.name}\`](${anchor(c)})` : `\`${c.name}\``;
  const aliases = (c.aliases ?? []).map((a) => `\`${a}\``).join(', ');
  const also = aliases === '' ? '' : ` (also ${aliases})`;
  const why = c.status === 'not-yet' || c.status === 'infrastructure' ? (c.reason ?? '') : '';
  const instead = c.instead ? ` Instead: ${c.instead}.` : '';
  return [`${name}${also}`, statusText[c.status], cell(c.doc.summary), cell(`${why}${instead}`.trim())];
}

function section(c: CommandModule): string[] {
  const lines = [`### ${c.name}`, '', c.doc.summary, ''];
  if (c.aliases && c.aliases.length > 0) {
    lines.push(`Also written ${c.aliases.map((a) => `\`${a}\``).join(', ')}.`, '');
  }
  // `text`, not `spl`: the docs' ```spl blocks run against a service (docs-examples.test.ts); these examples
  // are compiled by test/command-reference.test.ts instead (they use the catalogue's example lookup table).
  if (c.doc.syntax) lines.push('```text', c.doc.syntax, '```', '');
  if (c.doc.example) lines.push('Example:', '', '```text', c.doc.example, '```', '');
  const options = Object.entries(c.options?.options ?? {});
  if (options.length > 0) {
    lines.push(`Options: ${options.map(([k, o]) => `\`${k}\` (${optionType(o)})`).join(', ')}.`, '');
  }
  if (c.doc.differences && c.doc.differences.length > 0) {
    lines.push('Differences from Splunk:', '', ...c.doc.differences.map((d) => `- ${d}`), '');
  }
  lines.push(`Splunk: [${c.doc.page ?? c.name}](${splunkPage(c)}).`, '');
  return lines;
}

const byName = (a: CommandModule, b: CommandModule): number => a.name.localeCompare(b.name);

/**
 * The command reference page, in Markdown: every registered command with its status, a section per
 * compiled command, and the reasons for the others.
 *
 * @example renderCommandReference().split('\n')[0] // '# SPL command reference'
 */
export function renderCommandReference(): string {
  const splunk = commands.filter((c) => c.app === undefined).sort(byName);
  const apps = commands.filter((c) => c.app !== undefined).sort(byName);
  const count = (s: CommandStatus): number => splunk.filter((c) => c.status === s).length;
  const lines = [
    '# SPL command reference',
    '',
    '<!-- Generated from the command registrations in packages/spl/src/commands/ by `npm run docs -w @nexus/spl`. Do not edit by hand. -->',
    '',
    'The search commands of Splunk’s Search Reference (9.4, “Command quick reference”) and what Nexus does with',
    'each. The eval and stats functions are in the [SPL function reference](spl-functions.md).',
    '',
    '- **supported**: compiled to one ClickHouse statement with Splunk’s semantics.',
    '- **partly**: compiled; what is not supported yet is listed under the command and reported as an',
    '  `unsupported` diagnostic at its position.',
    '- **not yet**: a real SPL command Nexus does not compile yet; a search using it gets an `unsupported`',
    '  diagnostic at the command’s name.',
    '- **only in Splunk**: the command works on Splunk’s own infrastructure (its indexes, search jobs,',
    '  configuration files, scripts or alert actions); the table says why and names the Grafana or Nexus way',
    '  where there is one.',
    '',
    `Of ${splunk.length} commands: ${count('supported')} supported, ${count('partly')} partly, ${count('not-yet')} not yet, ${count('infrastructure')} only in Splunk.`,
    '',
    '## All commands',
    '',
    '| command | status | what it does | why not / instead |',
    '| --- | --- | --- | --- |',
    ...splunk.map((c) => row(summaryCells(c))),
    '',
    '## Compiled commands',
    '',
    ...splunk.filter(compiled).flatMap(section),
  ];
  if (apps.length > 0) {
    lines.push(
      '## Commands of Splunk apps',
      '',
      'Commands that Splunk apps and add-ons bring, seen in real searches. Nexus compiles some of them (a section',
      'each below) and knows the names of the others (a search gets `unsupported`, not `unknown command`).',
      '',
      '| command | app | status | what it does | why not / instead |',
      '| --- | --- | --- | --- | --- |',
      ...apps.map((c) => {
        const [name, ...rest] = summaryCells(c);
        return row([name, cell(c.app ?? ''), ...rest]);
      }),
      '',
      ...apps.filter(compiled).flatMap(section),
    );
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
