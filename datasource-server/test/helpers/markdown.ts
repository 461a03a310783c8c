// Test helper: the repository's user-facing Markdown (README.md, docs/**, the component READMEs), its links
// and its fenced code blocks, with the `<!-- docs-test: … -->` marker written just above a block.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** The Markdown a reader of the repository is sent to, relative to the repository root, README.md first. */
export function markdownFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(REPO, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.posix.join('docs', f.split(path.sep).join('/')))
    .sort();
  const components = ['deploy/README.md', 'k8s/README.md', 'plugin/README.md'].filter((f) =>
    fs.existsSync(path.join(REPO, f)),
  );
  return ['README.md', ...docs, ...components];
}

export interface Link {
  readonly file: string;
  readonly line: number;
  readonly target: string;
}

export interface CodeBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  /** The text of a `<!-- docs-test: … -->` comment above the fence (blank lines between), if any. */
  readonly marker: string | undefined;
}

/** Lines outside fenced code, with inline code blanked out, so links in examples are not links. */
function proseLines(text: string): { line: number; text: string; raw: string }[] {
  const out: { line: number; text: string; raw: string }[] = [];
  let fenced = false;
  text.split('\n').forEach((l, i) => {
    if (/^\s*```/.test(l)) fenced = !fenced;
    else if (!fenced) out.push({ line: i + 1, text: l.replace(/`[^`]*`/g, '``'), raw: l });
  });
  return out;
}

export function links(file: string): Link[] {
  const text = fs.readFileSync(path.join(REPO, file), 'utf8');
  const found: Link[] = [];
  for (const { line, text: l } of proseLines(text)) {
    for (const m of l.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      found.push({ file, line, target: m[1] ?? '' });
    }
    const ref = /^\s*\[[^\]]+\]:\s*(\S+)/.exec(l);
    if (ref?.[1] !== undefined) found.push({ file, line, target: ref[1] });
  }
  return found;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_[\]()]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a Markdown file defines (headings; repeated headings get -1, -2 as on GitHub). */
export function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const { raw } of proseLines(fs.readFileSync(path.join(REPO, file), 'utf8'))) {
    const h = /^#{1,6}\s+(.*)$/.exec(raw);
    if (h?.[1] === undefined) continue;
    const base = slug(h[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

export function codeBlocks(file: string): CodeBlock[] {
  const lines = fs.readFileSync(path.join(REPO, file), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    let k = start - 1;
    while (k > 0 && (lines[k] ?? '').trim() === '') k--;
    const above = /^<!--\s*docs-test:\s*(.*?)\s*-->\s*$/.exec(lines[k] ?? '');
    blocks.push({ file, line: start + 1, lang: open[1] ?? '', code: body.join('\n'), marker: above?.[1] });
  }
  return blocks;
}
