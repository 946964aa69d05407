// The AccessKey secret audit. With the "Alibaba Cloud (via proxy)" connection the user types an
// AccessKey ID, a distinctive secret and an STS token; calls go through the page's proxy, here to
// an ecsimg-emulator whose --config holds exactly that key, so they succeed. After a call, "Show
// request", and a waiter, the secret must be in no request Chromium saw (URL, headers, body) and no
// request the server received, in no storage (localStorage, sessionStorage unless "remember" is
// ticked, cookies, IndexedDB, Cache Storage), nowhere in the DOM (markup, attributes, and the
// values of every other input) and in no console message. Ticking "remember" keeps it in this
// tab's sessionStorage only, with a warning shown, and a reload restores the connection.
//
// Remember keeps only STS credentials (never a long-term AccessKey with no token: refused beside
// the checkbox), only until the token's expiry (an hour when not given): at the expiry, with the
// page open, they are forgotten from memory and sessionStorage and the connection panel says so; a
// copy past it is deleted on the next load. "Show request" on an operation that changes state
// warns that it is a live signed call and offers the parameters unsigned. A `Recommend` outside
// Alibaba Cloud's documentation hosts (from a fake upstream here) is text, never a link.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
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
  startServer,
  stopConsole,
  submit,
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
      assert.match(text, /DescribeImages · cn-hangzhou · Alibaba Cloud · V3/);
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
      // What sessionStorage really does, said in words.
      const said = await warning.innerText();
      for (const words of [/sessionStorage/, /until \d{4}-\d\d-\d\dT/, /to disk/, /duplicated tab/, /closed for good/]) {
        assert.match(said, words);
      }
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

/** The connection sessionStorage holds (parsed), or null. */
async function storedConnection(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('ecsimg.connection')));
}

