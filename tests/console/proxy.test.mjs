// The "local emulator via proxy" connection: the console calls /api/ecs/ on its own origin, and a
// static server (support.mjs) forwards that to a real ecsimg-emulator process (--speed 1000), the
// way `trunk serve`'s [[proxy]] does in scripts/start.sh. One call signed V3 and one V1, a waiter
// polling through the proxy, invalid input counted at the server's door (nothing arrives), and a
// signature error shown with both strings to sign.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  field,
  fillForm,
  historyItems,
  resultPanel,
  screenshot,
  SEED,
  selectOperation,
  setConnection,
  startConsole,
  stopConsole,
  submit,
  submitButton,
  submitOk,
  typeAndLeave,
  unexpectedConsole,
  waitUntilDone,
} from './support.mjs';

let browser;
let emulator;
let server;
let tab;

before(async () => {
  ({ emulator, server, browser, tab } = await startConsole({ emulator: ['--speed', '1000'] }));
});
after(() => stopConsole({ tab, browser, server, emulator }));

describe('the local emulator through the proxy', () => {
  test('DescribeImages signed V3 goes through the proxy and succeeds', async () => {
    const { page } = tab;
    await setConnection(page, 'Sandbox (local emulator via proxy)');
    const text = await submitOk(page, 'DescribeImages');
    assert.match(text, /Sandbox \(local emulator\) · cn-hangzhou · V3/);
    const calls = server.apiCalls();
    assert.equal(calls.length, 1, JSON.stringify(calls.map((c) => c.path)));
    assert.deepEqual([calls[0].action, calls[0].signature, calls[0].status], ['DescribeImages', 'v3', 200]);
    assert.match(calls[0].path, /^\/api\/ecs\//);
  });

  test('and signed V1', async () => {
    const { page } = tab;
    await page.locator('#conn-signature').selectOption({ label: 'V1 (HMAC-SHA1)' });
    const text = await submitOk(page, 'DescribeImages');
    assert.match(text, /Sandbox \(local emulator\) · cn-hangzhou · V1/);
    const last = server.apiCalls().at(-1);
    assert.deepEqual([last.action, last.signature, last.status], ['DescribeImages', 'v1', 200]);
    await page.locator('#conn-signature').selectOption({ label: 'V3 (ACS3-HMAC-SHA256)' });
  });

  test('CreateImage and "Wait until done" poll through the proxy', async () => {
    const { page } = tab;
    const from = server.apiCalls().length;
    await selectOperation(page, 'CreateImage');
    await fillForm(page, { instanceId: SEED.instance, imageName: 'e2e-through-proxy' });
    await submitOk(page, 'CreateImage');
    assert.equal(await waitUntilDone(page), 'Available');
    const calls = server.apiCalls().slice(from);
    assert.equal(calls[0].action, 'CreateImage');
    assert.ok(calls.slice(1).length >= 1 && calls.slice(1).every((c) => c.action === 'DescribeImages'), JSON.stringify(calls.map((c) => c.action)));
    assert.ok(calls.every((c) => c.status === 200));
  });

  test('invalid input: nothing reaches the server', async () => {
    const { page, seen } = tab;
    const from = server.log.length;
    const requestsFrom = seen.requests.length;
    const historyBefore = await historyItems(page).count();
    await selectOperation(page, 'CreateImage');
    await fillForm(page, { imageName: 'x' });
    const problems = page.locator('.field', { has: field(page, 'imageName') }).getByRole('alert');
    assert.equal(await problems.innerText(), 'must be 2 to 128 characters, got 1');
    await submitButton(page, 'CreateImage').click({ force: true });
    await field(page, 'imageName').press('Enter');
    await page.getByRole('button', { name: 'Show request' }).click();
    await page.locator('main .failure[role="alert"]').waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(server.log.slice(from).map((e) => `${e.method} ${e.path}`), []);
    assert.deepEqual(seen.requests.slice(requestsFrom).map((r) => r.url), []);
    assert.equal(await historyItems(page).count(), historyBefore);
  });

  test('a signature error (wrong secret) shows the server\'s and our string to sign', async () => {
    const { page } = tab;
    await setConnection(page, 'Alibaba Cloud (via proxy)');
    await typeAndLeave(page, '#conn-id', 'demo');
    await typeAndLeave(page, '#conn-secret', 'not-the-demo-secret');
    await selectOperation(page, 'DescribeImages');
    const text = await submit(page, 'DescribeImages');
    assert.match(text, /SignatureDoesNotMatch/);
    assert.match(text, /HTTP 400/);
    const failure = resultPanel(page).getByRole('alert');
    const theirs = failure.locator('.sts-compare > div', { has: page.getByRole('heading', { name: "Server's string to sign" }) });
    const ours = failure.locator('.sts-compare > div', { has: page.getByRole('heading', { name: 'Ours' }) });
    const [serverText, oursText] = [await theirs.locator('pre').innerText(), await ours.locator('pre').innerText()];
    assert.match(serverText, /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    assert.match(oursText, /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    // Only the secret is wrong, so both sides computed the same string: the emulator, seeing
    // X-Forwarded-Host, reports the one for the region's endpoint host the console signed.
    assert.equal(serverText, oursText);
    await screenshot(page, 'error-strings-to-sign', { element: resultPanel(page) });
    // V1 too.
    await page.locator('#conn-signature').selectOption({ label: 'V1 (HMAC-SHA1)' });
    const v1 = await submit(page, 'DescribeImages');
    assert.match(v1, /SignatureDoesNotMatch/);
    assert.match(await theirs.locator('pre').innerText(), /^(GET|POST)&%2F&/);
    // V1 does not sign the host: the same request gives the same string; the secret differs.
    assert.equal(await ours.locator('pre').innerText(), await theirs.locator('pre').innerText());
  });

  test('no console errors but the refused calls, and no page errors', () => {
    // Chromium logs each 400 answer.
    assert.deepEqual(unexpectedConsole(tab.seen, [/status of 400 \(Bad Request\)/]), []);
    assert.deepEqual(tab.seen.pageErrors, []);
  });
});
