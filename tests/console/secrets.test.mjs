// The AccessKey secret audit. With the "Alibaba Cloud (via proxy)" connection the user types an
// AccessKey ID, a distinctive secret and an STS token; calls go through the page's proxy, here to
// an ecsimg-emulator whose --config holds exactly that key, so they succeed. After a call, "Show
// request", and a waiter, the secret must be in no request Chromium saw (URL, headers, body) and no
// request the server received, in no storage (localStorage, sessionStorage unless "remember" is
// ticked, cookies, IndexedDB, Cache Storage), nowhere in the DOM (markup, attributes, and the
// values of every other input) and in no console message. Ticking "remember" keeps it in this
// tab's sessionStorage only, with a warning shown, and a reload restores the connection.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  fillForm,
  openConsole,
  resultPanel,
  screenshot,
  SEED,
  selectOperation,
  setConnection,
  startConsole,
  stopConsole,
  submitOk,
  typeAndLeave,
  waitReady,
  waitUntilDone,
} from './support.mjs';

const KEY_ID = 'LTAI5e2eAuditKeyId01';
const SECRET = 'SECRET-8c1f2e-do-not-leak';
const TOKEN = 'TOKEN-3b7d41-sts-security-token';

let browser;
let emulator;
let server;

before(async () => {
  const keys = [{ accessKeyId: KEY_ID, accessKeySecret: SECRET, accountId: 1000000000000001, securityToken: TOKEN, expiration: '2099-01-01T00:00:00Z' }];
  ({ emulator, server, browser } = await startConsole({ emulator: ['--speed', '1000'], keys, tab: false }));
});
after(() => stopConsole({ browser, server, emulator }));

/** Types the credentials into the connection panel like a user (each field left with Tab). */
async function enterCredentials(page) {
  await setConnection(page, 'Alibaba Cloud (via proxy)');
  await typeAndLeave(page, '#conn-id', KEY_ID);
  await typeAndLeave(page, '#conn-secret', SECRET);
  await typeAndLeave(page, '#conn-token', TOKEN);
}

/** Everything in the page a script or the user could find the secret in, but the secret input. */
async function pageState(page) {
  return page.evaluate(async () => {
    const dump = (storage) => Object.fromEntries(Object.keys(storage).map((k) => [k, storage.getItem(k)]));
    const values = [...document.querySelectorAll('input, textarea, select')]
      .filter((el) => el.id !== 'conn-secret')
      .map((el) => `${el.id || el.name || el.tagName}=${el.value}`);
    const databases = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
    const caches = self.caches ? await self.caches.keys() : [];
    return {
      html: document.documentElement.outerHTML,
      text: document.body.innerText,
      values,
      local: dump(localStorage),
      session: dump(sessionStorage),
      cookie: document.cookie,
      databases,
      caches,
      title: document.title,
      url: location.href,
    };
  });
}

/** Where `needle` occurs in what the page and the server saw (`allowed`: `'session'` is not looked at). */
async function findings(tab, needle, { allowed = [] } = {}) {
  const { page, seen } = tab;
  const state = await pageState(page);
  const where = [];
  const check = (label, text) => {
    if (String(text).includes(needle) && !where.includes(label)) where.push(label);
  };
  for (const r of seen.requests) {
    check('request URL', r.url);
    check('request headers', JSON.stringify(r.headers));
    check('request body', r.body);
  }
  for (const e of server.log) check('a request the server received', JSON.stringify(e));
  check('the DOM (outerHTML)', state.html);
  check('the page text', state.text);
  check('an input value', state.values.join('\n'));
  check('localStorage', JSON.stringify(state.local));
  if (!allowed.includes('session')) check('sessionStorage', JSON.stringify(state.session));
  check('cookies', state.cookie);
  check('IndexedDB', JSON.stringify(state.databases));
  check('Cache Storage', JSON.stringify(state.caches));
  check('the title or URL', state.title + state.url);
  for (const m of seen.console) check(`console ${m.type}`, m.text);
  for (const e of seen.pageErrors) check('a page error', e);
  return { where, state };
}

/** Asserts `SECRET` is nowhere but where `allowed` says; the page's state. */
async function audit(tab, options) {
  const { where, state } = await findings(tab, SECRET, options);
  assert.deepEqual(where, [], `the secret leaked into: ${where.join('; ')}`);
  return state;
}

