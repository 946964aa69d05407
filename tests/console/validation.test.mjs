// Invalid input in the console, against the in-page sandbox: the core's exact message beside the
// field once it is left, announced (role=alert) and tied to the input (aria-describedby); the
// submit button says why it cannot call, naming each problem (aria-disabled, #submit-reason);
// clicking it or pressing Enter sends nothing (the history stays empty and the page makes no
// request: the sandbox has no network, so the history is what a call would leave). Request-level rules show on a submit
// attempt; fixing the value makes the call go; "Send anyway" lets the service decide.
// (The same check at a server's door, through the proxy: proxy.test.mjs.)

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  addRow,
  field,
  fillForm,
  historyItems,
  resultPanel,
  screenshot,
  SEED,
  selectOperation,
  startConsole,
  stopConsole,
  submit,
  submitButton,
  submitOk,
} from './support.mjs';

let browser;
let server;
let tab;

before(async () => {
  ({ server, browser, tab } = await startConsole());
});
after(() => stopConsole({ tab, browser, server }));

/** The alert list an input's aria-describedby points to (its problems), or null. */
async function problemsOf(page, path) {
  return field(page, path).evaluate((input) => {
    for (const id of (input.getAttribute('aria-describedby') ?? '').split(/\s+/)) {
      const el = id && document.getElementById(id);
      if (el && el.getAttribute('role') === 'alert') return [...el.querySelectorAll('li')].map((li) => li.textContent.trim());
    }
    return null;
  });
}

/** Beside the submit button: its lead, then every problem it names (`; ` between them). */
const reason = (page) =>
  page.locator('#submit-reason').evaluate((el) => {
    const lead = el.querySelector('.reason-lead')?.textContent ?? '';
    const named = [...el.querySelectorAll('li')].map((li) => li.textContent.trim()).join('; ');
    return [lead, named].filter(Boolean).join(' ');
  });

/** Requests the page made after it loaded (the sandbox makes none). */
function laterRequests(seen, from) {
  return seen.requests.slice(from).map((r) => `${r.method} ${r.url}`);
}