describe('remember: STS credentials only, until their expiry', () => {
  test('a long-term AccessKey (no STS token) is refused beside the checkbox and nothing is stored', async () => {
    const tab = await openConsole(browser, `${server.url}/`);
    try {
      const { page } = tab;
      await setConnection(page, 'Alibaba Cloud (via proxy)');
      await typeAndLeave(page, '#conn-id', KEY_ID);
      await typeAndLeave(page, '#conn-secret', SECRET);
      const remember = page.getByLabel('Remember in this tab (sessionStorage)');
      assert.ok(await remember.isDisabled(), 'remember can be ticked for a long-term key');
      const note = page.locator('#conn-remember-note');
      assert.match(await note.innerText(), /Only STS credentials \(with a security token\) can be remembered/);
      assert.equal(await remember.getAttribute('aria-describedby'), 'conn-remember-note');
      await remember.check({ force: true }).catch(() => {});
      assert.equal(await remember.isChecked(), false);
      assert.deepEqual((await pageState(page)).session, {}, 'a long-term key went to sessionStorage');

      // Remembered STS credentials whose token is then removed: forgotten, refused again.
      await typeAndLeave(page, '#conn-token', TOKEN);
      assert.equal(await note.count(), 0, 'the refusal stays with a token');
      await remember.check();
      assert.ok(JSON.stringify(await storedConnection(page)).includes(TOKEN));
      await typeAndLeave(page, '#conn-token', '');
      await note.waitFor();
      assert.equal(await remember.isChecked(), false);
      assert.ok(await remember.isDisabled());
      assert.deepEqual((await pageState(page)).session, {}, 'a long-term key stayed in sessionStorage');
      await page.getByRole('alert').filter({ hasText: 'stored unencrypted' }).waitFor({ state: 'detached' });

      // A stored copy without a token (written by an older console, say) is deleted on load, not used.
      await page.evaluate(
        ([id, secret]) =>
          sessionStorage.setItem('ecsimg.connection', JSON.stringify({ region: 'cn-hangzhou', v1: false, id, secret, token: '', expires: Date.now() + 3_600_000 })),
        [KEY_ID, SECRET],
      );
      await page.reload();
      await waitReady(page);
      assert.equal(await page.locator('#conn-target').inputValue(), 'sandbox');
      assert.deepEqual((await pageState(page)).session, {});
      await audit(tab);
    } finally {
      await tab.close();
    }
  });

  test('a remembered STS key is gone after its expiry (given, or an hour when not given)', async () => {
    const tab = await openConsole(browser, `${server.url}/`);
    try {
      const { page } = tab;
      await enterCredentials(page);
      // An expiry a few seconds away, as STS gives it (ISO 8601).
      const expires = await page.evaluate(() => Date.now() + 4_000);
      await typeAndLeave(page, '#conn-expiry', new Date(expires).toISOString());
      await page.getByLabel('Remember in this tab (sessionStorage)').check();
      const stored = await storedConnection(page);
      assert.equal(stored.expires, expires);
      assert.equal(stored.token, TOKEN);
      const warning = page.getByRole('alert').filter({ hasText: 'stored unencrypted' });
      assert.match(await warning.innerText(), new RegExp(`until ${new Date(expires).toISOString().replace(/\./g, '\\.')}`));
      // Before the expiry a reload restores it ...
      await page.reload();
      await waitReady(page);
      assert.equal(await page.locator('#conn-target').inputValue(), 'aliyun');
      // ... and at the expiry, with the page open, it is forgotten from memory and sessionStorage,
      // and the connection panel says so.
      const note = page.locator('#conn-expired[role="status"]');
      await note.waitFor({ timeout: expires + 2_000 - (await page.evaluate(() => Date.now())) });
      assert.match(await note.innerText(), new RegExp(`^The STS credentials expired at ${new Date(expires).toISOString().replace(/\./g, '\\.')} and were forgotten, from memory and from this tab's storage\\.`));
      assert.deepEqual((await pageState(page)).session, {}, 'an expired key stayed in sessionStorage while the page was open');
      assert.deepEqual(
        await page.locator('#conn-id, #conn-secret, #conn-token, #conn-expiry').evaluateAll((inputs) => inputs.map((i) => i.value)),
        ['', '', '', ''],
      );
      assert.equal(await page.getByLabel('Remember in this tab (sessionStorage)').isDisabled(), true);
      assert.equal(await page.locator('#submit-reason').innerText(), 'Enter an AccessKey ID and secret to call Alibaba Cloud.');
      // ... and the next load does not use it.
      await page.reload();
      await waitReady(page);
      assert.equal(await page.locator('#conn-target').inputValue(), 'sandbox', 'an expired key was used');
      let state = await audit(tab);
      assert.deepEqual(state.session, {}, 'an expired key stayed in sessionStorage');

      // No expiry given: kept for an hour from ticking.
      await enterCredentials(page);
      const before = await page.evaluate(() => Date.now());
      await page.getByLabel('Remember in this tab (sessionStorage)').check();
      const hour = await storedConnection(page);
      assert.ok(hour.expires >= before + 3_600_000 && hour.expires <= before + 3_660_000, `expires ${hour.expires - before} ms after ticking`);
      // That hour passed (the stored time moved back, as the clock moving on would): deleted on load.
      await page.evaluate(() => {
        const kept = JSON.parse(sessionStorage.getItem('ecsimg.connection'));
        sessionStorage.setItem('ecsimg.connection', JSON.stringify({ ...kept, expires: Date.now() - 1 }));
      });
      await page.reload();
      await waitReady(page);
      assert.equal(await page.locator('#conn-target').inputValue(), 'sandbox');
      state = await audit(tab);
      assert.deepEqual(state.session, {});

      // A token already expired is forgotten at once (and so never remembered).
      await enterCredentials(page);
      await typeAndLeave(page, '#conn-expiry', '2020-01-01T00:00:00Z');
      await page.locator('#conn-expired', { hasText: 'expired at 2020-01-01T00:00:00.000Z' }).waitFor();
      assert.equal(await page.locator('#conn-id').inputValue(), '');
      assert.equal(await page.getByLabel('Remember in this tab (sessionStorage)').isChecked(), false);
      assert.deepEqual((await pageState(page)).session, {});
      // An expiry that is not a time is said so, and changes nothing.
      await typeAndLeave(page, '#conn-expiry', 'tomorrow-ish');
      await page.locator('#conn-expiry-problem', { hasText: 'got "tomorrow-ish"' }).waitFor();
    } finally {
      await tab.close();
    }
  });
});

