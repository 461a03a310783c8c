// The Splunk job service on its own (no HTTP): TTL, the memory budget per org and overall, jobs per owner,
// and the heap estimate it budgets with, measured against the real heap.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Identity } from '../../src/auth/types.ts';
import { RunningQueries } from '../../src/query/running.ts';
import { JobError, JobService, ownerOf } from '../../src/splunk-rest/jobs.ts';
import { ROW_SHAPES, measureRows } from '../../bench/splunk-jobs-memory.ts';
import type { TestEnv } from '../helpers/env.ts';
import { testEnv } from '../helpers/env.ts';

let env: TestEnv;
before(async () => {
  env = await testEnv();
});
after(async () => {
  await env.close();
});

const who = (orgId: string, tokenId: string): Identity => ({
  orgId,
  role: 'viewer',
  subject: `${orgId}-${tokenId}`,
  via: 'token',
  tokenId,
});

function service(opts: { maxBytesPerOrg?: number; maxBytes?: number; maxJobsPerOwner?: number } = {}) {
  const clock = { ms: Date.now() };
  const jobs = new JobService({
    search: { store: env.store, running: new RunningQueries() },
    now: () => clock.ms,
    ...opts,
  });
  return { jobs, clock };
}

describe('JobService', () => {
  test('a finished job is kept for its TTL from when it finished; touch restarts the TTL', async () => {
    const { jobs, clock } = service();
    const a = who('acme', 't1');
    const job = await jobs.create(a, { query: '| makeresults count=2' }, { ttlSeconds: 60 });
    await job.settled;
    assert.equal(jobs.get(a, job.sid)?.state, 'DONE');
    clock.ms += 50_000;
    assert.ok(jobs.touch(a, job.sid));
    clock.ms += 50_000;
    assert.equal(jobs.get(a, job.sid)?.result?.rows.length, 2);
    clock.ms += 11_000;
    assert.equal(jobs.get(a, job.sid), undefined);
    assert.deepEqual(jobs.list(a), []);
    jobs.close();
  });

  test('the expression erex learned is a message of the job, as Splunk shows it', async () => {
    const { jobs } = service();
    const a = who('acme', 't1');
    const query = '| makeresults | eval _raw="conn from 10.0.0.1 port 8080" | erex port examples="8080"';
    const job = await jobs.create(a, { query });
    await job.settled;
    assert.equal(job.state, 'DONE');
    assert.deepEqual(job.messages, [
      { type: 'INFO', text: 'Successfully learned regex. Consider using: | rex "port (?<port>\\d+)"' },
    ]);
    jobs.close();
  });

  test('results past the org’s memory budget fail the job with the reason; another org is not affected', async () => {
    const { jobs } = service({ maxBytesPerOrg: 20_000 });
    const a = who('acme', 't1');
    const b = who('globex', 't2');
    const small = await jobs.create(a, { query: '| makeresults count=50 | streamstats count' });
    await small.settled;
    assert.equal(small.state, 'DONE');
    assert.ok(small.bytes > 0);
    const big = await jobs.create(a, { query: '| makeresults count=1000 | streamstats count' });
    await big.settled;
    assert.equal(big.state, 'FAILED');
    assert.equal(big.result, undefined);
    assert.match(
      big.messages[0]?.text ?? '',
      /^The search's 1000 results \(about \d+ MiB\) do not fit the memory left for job results/,
    );
    // globex has a budget of its own.
    const other = await jobs.create(b, { query: '| makeresults count=50 | streamstats count' });
    await other.settled;
    assert.equal(other.state, 'DONE');
    // Deleting acme's finished job frees its share.
    assert.ok(jobs.remove(a, small.sid));
    const again = await jobs.create(a, { query: '| makeresults count=100 | streamstats count' });
    await again.settled;
    assert.equal(again.state, 'DONE');
    jobs.close();
  });

  test('an owner holds at most maxJobsPerOwner jobs (503), others are not counted against it', async () => {
    const { jobs } = service({ maxJobsPerOwner: 2 });
    const a = who('acme', 't1');
    await jobs.create(a, { query: '| makeresults' });
    await jobs.create(a, { query: '| makeresults' });
    await assert.rejects(
      jobs.create(a, { query: '| makeresults' }),
      (err: unknown) => err instanceof JobError && err.status === 503,
    );
    await jobs.create(who('acme', 't2'), { query: '| makeresults' });
    jobs.close();
  });

  test('a session of a token and the token own the same jobs; an OIDC subject owns its own', () => {
    assert.equal(ownerOf(who('acme', 't1')), 'token:t1');
    assert.equal(
      ownerOf({ orgId: 'acme', role: 'viewer', subject: 'alice', via: 'oidc' }),
      'oidc:acme:alice',
    );
    assert.notEqual(
      ownerOf({ orgId: 'globex', role: 'viewer', subject: 'alice', via: 'oidc' }),
      'oidc:acme:alice',
    );
  });
});

describe('the heap estimate of job results', () => {
  for (const [name, make] of Object.entries(ROW_SHAPES)) {
    test(`is at least the measured heap and at most twice it: ${name}`, () => {
      const { heap, estimate } = measureRows(make, 10_000);
      const ratio = estimate / heap;
      console.log(
        `${name}: heap ${heap} bytes per 10k rows, estimate ${estimate} (ratio ${ratio.toFixed(2)})`,
      );
      assert.ok(ratio >= 0.95 && ratio <= 2, `estimate/heap = ${ratio.toFixed(2)}`);
    });
  }
});
