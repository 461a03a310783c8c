// The Elasticsearch `_bulk` decoder without a service: actions item by item, whole-request errors naming their
// line, and damaged bodies. The HTTP route, its replies and the stored rows: test/ingest/elasticsearch.test.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeBulk } from '../../../src/ingest/es-bulk-decode.ts';
import { IngestError } from '../../../src/ingest/errors.ts';
import { assertSurvivesMutations, unitContext } from '../../helpers/mutate.ts';

const ndjson = (...lines: unknown[]): string => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

describe('_bulk decoding', () => {
  test('index and create become rows; update and delete fail their item only; the URL index is the default', () => {
    const t = new Date(Date.now() - 60_000).toISOString();
    const items = decodeBulk(
      ndjson(
        { index: { _index: 'app', _id: 'a1' } },
        { '@timestamp': t, message: 'hello', log: { file: { path: '/var/log/app.log' } }, user: 'ann' },
        { create: {} },
        { log: 'from fluent bit', source_type: 'fluentbit' },
        { update: { _id: 'x' } },
        { doc: { a: 1 } },
        { delete: { _id: 'y' } },
      ),
      unitContext(),
      { urlIndex: 'web' },
    );
    assert.deepEqual(
      items.map((i) => [i.action, i.index, i.status]),
      [
        ['index', 'app', 201],
        ['create', 'web', 201],
        ['update', 'web', 400],
        ['delete', 'web', 400],
      ],
    );
    assert.equal(items[0]?.id, 'a1');
    assert.match(items[1]?.id ?? '', /^[A-Za-z0-9_-]{20}$/, 'an auto id is 20 URL-safe base64 characters');
    assert.equal(items[0]?.row?._raw, 'hello');
    assert.equal(items[0]?.row?._time, Date.parse(t));
    assert.equal(items[0]?.row?.source, '/var/log/app.log');
    assert.equal(items[1]?.row?._raw, 'from fluent bit');
    assert.equal(items[1]?.row?.sourcetype, 'fluentbit');
    assert.match(items[2]?.error?.reason ?? '', /append-only/);
  });

  test('a bad document, index name or a disallowed index fails that item; the others are kept', () => {
    const items = decodeBulk(
      ndjson({ index: {} }, 'not an object', { index: { _index: 'Bad.Name' } }, { message: 'x' }) +
        '{"index":{"_index":"secret"}}\n{"message":"y"}\n{"index":{}}\n{not json\n{"index":{}}\n{"message":"ok"}\n',
      unitContext(),
      { allowedIndexes: ['main'] },
    );
    assert.deepEqual(
      items.map((i) => [i.status, i.error?.type]),
      [
        [400, 'document_parsing_exception'],
        [400, 'invalid_index_name_exception'],
        [403, 'security_exception'],
        [400, 'document_parsing_exception'],
        [201, undefined],
      ],
    );
    assert.match(items[3]?.error?.reason ?? '', /^line 8: the document is not valid JSON/);
  });

  test('a malformed action line or a missing document fails the whole request, naming the line', () => {
    const bad = (body: string, re: RegExp): void => {
      assert.throws(
        () => decodeBulk(body, unitContext()),
        (e: unknown) => e instanceof IngestError && e.status === 400 && re.test(e.message),
      );
    };
    bad(
      '{"index":{}}\n{"message":"a"}\n{"bogus":{}}\n{}\n',
      /^line 3: malformed action\/metadata line.*\[bogus\]/,
    );
    bad('[1,2]\n', /^line 1: malformed action/);
    bad('{nope\n', /^line 1: the action\/metadata line is not valid JSON/);
    bad('{"index":{}}\n', /^line 1: the index action has no document line after it/);
  });

  test('damaged bodies: an IngestError or items, never another exception', () => {
    const good = Buffer.from(
      ndjson({ index: { _index: 'app' } }, { message: 'a=1', n: 2 }, { create: {} }, { log: 'b' }),
    );
    assert.equal(decodeBulk(good.toString('utf8'), unitContext()).length, 2);
    assertSurvivesMutations(good, (b) => decodeBulk(b.toString('utf8'), unitContext()), 11);
  });
});