describe('"Show request" of an operation that changes state', () => {
  test('says it is a live signed call and offers the parameters unsigned; DescribeImages does not', async () => {
    const tab = await openConsole(browser, `${server.url}/`);
    try {
      const { page } = tab;
      await enterCredentials(page);
      const signed = page.getByRole('region', { name: 'Signed request' });
      // A read: no warning, no unsigned form.
      await selectOperation(page, 'DescribeImages');
      await page.getByRole('button', { name: 'Show request' }).click();
      await signed.waitFor();
      assert.doesNotMatch(await signed.innerText(), /live signed call/);
      assert.equal(await signed.getByRole('button', { name: 'Copy parameters only' }).count(), 0);

      // A delete, signed V1 (the signature, key ID and token in the query): the warning and the
      // parameters with none of them.
      await page.locator('#conn-signature').selectOption({ label: 'V1 (HMAC-SHA1)' });
      await selectOperation(page, 'DeleteImage');
      await fillForm(page, { imageId: 'm-e2e-live-call' });
      await page.getByRole('button', { name: 'Show request' }).click();
      await signed.locator('h3', { hasText: 'DeleteImage' }).waitFor();
      const warning = signed.getByRole('note');
      const said = await warning.innerText();
      for (const words of [/live signed call/, /valid for 15 minutes/, /anyone who holds/, /send it once/]) assert.match(said, words);
      assert.match(await signed.innerText(), /Signature=/, 'the signed URL is still shown');
      await signed.getByRole('button', { name: 'Copy parameters only' }).waitFor();
      const unsigned = await signed.locator('pre.unsigned').innerText();
      assert.match(unsigned, /^Action=DeleteImage$/m);
      assert.match(unsigned, /^ImageId=m-e2e-live-call$/m);
      assert.match(unsigned, /^RegionId=cn-hangzhou$/m);
      for (const signing of ['Signature', 'SignatureNonce', 'Timestamp', 'AccessKeyId', 'SecurityToken', KEY_ID, TOKEN]) {
        assert.ok(!unsigned.includes(signing), `the unsigned parameters hold ${signing}:\n${unsigned}`);
      }
      await screenshot(page, 'signed-request-live-call', { element: signed });
      await audit(tab);
    } finally {
      await tab.close();
    }
  });
});

describe('the server\'s Recommend link', () => {
  test('is a link only to Alibaba Cloud\'s documentation hosts over https', async () => {
    // A fake upstream answering every call with an error whose Recommend the test picks.
    let recommend = '';
    const fake = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          RequestId: '2F7C1A3B-0D4E-4F5A-8B6C-7D8E9F0A1B2C',
          HostId: 'ecs.cn-hangzhou.aliyuncs.com',
          Code: 'InvalidImageName.Malformed',
          Message: 'The specified ImageName is wrongly formed.',
          Recommend: recommend,
        }));
      });
    });
    await new Promise((ok) => fake.listen(0, '127.0.0.1', ok));
    const hostile = await startServer({ upstream: `http://127.0.0.1:${fake.address().port}` });
    const tab = await openConsole(browser, `${hostile.url}/`);
    try {
      const { page } = tab;
      await enterCredentials(page);
      const failure = resultPanel(page).locator('.failure');
      for (const link of ['javascript:alert(document.domain)', 'https://evil.example/troubleshoot', 'http://api.aliyun.com/troubleshoot', 'https://api.aliyun.com.evil.example/']) {
        recommend = link;
        const text = await submit(page, 'DescribeImages');
        assert.match(text, /InvalidImageName\.Malformed/);
        await failure.getByText(link).waitFor();
        assert.equal(await failure.locator('a').count(), 0, `${link} is a link`);
        assert.equal(await page.locator(`a[href="${link}"]`).count(), 0);
      }
      recommend = 'https://api.aliyun.com/troubleshoot?q=InvalidImageName.Malformed&product=Ecs';
      await submit(page, 'DescribeImages');
      const diagnose = failure.getByRole('link', { name: 'Diagnose this error' });
      await diagnose.waitFor();
      assert.equal(await diagnose.getAttribute('href'), recommend);
      assert.equal(await diagnose.getAttribute('rel'), 'noopener noreferrer');
    } finally {
      await tab.close();
      await hostile.close();
      await new Promise((ok) => fake.close(ok));
    }
  });
});
