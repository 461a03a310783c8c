// `replace(<str>, <regex>, <replacement>)` with a lookahead that reaches the end of the text (PCRE in
// Splunk, which RE2 lacks), run in an equivalent RE2 form, on real chDB. The ESCU corpus strips a Windows
// path this way: `replace(process, "(.*\\\)(?=.*(\.\w*)$|(\w+)$)", "")`.
// Search Reference, Text functions (replace): https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/evaluation-functions/text-functions

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { splFixture } from '../helpers/spl-fixture.ts';

let fx: SplFixture;

before(async () => {
  fx = await splFixture(Date.now(), []);
});

after(async () => {
  await fx.close();
});

const value = async (expr: string): Promise<unknown> => {
  const r = await fx.spl(
    `| makeresults | eval p="C:\\\\Windows\\\\System32\\\\cmd.exe", q="C:\\\\tools\\\\run" | eval x=${expr} | table x`,
  );
  return r.rows[0]?.[0];
};

describe('replace with a trailing lookahead', () => {
  test('the ESCU form: the directory part goes, the file name stays', async () => {
    assert.equal(await value('replace(p, "(.*\\\\\\\\)(?=.*(\\\\.\\\\w*)$|(\\\\w+)$)", "")'), 'cmd.exe');
    assert.equal(await value('replace(q, "(.*\\\\\\\\)(?=.*(\\\\.\\\\w*)$|(\\\\w+)$)", "")'), 'run');
  });

  test("the replacement's groups keep their numbers; the lookahead's text is not replaced", async () => {
    // \1 is the directory; the lookahead's own group (\2 as written) is the extension.
    assert.equal(
      await value('replace(p, "(.*\\\\\\\\)(?=\\\\w+(\\\\.\\\\w+)$)", "[\\\\1|\\\\2]")'),
      '[C:\\Windows\\System32\\|.exe]cmd.exe',
    );
  });

  test('no match: the text as it was', async () => {
    assert.equal(await value('replace("cmd.exe", "(.*\\\\\\\\)(?=\\\\w+$)", "")'), 'cmd.exe');
  });
});
