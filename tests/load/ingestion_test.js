// @ts-check
/* global __ENV, __VU, __ITER -- k6 globals (typed by @types/k6) */
// k6 load test (the guide's launch protocol): HEC ingestion at a target rate with searches interspersed,
// then the same at twice the rate. Open model (constant-arrival-rate): requests start on schedule whatever
// the earlier ones do. Thresholds: p(99) < 500 ms for ingestion and for searches, < 1 % failed requests.
//
//   k6 run -e NEXUS_URL=https://nexus.example.com -e NEXUS_TOKEN=… tests/load/ingestion_test.js
//   (-e RATE=200 requests/s of -e EVENTS=100 events each, -e SEARCH_RATE=5/s, -e PHASE=5m)
//
// k6 does not install on the build machine; this file is type-checked against @types/k6 (tests/load/tsconfig.json)
// and `npm run bench` runs the same shape in-repo (docs/operating/load-testing.md).

import http from 'k6/http';
import { check } from 'k6';
import { Counter } from 'k6/metrics';

const BASE = __ENV.NEXUS_URL || 'https://localhost:8443';
const TOKEN = __ENV.NEXUS_TOKEN || '';
const RATE = Number(__ENV.RATE || 200);
const EVENTS = Number(__ENV.EVENTS || 100);
const SEARCH_RATE = Number(__ENV.SEARCH_RATE || 5);
const PHASE = __ENV.PHASE || '5m';

const eventsSent = new Counter('nexus_events_sent');

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    ingest: {
      executor: 'constant-arrival-rate',
      exec: 'ingest',
      rate: RATE,
      timeUnit: '1s',
      duration: PHASE,
      preAllocatedVUs: 50,
      maxVUs: 500,
      tags: { phase: '1x' },
    },
    ingest_2x: {
      executor: 'constant-arrival-rate',
      exec: 'ingest',
      rate: 2 * RATE,
      timeUnit: '1s',
      startTime: PHASE,
      duration: PHASE,
      preAllocatedVUs: 100,
      maxVUs: 1000,
      tags: { phase: '2x' },
    },
    search: {
      executor: 'constant-arrival-rate',
      exec: 'search',
      rate: SEARCH_RATE,
      timeUnit: '1s',
      duration: `${2 * parseInt(PHASE, 10)}${PHASE.replace(/^[0-9]+/, '')}`,
      preAllocatedVUs: 10,
      maxVUs: 100,
    },
  },
  thresholds: {
    'http_req_duration{name:hec}': ['p(99)<500'],
    'http_req_duration{name:hec,phase:2x}': ['p(99)<500'],
    'http_req_duration{name:search}': ['p(99)<500'],
    http_req_failed: ['rate<0.01'],
  },
};

const HOSTS = ['web01', 'web02', 'web03', 'db01'];
const PATHS = ['/', '/cart', '/login', '/api/orders'];

/** One HEC request body: EVENTS newline-separated events with their own time and fields. */
function hecBody() {
  const now = Date.now() / 1000;
  const lines = [];
  for (let i = 0; i < EVENTS; i++) {
    const status = i % 20 === 0 ? 500 : 200;
    lines.push(
      JSON.stringify({
        time: now - i / 1000,
        host: HOSTS[i % HOSTS.length],
        sourcetype: 'access',
        index: 'main',
        event: `GET ${PATHS[i % PATHS.length]} status=${status} bytes=${100 + i} vu=${__VU} iter=${__ITER}`,
      }),
    );
  }
  return lines.join('\n');
}

export function ingest() {
  const res = http.post(`${BASE}/services/collector/event`, hecBody(), {
    headers: { Authorization: `Splunk ${TOKEN}` },
    tags: { name: 'hec' },
  });
  check(res, { 'hec 200': (r) => r.status === 200 });
  if (res.status === 200) eventsSent.add(EVENTS);
}

const SEARCHES = [
  'index=main | stats count by host',
  'index=main status=500 | timechart span=1m count',
  'index=main | top limit=5 host',
  'index=main | head 20',
];

export function search() {
  const query = SEARCHES[Math.floor(Math.random() * SEARCHES.length)];
  const res = http.post(`${BASE}/query/spl`, JSON.stringify({ query, earliest: '-15m' }), {
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    tags: { name: 'search' },
  });
  check(res, { 'search 200': (r) => r.status === 200 });
}
