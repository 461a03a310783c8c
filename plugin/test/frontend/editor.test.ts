// QueryEditor in jsdom with a test double of the data source: options row, Format, compiled view.
import assert from 'node:assert/strict';
import Module from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, test } from 'node:test';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { dateTime } from '@grafana/data';
import type { TimeRange } from '@grafana/data';
import { createElement } from 'react';
import type { Props } from '../../src/components/QueryEditor.tsx';
import type { SplQuery } from '../../src/types.ts';

// Monaco cannot load under jsdom: CodeEditor's lazy import gets stand-ins (stubs/), the rest is real.
const stubs: Record<string, string> = {
  'monaco-editor': fileURLToPath(new URL('./stubs/monaco-editor.cjs', import.meta.url)),
  '@monaco-editor/react': fileURLToPath(new URL('./stubs/monaco-react.cjs', import.meta.url)),
};
type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = (request, ...rest) => stubs[request] ?? resolve(request, ...rest);
// react-select measures its menu with IntersectionObserver, which jsdom lacks.
(globalThis as Record<string, unknown>)['IntersectionObserver'] ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const { QueryEditor } = await import('../../src/components/QueryEditor.tsx');
const { parseLimit } = await import('../../src/components/QueryOptions.tsx');

afterEach(cleanup);

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

/** Answers the resource calls as the plugin backend does; errors are thrown as Grafana's fetch throws them. */
function fakeDatasource(uid: string, answers: Record<string, (body: unknown) => unknown>) {
  const calls: Call[] = [];
  const answer = (key: string, body: unknown): Promise<unknown> => {
    const f = answers[key];
    if (!f) return Promise.reject({ status: 404, data: { error: `no resource ${key}` } });
    try {
      return Promise.resolve(f(body));
    } catch (err) {
      return Promise.reject(err);
    }
  };
  return {
    calls,
    ds: {
      uid,
      instanceSettings: { jsonData: { defaultIndex: 'main' } },
      getResource: (path: string, params?: unknown) => {
        calls.push({ method: 'GET', path, body: params });
        return answer(`GET ${path}`, params);
      },
      postResource: (path: string, body?: unknown) => {
        calls.push({ method: 'POST', path, body });
        return answer(`POST ${path}`, body);
      },
    },
  };
}

const range: TimeRange = {
  from: dateTime(1_700_000_000_000),
  to: dateTime(1_700_003_600_000),
  raw: { from: 'now-1h', to: 'now' },
};

function mount(query: SplQuery, ds: ReturnType<typeof fakeDatasource>['ds']) {
  const changes: SplQuery[] = [];
  let runs = 0;
  const props = {
    query,
    datasource: ds,
    range,
    onChange: (q: SplQuery) => changes.push(q),
    onRunQuery: () => {
      runs++;
    },
  } as unknown as Props;
  render(createElement(QueryEditor, props));
  return { changes, runs: () => runs };
}

const catalogAnswer = () => ({ commands: [], evalFunctions: [], statsFunctions: [] });