describe('invalid input (sandbox): the right message, and nothing is sent', () => {
  test('CreateImage imageName "x": the message beside the field after leaving it', async () => {
    const { page } = tab;
    await selectOperation(page, 'CreateImage');
    await fillForm(page, { instanceId: SEED.instance });
    const input = field(page, 'imageName');
    await input.fill('x');
    // Not while typing...
    assert.equal(await problemsOf(page, 'imageName'), null, 'a problem shows before the field was left');
    await input.blur();
    // ...but once left: exactly the core's message, in a role=alert list the input points to.
    assert.deepEqual(await problemsOf(page, 'imageName'), ['must be 2 to 128 characters, got 1']);
    const fieldBox = page.locator('.field', { has: input });
    assert.equal(await fieldBox.getByRole('alert').innerText(), 'must be 2 to 128 characters, got 1');
    assert.equal(await reason(page), 'Cannot call yet: imageName: must be 2 to 128 characters, got 1');
    assert.equal(await submitButton(page, 'CreateImage').getAttribute('aria-disabled'), 'true');
    assert.match(await submitButton(page, 'CreateImage').getAttribute('aria-describedby'), /\bsubmit-reason\b/);
    await screenshot(page, 'validation-error', { element: page.locator('form.operation-form') });
  });

  test('the invalid input is marked invalid for assistive technology (aria-invalid)', async () => {
    assert.equal(await field(tab.page, 'imageName').getAttribute('aria-invalid'), 'true');
  });

  test('clicking "Call CreateImage" or pressing Enter sends nothing', async () => {
    const { page, seen } = tab;
    const from = seen.requests.length;
    // A user can click an aria-disabled button (it stays focusable): force past Playwright's check.
    await submitButton(page, 'CreateImage').click({ force: true });
    await field(page, 'imageName').press('Enter');
    await page.waitForTimeout(300);
    assert.equal(await historyItems(page).count(), 0, 'a call was made');
    assert.equal(await resultPanel(page).count(), 0, 'a result is shown');
    assert.deepEqual(laterRequests(seen, from), []);
    // The problem is still shown, and still the only one.
    assert.deepEqual(await problemsOf(page, 'imageName'), ['must be 2 to 128 characters, got 1']);
  });

  test('"Show request" signs nothing either: it shows the validation error', async () => {
    const { page, seen } = tab;
    const from = seen.requests.length;
    await page.getByRole('button', { name: 'Show request' }).click();
    const failure = page.locator('main .failure[role="alert"]');
    await failure.waitFor();
    assert.match(await failure.innerText(), /CreateImage\.imageName: must be 2 to 128 characters, got 1/);
    assert.equal(await page.getByRole('region', { name: 'Signed request' }).count(), 0);
    assert.deepEqual(laterRequests(seen, from), []);
  });

  test('a problem in a list row (tag key) shows beside that row\'s input', async () => {
    const { page } = tab;
    await addRow(page, 'tag');
    await fillForm(page, { 'tag-0-key': 'aliyunabc', 'tag-0-value': 'v' });
    assert.deepEqual(await problemsOf(page, 'tag-0-key'), ['must not start with "aliyun", got "aliyunabc"']);
    assert.equal(
      await reason(page),
      'Cannot call yet: imageName: must be 2 to 128 characters, got 1; tag[0].key: must not start with "aliyun", got "aliyunabc"',
    );
    await page.getByRole('button', { name: 'Remove tag 1' }).click();
    assert.equal(await field(page, 'tag-0-key').count(), 0);
    assert.equal(await reason(page), 'Cannot call yet: imageName: must be 2 to 128 characters, got 1');
  });

  test('fixing the value clears the message and the call goes', async () => {
    const { page } = tab;
    await fillForm(page, { imageName: 'e2e-valid-now' });
    assert.equal(await problemsOf(page, 'imageName'), null);
    assert.equal(await reason(page), '');
    assert.equal(await submitButton(page, 'CreateImage').getAttribute('aria-disabled'), 'false');
    await submitOk(page, 'CreateImage');
    assert.equal(await historyItems(page).count(), 1);
  });

  test('a request-level rule (one image source) shows on a submit attempt', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    assert.equal(await field(page, 'instanceId').inputValue(), '');
    assert.equal(await field(page, 'regionId').inputValue(), SEED.region);
    await fillForm(page, { imageName: 'e2e-no-source' });
    // A rule of the whole request has no field to stand beside: the reason says it.
    assert.equal(await reason(page), 'Cannot call yet: one of instanceId, diskDeviceMapping, snapshotId is required');
    await submitButton(page, 'CreateImage').click({ force: true });
    const alert = page.locator('form.operation-form > ul.problems[role="alert"]');
    await alert.waitFor();
    assert.equal(await alert.innerText(), 'one of instanceId, diskDeviceMapping, snapshotId is required');
    assert.equal(await historyItems(page).count(), 1, 'a call was made');
  });

  test('an out-of-range number: DescribeImages pageSize 101', async () => {
    const { page } = tab;
    await selectOperation(page, 'DescribeImages');
    await fillForm(page, { pageSize: '101' });
    assert.deepEqual(await problemsOf(page, 'pageSize'), ['must be between 1 and 100, got 101']);
    await field(page, 'pageSize').press('Enter');
    await page.waitForTimeout(200);
    assert.equal(await historyItems(page).count(), 1, 'a call was made');
    await fillForm(page, { pageSize: '' });
  });

  test('"Send anyway" (lenient) sends a value outside the documented limits, and the service refuses it', async () => {
    const { page } = tab;
    await selectOperation(page, 'CreateImage');
    await fillForm(page, { instanceId: SEED.instance, imageName: 'x' });
    await page.getByLabel(/^Send anyway/).check();
    assert.equal(await reason(page), 'Sending anyway: the service decides.');
    assert.equal(await submitButton(page, 'CreateImage').getAttribute('aria-disabled'), 'false');
    const text = await submit(page, 'CreateImage');
    assert.doesNotMatch(text, /200 OK/);
    assert.match(text, /InvalidImageName|InvalidParameter/);
    assert.equal(await resultPanel(page).getByRole('alert').count(), 1);
    assert.equal(await historyItems(page).count(), 2);
  });
});
