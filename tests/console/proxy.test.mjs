// The "local emulator via proxy" connection: the console calls /api/ecs/ on its own origin, and a
// static server (support.mjs) forwards that to a real, strict ecsimg-emulator process (--speed 10,
// the sandbox's) with the Host web/nginx/ecsimg.conf sends, ecs.<the call's RegionId>.aliyuncs.com:
// the emulator verifies a V3 signature over that Host only. One call signed V3 and one V1, a
// waiter polling through the proxy, calls for another region than the connection's (a
// DescribeImages whose form says cn-shanghai, a copy's waiter and CancelCopyImage in the
// destination region), invalid input counted at the server's door (nothing arrives), and a
// signature error shown with both strings to sign. (All 23 operations over HTTP:
// operations-proxy.test.mjs.)

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  answerField,
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
import { verifyV3 } from '../support/v3-verify.mjs';

let browser;
let emulator;
let server;
let tab;
const ctx = {};

before(async () => {
  ({ emulator, server, browser, tab } = await startConsole({ emulator: ['--speed', '10'] }));
});
after(() => stopConsole({ tab, browser, server, emulator }));

/** The Host the proxy sends for a call in `region`. */
const hostOf = (region) => `ecs.${region}.aliyuncs.com`;

/** The calls forwarded since the `from`th: `[action, Host sent, status]`. */
const forwarded = (from) => server.apiCalls().slice(from).map((c) => [c.action, c.host, c.status]);

describe('the local emulator through the proxy', () => {
  test('DescribeImages signed V3 goes through the proxy and succeeds', async () => {
    const { page } = tab;
    await setConnection(page, 'Sandbox (local emulator via proxy)');
    const text = await submitOk(page, 'DescribeImages');
    assert.match(text, /DescribeImages · cn-hangzhou · Sandbox \(local emulator\) · V3/);
    const calls = server.apiCalls();
    assert.equal(calls.length, 1, JSON.stringify(calls.map((c) => c.path)));
    assert.deepEqual([calls[0].action, calls[0].signature, calls[0].status], ['DescribeImages', 'v3', 200]);
    assert.match(calls[0].path, /^\/api\/ecs\//);
    assert.equal(calls[0].host, hostOf(SEED.region));
  });

  test('and signed V1', async () => {
    const { page } = tab;
    await page.locator('#conn-signature').selectOption({ label: 'V1 (HMAC-SHA1)' });
    const text = await submitOk(page, 'DescribeImages');
    assert.match(text, /DescribeImages · cn-hangzhou · Sandbox \(local emulator\) · V1/);
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
    ctx.imageId = await answerField(page, 'imageId');
    assert.equal(await waitUntilDone(page), 'Available');
    const calls = server.apiCalls().slice(from);
    assert.equal(calls[0].action, 'CreateImage');
    assert.ok(calls.slice(1).length >= 1 && calls.slice(1).every((c) => c.action === 'DescribeImages'), JSON.stringify(calls.map((c) => c.action)));
    assert.ok(calls.every((c) => c.status === 200));
  });

  // Each call signs the Host it will arrive with, from its own RegionId, not the connection's:
  // before, these were signed for ecs.cn-hangzhou.aliyuncs.com and failed at the service.
  test("DescribeImages for another region than the connection's: its Host, and it succeeds", async () => {
    const { page } = tab;
    const from = server.apiCalls().length;
    await selectOperation(page, 'DescribeImages');
    await fillForm(page, { regionId: SEED.otherRegion });
    const text = await submitOk(page, 'DescribeImages');
    // The result names the region the call went to, not the connection's.
    assert.match(text, /DescribeImages · cn-shanghai · Sandbox \(local emulator\) · V3/);
    assert.match(text, /^Found \d+ images in cn-shanghai$/m);
    assert.deepEqual(forwarded(from), [['DescribeImages', hostOf(SEED.otherRegion), 200]]);
    // Back to the connection's region for the tests that follow.
    await fillForm(page, { regionId: SEED.region });
  });

  test('CopyImage to cn-shanghai: the waiter polls there until Available, and CancelCopyImage there stops another copy', async () => {
    const { page } = tab;
    const from = server.apiCalls().length;
    await selectOperation(page, 'CopyImage');
    await fillForm(page, { imageId: ctx.imageId, destinationRegionId: SEED.otherRegion, destinationImageName: 'e2e-proxy-copy' });
    await submitOk(page, 'CopyImage');
    assert.equal(await waitUntilDone(page), 'Available');
    const [copy, ...polls] = forwarded(from);
    assert.deepEqual(copy, ['CopyImage', hostOf(SEED.region), 200]);
    assert.ok(polls.length >= 1, 'the waiter did not poll');
    assert.deepEqual(new Set(polls.map(JSON.stringify)), new Set([JSON.stringify(['DescribeImages', hostOf(SEED.otherRegion), 200])]));
    // A second copy, cancelled while it runs (3 s at --speed 10), in its region.
    const second = server.apiCalls().length;
    await fillForm(page, { destinationImageName: 'e2e-proxy-copy-2' });
    await submitOk(page, 'CopyImage');
    const copyId = await answerField(page, 'imageId');
    await selectOperation(page, 'CancelCopyImage');
    await fillForm(page, { regionId: SEED.otherRegion, imageId: copyId });
    await submitOk(page, 'CancelCopyImage');
    assert.deepEqual(forwarded(second), [
      ['CopyImage', hostOf(SEED.region), 200],
      ['CancelCopyImage', hostOf(SEED.otherRegion), 200],
    ]);
  });

  // The check from outside our own signer: tests/conformance/v3-verifier.py, over each call as the
  // emulator received it (the Host the proxy set), accepts every V3 call of the two tests above.
  test('the independent V3 verifier accepts those calls over the Host the proxy sent', async () => {
    const calls = server.apiCalls().filter((c) => c.signature === 'v3' && c.host === hostOf(SEED.otherRegion));
    assert.ok(calls.length >= 3, `${calls.length} calls for ${SEED.otherRegion}`);
    const answers = await verifyV3(calls.map((c) => c.sent), 'demo-secret');
    assert.deepEqual(answers.filter((a) => !a.ok).map((a) => a.reason), []);
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
    // Only the secret is wrong, so both sides computed the same string: the emulator's is over the
    // Host it received, the one the proxy sends and the console signed.
    assert.equal(serverText, oursText);
    assert.equal(server.apiCalls().at(-1).host, hostOf(SEED.region));
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
