// `multikv` on real chDB: one event per table row, fields named by the title line and read by its columns.
// Search Reference 9.4, multikv: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/multikv

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

const top = [
  '  PID USER      %CPU COMMAND',
  '  101 root       2.0 /usr/sbin/sshd -D',
  '  202 www-data  10.5 nginx: worker process',
  '',
  '  303 splunk     0.1 splunkd',
].join('\n');
const netstat = ['Proto Recv-Q Local Address', 'tcp   0      0.0.0.0:22', 'udp   5      127.0.0.1:53'].join(
  '\n',
);

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, top, 'h1', {}, { sourcetype: 'top' }),
    fixtureEvent(now, 2, netstat, 'h2', {}, { sourcetype: 'netstat' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('multikv', () => {
  test('the page example: the rows of top as events, fields by the title’s columns (values with spaces kept)', async () => {
    const r = await fx.spl('sourcetype=top | multikv | table host, PID, USER, _CPU, COMMAND');
    assert.deepEqual(r.rows, [
      ['h1', '101', 'root', '2.0', '/usr/sbin/sshd -D'],
      ['h1', '202', 'www-data', '10.5', 'nginx: worker process'],
      ['h1', '303', 'splunk', '0.1', 'splunkd'],
    ]);
  });

  test('the page examples: fields limits the fields; filter keeps the rows with a term; stats over them', async () => {
    const r = await fx.spl(
      'sourcetype=top | multikv fields PID COMMAND filter splunkd nginx | table PID, USER, COMMAND',
    );
    assert.deepEqual(r.rows, [
      ['202', null, 'nginx: worker process'],
      ['303', null, 'splunkd'],
    ]);
    const s = await fx.spl('sourcetype=netstat | multikv | stats sum(Recv_Q) AS q BY Proto');
    assert.deepEqual(s.rows, [
      ['tcp', 0],
      ['udp', 5],
    ]);
  });

  test('noheader=true: every line a row, values as Column_1, Column_2 …; forceheader picks the title line', async () => {
    const r = await fx.spl('sourcetype=netstat | multikv noheader=true | table Column_1, Column_3');
    assert.deepEqual(r.rows, [
      ['Proto', 'Local'],
      ['tcp', '0.0.0.0:22'],
      ['udp', '127.0.0.1:53'],
    ]);
    const f = await fx.spl('sourcetype=netstat | multikv forceheader=2 | table tcp, _raw');
    assert.deepEqual(f.rows, [['udp', 'udp   5      127.0.0.1:53']]);
  });

  test('unsupported options and after stats are errors', async () => {
    await assert.rejects(fx.spl('sourcetype=top | multikv rmorig=f | table PID'), /rmorig=f/);
    await assert.rejects(
      fx.spl('sourcetype=top | stats count BY host | multikv'),
      /after a transforming command/,
    );
    await assert.rejects(fx.spl('sourcetype=top | multikv PID | table PID'), /expected `fields` or `filter`/);
  });
});

describe('multikv: the events shown', () => {
  test('each row carries every column of the title as its fields (an empty cell is no field)', async () => {
    const r = await fx.spl('sourcetype=top | multikv');
    const fields = r.rows.map((row) => row[r.columns.indexOf('_fields')]);
    // Computed from the table: each row's cells by the title's columns, `%CPU` named `_CPU`.
    const [title = '', ...lines] = top.split('\n').filter((l) => l.trim() !== '');
    const starts = [...title.matchAll(/\S+/g)].map((m) => m.index);
    const names = [...title.matchAll(/\S+/g)].map((m) => m[0].replace(/[^A-Za-z0-9_]/g, '_'));
    const expected = lines.map((l) =>
      Object.fromEntries(
        names
          .map((n, i) => [n, l.slice(starts[i], starts[i + 1] ?? l.length).trim()])
          .filter(([, v]) => v !== ''),
      ),
    );
    assert.deepEqual(expected[0], { PID: '101', USER: 'root', _CPU: '2.0', COMMAND: '/usr/sbin/sshd -D' });
    assert.deepEqual(fields, expected);
    // The title line stays in its own field (the command's reference entry).
    assert.deepEqual(
      r.rows.map((row) => row[r.columns.indexOf('_multikv_header')]),
      lines.map(() => title),
    );
  });
});