describe('the AccessKey secret audit', () => {
  test('kept in memory: a call, "Show request" and a waiter leak the secret nowhere', async (t) => {
    const tab = await openConsole(browser, `${server.url}/`);
    try {
      const { page } = tab;
      await enterCredentials(page);
      assert.equal(await page.getByText(/stored unencrypted/).count(), 0, 'the remember warning shows without "remember"');
      // A call that succeeds with these credentials (the emulator knows only this key).
      const text = await submitOk(page, 'DescribeImages');
      assert.match(text, /Alibaba Cloud · cn-hangzhou · V3/);
      const calls = server.apiCalls();
      assert.equal(calls.at(-1).status, 200);
      assert.match(calls.at(-1).headers.authorization, new RegExp(`Credential=${KEY_ID},`));
      assert.equal(calls.at(-1).headers['x-acs-security-token'], TOKEN);
      // "Show request": the signed request, curl, aliyun CLI and JavaScript.
      await page.getByRole('button', { name: 'Show request' }).click();
      const signed = page.getByRole('region', { name: 'Signed request' });
      await signed.waitFor();
      assert.match(await signed.innerText(), /Authorization: ACS3-HMAC-SHA256 Credential=LTAI5e2eAuditKeyId01,/);
      await screenshot(page, 'signed-request', { element: signed });
      // A call with a waiter, and V1 (the signature in the query string).
      await selectOperation(page, 'CreateImage');
      await fillForm(page, { instanceId: SEED.instance, imageName: 'e2e-secret-audit' });
      await submitOk(page, 'CreateImage');
      assert.equal(await waitUntilDone(page), 'Available');
      await page.locator('#conn-signature').selectOption({ label: 'V1 (HMAC-SHA1)' });
      await selectOperation(page, 'DescribeImages');
      await submitOk(page, 'DescribeImages');
      assert.equal(server.apiCalls().at(-1).signature, 'v1');
      await page.getByRole('button', { name: 'Show request' }).click();
      await signed.waitFor();
      // The raw JSON of the last answer, opened.
      await resultPanel(page).locator('details.raw summary').click();

      // The secret input holds what was typed (it is the one place it may be), nothing else does.
      assert.equal(await page.locator('#conn-secret').inputValue(), SECRET);
      const state = await audit(tab);
      // The audit sees what it should: the key ID is in the requests and on the page.
      const control = await findings(tab, KEY_ID);
      for (const place of ['request headers', 'request URL', 'a request the server received', 'the DOM (outerHTML)', 'an input value']) {
        assert.ok(control.where.includes(place), `the audit does not see the key ID in ${place}: ${control.where.join('; ')}`);
      }
      const token = await findings(tab, TOKEN);
      t.diagnostic(`the STS token (sent with every call by design) is in: ${token.where.join('; ')}`);
      assert.deepEqual(state.local, {}, 'localStorage is used');
      assert.deepEqual(state.session, {}, 'sessionStorage is used without "remember"');
      assert.equal(state.cookie, '');
      assert.ok(tab.seen.requests.some((r) => r.url.includes('/api/ecs/')), 'no call went through the proxy');
    } finally {
      await tab.close();
    }
  });

  test('"remember" ticked: only sessionStorage holds it, a warning is shown, and a reload restores the connection', async () => {
    const tab = await openConsole(browser, `${server.url}/`);
    try {
      const { page } = tab;
      await enterCredentials(page);
      await page.getByLabel('Remember in this tab (sessionStorage)').check();
      const warning = page.getByRole('alert').filter({ hasText: 'stored unencrypted' });
      await warning.waitFor();
      assert.match(await warning.innerText(), /sessionStorage/);
      await screenshot(page, 'connection-remember-warning', { element: page.getByRole('region', { name: 'Connection' }) });
      await submitOk(page, 'DescribeImages');

      const state = await audit(tab, { allowed: ['session'] });
      assert.deepEqual(state.local, {}, 'localStorage is used');
      assert.ok(JSON.stringify(state.session).includes(SECRET), 'sessionStorage does not hold the secret');

      // A reload in the same tab: the connection comes back from sessionStorage and works.
      await page.reload();
      await waitReady(page);
      assert.equal(await page.locator('#conn-target').inputValue(), 'aliyun');
      assert.equal(await page.locator('#conn-id').inputValue(), KEY_ID);
      assert.equal(await page.locator('#conn-secret').inputValue(), '', 'the secret is written back into the page');
      await warning.waitFor();
      const text = await submitOk(page, 'DescribeImages');
      assert.match(text, /Alibaba Cloud/);
      await audit(tab, { allowed: ['session'] });

      // Unticking forgets it.
      await page.getByLabel('Remember in this tab (sessionStorage)').uncheck();
      await warning.waitFor({ state: 'detached' });
      const after = await audit(tab);
      assert.deepEqual(after.session, {});
      assert.deepEqual(after.local, {});
    } finally {
      await tab.close();
    }
  });

  test('switching back to the sandbox forgets the remembered credentials', async () => {
    const tab = await openConsole(browser, `${server.url}/`);
    try {
      const { page } = tab;
      await enterCredentials(page);
      await page.getByLabel('Remember in this tab (sessionStorage)').check();
      await setConnection(page, 'Sandbox (in this page)');
      const state = await audit(tab);
      assert.deepEqual(state.session, {});
    } finally {
      await tab.close();
    }
  });
});