describe('QueryEditor', () => {
  test('the options row: format select, limit and legend stored in the query', async () => {
    const { ds } = fakeDatasource('opts', { 'GET catalog': catalogAnswer });
    const q: SplQuery = { refId: 'A', spl: 'index=main | timechart count by host' };
    const m = mount(q, ds);
    assert.ok(screen.getByTestId('nexus-query-editor'));
    const limit = screen.getByTestId('nexus-limit');
    fireEvent.change(limit, { target: { value: '500' } });
    fireEvent.blur(limit);
    assert.deepEqual(m.changes.at(-1), { ...q, limit: 500 });
    assert.equal(m.runs(), 1);
    fireEvent.change(limit, { target: { value: '-3' } });
    fireEvent.blur(limit);
    assert.equal(m.changes.length, 1, 'an invalid limit is not stored');
    assert.ok(screen.getByText('a whole number of rows, at least 1'));

    const legend = screen.getByTestId('nexus-legend');
    fireEvent.change(legend, { target: { value: '{{host}}' } });
    fireEvent.blur(legend);
    assert.deepEqual(m.changes.at(-1), { ...q, legendFormat: '{{host}}' });

    // The select: open it and pick Table.
    const input = screen.getByTestId('nexus-format-select').querySelector('input');
    assert.ok(input);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('Table'));
    assert.deepEqual(m.changes.at(-1), { ...q, format: 'table' });
  });

  test('the legend is offered for auto and time series only', () => {
    const { ds } = fakeDatasource('legend', { 'GET catalog': catalogAnswer });
    mount({ refId: 'A', spl: 'x', format: 'logs' }, ds);
    assert.equal(screen.queryByTestId('nexus-legend'), null);
    cleanup();
    mount({ refId: 'A', spl: 'x', format: 'time_series' }, ds);
    assert.ok(screen.getByTestId('nexus-legend'));
  });

  test('Format sends the SPL to the backend and stores what it answers', async () => {
    const { ds, calls } = fakeDatasource('fmt', {
      'GET catalog': catalogAnswer,
      'POST format': (b) => ({ spl: `${String((b as { spl: string }).spl).replace(' | ', '\n| ')}` }),
    });
    const m = mount({ refId: 'A', spl: 'index=main | head 5' }, ds);
    await act(async () => {
      fireEvent.click(screen.getByTestId('nexus-format'));
    });
    await waitFor(() => assert.equal(m.changes.length, 1));
    assert.deepEqual(calls.find((c) => c.path === 'format')?.body, { spl: 'index=main | head 5' });
    assert.equal(m.changes[0]?.spl, 'index=main\n| head 5');
  });

  test('a query that does not parse: Format shows the error and changes nothing', async () => {
    const { ds } = fakeDatasource('fmt-bad', {
      'GET catalog': catalogAnswer,
      'POST format': () => {
        throw {
          status: 400,
          data: { errors: [{ message: 'expected a field name after `by`', start: 20, end: 20 }] },
        };
      },
    });
    const m = mount({ refId: 'A', spl: 'x | stats count by' }, ds);
    await act(async () => {
      fireEvent.click(screen.getByTestId('nexus-format'));
    });
    assert.equal(
      (await screen.findByTestId('nexus-format-error')).textContent,
      'expected a field name after `by`',
    );
    assert.equal(m.changes.length, 0);
  });

  test('the compiled toggle shows what the service reports, with its language and the time range', async () => {
    const { ds, calls } = fakeDatasource('explain', {
      'GET catalog': catalogAnswer,
      'POST explain': (b) =>
        String((b as { spl: string }).spl).includes('mstats')
          ? { language: 'promql', query: 'sum by (host) (cpu_usage)' }
          : { language: 'sql', query: 'SELECT count() FROM `logs`', params: {} },
    });
    mount({ refId: 'A', spl: '| mstats sum(cpu.usage) WHERE index=metrics BY host' }, ds);
    assert.equal(screen.queryByTestId('nexus-compiled'), null);
    const toggle = screen.getByTestId('nexus-show-compiled');
    await act(async () => {
      fireEvent.click(toggle);
    });
    const pre = await screen.findByTestId('nexus-compiled');
    assert.equal(pre.textContent, 'sum by (host) (cpu_usage)');
    assert.equal(pre.getAttribute('data-language'), 'promql');
    assert.match(screen.getByTestId('nexus-compiled-language').textContent ?? '', /PromQL/);
    assert.deepEqual(calls.find((c) => c.path === 'explain')?.body, {
      spl: '| mstats sum(cpu.usage) WHERE index=metrics BY host',
      from: 1_700_000_000_000,
      to: 1_700_003_600_000,
    });
    await act(async () => {
      fireEvent.click(toggle);
    });
    assert.equal(screen.queryByTestId('nexus-compiled'), null);
  });

  test('a compile error in the compiled view', async () => {
    const { ds } = fakeDatasource('explain-bad', {
      'GET catalog': catalogAnswer,
      'POST explain': () => {
        throw {
          status: 400,
          data: { errors: [{ message: 'unknown command `nosuch`', start: 13, end: 19 }] },
        };
      },
    });
    mount({ refId: 'A', spl: 'index=main | nosuch' }, ds);
    await act(async () => {
      fireEvent.click(screen.getByTestId('nexus-show-compiled'));
    });
    assert.equal((await screen.findByTestId('nexus-compiled-error')).textContent, 'unknown command `nosuch`');
  });
});

test('parseLimit: empty is none, positive integers only', () => {
  assert.deepEqual(parseLimit(''), { ok: true, limit: undefined });
  assert.deepEqual(parseLimit(' 20 '), { ok: true, limit: 20 });
  for (const bad of ['0', '-1', '1.5', 'ten', '1e3']) assert.deepEqual(parseLimit(bad), { ok: false }, bad);
});
