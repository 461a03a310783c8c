// Writes docs/searching/spl-functions.md from the function registry (`npm run docs:functions -w @nexus/spl`),
// formatted by the repository's Prettier settings.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { functionsReference } from '../src/functions/reference.ts';

/** Where the page lives. */
export const functionsPage = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../docs/searching/spl-functions.md',
);

/** The page's text as it must be on disk. */
export async function renderFunctionsPage(): Promise<string> {
  const options = (await prettier.resolveConfig(functionsPage)) ?? {};
  return prettier.format(functionsReference(), { ...options, filepath: functionsPage });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.dirname(functionsPage), { recursive: true });
  fs.writeFileSync(functionsPage, await renderFunctionsPage());
  console.log(`wrote ${path.relative(process.cwd(), functionsPage)}`);
}
