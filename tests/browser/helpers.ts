// The browser suites' setup: a real nexus-api with fixture events, the harness (Grafana's part, with the
// built plugins and the built backend executable), and Debian's Chromium driven by playwright-core.
// Screenshots go to test-artifacts/browser/.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_TOKEN, startNexus, stopNexus } from '../../plugin/test/helpers/nexus.ts';
import type { Nexus } from '../../plugin/test/helpers/nexus.ts';
import { PLUGIN_DIST, startHarness } from '../grafana-harness/server.ts';
import type { Harness } from '../grafana-harness/server.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = path.join(REPO, 'test-artifacts', 'browser');
export const TOKEN = ADMIN_TOKEN;

/** Where Debian's package puts Chromium; CHROMIUM_PATH overrides. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Why the browser suites cannot run here (no Chromium, plugin not built), or undefined when they can.
 * A laptop without them skips; with CI=true their absence is a failure.
 */
export function missingRequirements(): string | undefined {
  const missing: string[] = [];
  if (!fs.existsSync(CHROMIUM)) missing.push(`Chromium at ${CHROMIUM} (apt-get install chromium)`);
  if (!fs.existsSync(path.join(PLUGIN_DIST, 'nexus-spl-datasource', 'module.js')))
    missing.push('the built plugin (npm run build -w plugin)');
  if (missing.length === 0) return undefined;
  if (process.env['CI'] === 'true') throw new Error(`missing: ${missing.join('; ')}`);
  return `missing: ${missing.join('; ')}`;
}

export type FixtureEvent = {
  time: number;
  host: string;
  sourcetype: string;
  index: string;
  source: string;
  event: string;
};

const HOSTS = ['web01', 'web02', 'db01'] as const;
const PATHS = ['/cart', '/home', '/login', '/api/orders'] as const;

/**
 * 200 events over the last 100 minutes, one every 30 s: hosts web01/web02/db01 in turn, status 500 on
 * every 6th event (level error), 404 on every 10th otherwise (level warn), else 200 (level info).
 */
export function fixture(baseSec: number): FixtureEvent[] {
  return Array.from({ length: 200 }, (_, i) => {
    const host = HOSTS[i % HOSTS.length] ?? 'web01';
    const status = i % 6 === 0 ? 500 : i % 10 === 0 ? 404 : 200;
    const level = status === 500 ? 'error' : status === 404 ? 'warn' : 'info';
    const p = PATHS[i % PATHS.length] ?? '/';
    return {
      time: baseSec - 30 * i,
      host,
      sourcetype: host === 'db01' ? 'db' : 'access',
      index: 'main',
      source: host === 'db01' ? '/var/log/db.log' : '/var/log/nginx/access.log',
      event: `GET ${p} status=${status} level=${level} user=u${i % 7} bytes=${100 + i}`,
    };
  });
}

export interface Env {
  nexus: Nexus;
  nexusUrl: string;
  harness: Harness;
  browser: Browser;
  events: FixtureEvent[];
}

export async function setUp(): Promise<Env> {
  let events: FixtureEvent[] = [];
  const nexus = await startNexus((baseSec) => (events = fixture(baseSec)));
  const nexusUrl = nexus.url;
  const harness = await startHarness({ nexusUrl, token: ADMIN_TOKEN });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return { nexus, nexusUrl, harness, browser, events };
}

export async function tearDown(env: Env | undefined): Promise<void> {
  if (!env) return;
  await env.browser.close();
  await env.harness.close();
  await stopNexus(env.nexus);
}

/** A fresh page on the harness with the console's errors collected. */
export async function openPage(env: Env): Promise<{ page: Page; errors: string[] }> {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  // A wait, not a timed assertion: on a loaded CI machine a fresh service's first search took over 30 s
  // (Playwright's default), so waits for what a search renders get 90 s.
  page.setDefaultTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed loads are reported with their URL below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  await page.goto(env.harness.url);
  await page.waitForFunction(() => document.body.dataset['harnessReady'] === 'true');
  return { page, errors };
}

/** A screenshot of what the page shows, cut below its lowest visible element (popups included). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const bottom = await page.evaluate(() => {
    let max = 0;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden')
        max = Math.max(max, r.bottom + window.scrollY);
    }
    return Math.ceil(max);
  });
  const width = page.viewportSize()?.width ?? 1280;
  await page.screenshot({
    path: path.join(ARTIFACTS, `${name}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.max(200, bottom + 16) },
  });
}
