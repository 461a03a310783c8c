// The diagnostics a search is refused with, for tests that check the message and position of a refusal.

import assert from 'node:assert/strict';
import { QueryInputError } from '../../src/query/service.ts';

/**
 * The diagnostics `run` (the search `query`) is refused with, a 400, each as `code: message @column`; fails
 * the test when the search runs or fails otherwise.
 *
 * @example await refusal(() => spl('| summary nope'), '| summary nope') // => ['semantic: no model … @11']
 */
export async function refusal(run: () => Promise<unknown>, query: string): Promise<string[]> {
  try {
    await run();
  } catch (err) {
    if (err instanceof QueryInputError) {
      assert.equal(err.status, 400);
      return err.errors.map((e) => `${e.code}: ${e.message} @${e.column}`);
    }
    throw err;
  }
  return assert.fail(`expected \`${query}\` to fail`);
}
