// The data source's settings page: the fields a user fills in, and "Save & test" running the backend's
// CheckHealth against the saved settings.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Env } from './helpers.ts';
import { missingRequirements, openPage, screenshot, setUp, tearDown, TOKEN } from './helpers.ts';

const skip = missingRequirements();
let env: Env | undefined;

before(async () => {
  if (!skip) env = await setUp();
});
after(() => tearDown(env));

test('Save & test: success, an unreachable URL, a wrong token, then fixed', { skip }, async () => {
  assert.ok(env);
  const { page, errors } = await openPage(env);
  await page.evaluate(() => window.harness.mount('config-editor'));
  const url = page.locator('#nexus-url');
  await url.waitFor();
  assert.equal(await url.inputValue(), env.nexusUrl);
  // The stored token is never sent to the browser: the field only says it is configured.
  assert.equal(await page.locator('#nexus-token').inputValue(), 'configured');

  const saveAndTest = async (): Promise<{ status: string | null; message: string }> => {
    await page.getByTestId('harness-save-test').click();
    const result = page.getByTestId('harness-health');
    await result.waitFor();
    return { status: await result.getAttribute('data-status'), message: (await result.innerText()).trim() };
  };

  await page.locator('#nexus-default-index').fill('main');
  let r = await saveAndTest();
  assert.equal(r.status, 'success', r.message);
  await screenshot(page, 'config-ok');
  assert.equal(env.harness.settings.secureJsonData['serviceToken'], TOKEN, 'saving kept the token');
  assert.equal(env.harness.settings.jsonData['defaultIndex'], 'main');

  await url.fill('http://127.0.0.1:1');
  r = await saveAndTest();
  assert.equal(r.status, 'error');
  assert.match(r.message, /127\.0\.0\.1:1/);
  await screenshot(page, 'config-unreachable');

  await url.fill(env.nexusUrl);
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.locator('#nexus-token').fill('not-the-token-0123456789');
  r = await saveAndTest();
  assert.equal(r.status, 'error');
  assert.match(r.message, /token|401|unauthori/i);
  await screenshot(page, 'config-bad-token');

  await page.getByRole('button', { name: 'Reset' }).click();
  await page.locator('#nexus-token').fill(TOKEN);
  await page.locator('#nexus-oauth').check({ force: true });
  r = await saveAndTest();
  assert.equal(r.status, 'success', r.message);
  assert.equal(env.harness.settings.jsonData['oauthPassThru'], true);
  assert.deepEqual(
    errors.filter((e) => !e.includes('/health')),
    [],
  );
  await page.close();
});
