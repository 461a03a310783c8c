// Writes docs/searching/spl-reference.md from the command registrations (`npm run docs -w @nexus/spl`).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { renderCommandReference } from '../src/commands/reference.ts';

/** Where the page lives, from the repository root. */
export const referencePath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../docs/searching/spl-reference.md',
);

/** The page as committed: rendered, then laid out by Prettier with the repository's settings. */
export async function formattedReference(): Promise<string> {
  const config = (await prettier.resolveConfig(referencePath)) ?? {};
  return prettier.format(renderCommandReference(), { ...config, filepath: referencePath });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.dirname(referencePath), { recursive: true });
  fs.writeFileSync(referencePath, await formattedReference());
  console.log(`wrote ${path.relative(process.cwd(), referencePath)}`);
}
