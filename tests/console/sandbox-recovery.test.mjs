// The in-page sandbox recovers from a panic in its worker without a page reload. The page is
// opened with the test hook ?sandboxPanicOn=DescribeImageSharePermission, which makes every call of
// that action panic inside the sandbox's wasm (a trap, `RuntimeError: unreachable`, as a real bug
// would): the call fails with a message that says the sandbox was restarted from its last saved
// state and the call was not carried out, calls waiting at that moment fail the same way, the
// connection panel shows a note, and the next call works on the restarted sandbox, where what was
// made before the panic is still there. A sandbox that keeps no state (one with ?sandboxImages,
// for benchmarks) restarts with a fresh demo state, and says so.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  answerField,
  fillForm,
  historyItems,
  openConsole,
  rawJson,
  SEED,
  selectOperation,
  startConsole,
  stopConsole,
  submit,
  submitOk,
  unexpectedConsole,
} from './support.mjs';

const PANIC_ON = 'DescribeImageSharePermission';
const RESTARTED = /the sandbox stopped on an internal error and was restarted from its last saved state; this call was not carried out/;
const RESTARTED_FRESH = /the sandbox stopped on an internal error and was restarted with a fresh demo state; your earlier sandbox resources are gone/;
// What the worker's replacement logs (the trap, then "starting a fresh one").
const ALLOWED = [/^sandbox: RuntimeError: unreachable.*starting a fresh one$/];

const connectionPanel = (page) => page.getByRole('region', { name: 'Connection' });

let browser;
let server;
let tab;

before(async () => {
  ({ server, browser } = await startConsole({ tab: false }));
  tab = await openConsole(browser, `${server.url}/?sandboxPanicOn=${PANIC_ON}`);
});
after(() => stopConsole({ tab, browser, server }));

test('a call that panics says the sandbox restarted from its saved state; the next call works there, no reload', async () => {
  const { page, seen } = tab;
  await page.evaluate(() => (window.__sameDocument = true));

  // Something of the user's in the sandbox before the panic.
  await selectOperation(page, 'CreateImage');
  await fillForm(page, { instanceId: SEED.instance, imageName: 'before-the-panic' });
  await submitOk(page, 'CreateImage');
  const imageId = await answerField(page, 'imageId');
  assert.match(imageId, /^m-/);

  // The panicking call fails with the message, in words; the connection panel says it too (a
  // note that stays, as a read the client retries may succeed on the restarted sandbox).
  const note = connectionPanel(page).getByRole('status').filter({ hasText: 'internal error' });
  assert.equal(await note.count(), 0);
  await selectOperation(page, PANIC_ON);
  await fillForm(page, { imageId });
  const failed = await submit(page, PANIC_ON);
  assert.match(failed, RESTARTED);
  assert.doesNotMatch(failed, /200 OK/);
  await note.waitFor({ timeout: 5_000 });
  assert.match(await note.innerText(), /restarted from its last saved state: the call that failed was not carried out/);

  // The next call is answered by the restarted sandbox, from the saved state: the image made
  // before the panic is still there.
  await selectOperation(page, 'DescribeImages');
  await fillForm(page, { imageName: 'before-the-panic', imageOwnerAlias: 'self', status: 'Creating,Available' });
  await submitOk(page, 'DescribeImages');
  assert.equal((await rawJson(page)).totalCount, 1);

  // ... and it takes new work.
  await selectOperation(page, 'CreateImage');
  await fillForm(page, { instanceId: SEED.instance, imageName: 'after-the-panic' });
  await submitOk(page, 'CreateImage');
  assert.match(await answerField(page, 'imageId'), /^m-/);

  assert.equal(await historyItems(page).count(), 4);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(unexpectedConsole(seen, [...ALLOWED, /the request failed on the network/]), []);
});

test('a sandbox that keeps no state (?sandboxImages) restarts with a fresh demo state, and says so', async () => {
  const fresh = await openConsole(browser, `${server.url}/?sandboxPanicOn=${PANIC_ON}&sandboxImages=1`);
  try {
    const { page, seen } = fresh;
    await selectOperation(page, 'CreateImage');
    await fillForm(page, { instanceId: SEED.instance, imageName: 'not-kept' });
    await submitOk(page, 'CreateImage');
    const imageId = await answerField(page, 'imageId');
    await selectOperation(page, PANIC_ON);
    await fillForm(page, { imageId });
    assert.match(await submit(page, PANIC_ON), RESTARTED_FRESH);
    await connectionPanel(page).getByRole('status').filter({ hasText: 'restarted with a fresh demo state: your earlier sandbox resources are gone' }).waitFor();
    await selectOperation(page, 'DescribeImages');
    await fillForm(page, { imageName: 'not-kept', imageOwnerAlias: 'self', status: 'Creating,Available' });
    await submitOk(page, 'DescribeImages');
    assert.equal((await rawJson(page)).totalCount, 0);
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(unexpectedConsole(seen, [...ALLOWED, /the request failed on the network/]), []);
  } finally {
    await fresh.close();
  }
});

test('calls waiting when the sandbox panics fail with the same message; the next one is answered', async () => {
  const { page, seen } = tab;
  const outcome = await page.evaluate(async (panicOn) => {
    const url = (action) => `https://ecs-cn-hangzhou.aliyuncs.com/?Action=${action}`;
    const settle = (promise) =>
      promise.then(
        (response) => `answered ${response.status}`,
        (error) => `${error.name}: ${error.message}`,
      );
    // Posted in this order, so the second waits in the worker while the first panics.
    const calls = [ecsimg.sandboxFetch(url(panicOn), { method: 'POST' }), ecsimg.sandboxFetch(url('DescribeImages'), { method: 'POST' })];
    const [panicked, waiting] = await Promise.all(calls.map(settle));
    const next = await settle(ecsimg.sandboxFetch(url('DescribeImages'), { method: 'POST' }));
    return { panicked, waiting, next };
  }, PANIC_ON);
  assert.match(outcome.panicked, /^TypeError: sandbox: /);
  assert.match(outcome.panicked, RESTARTED);
  assert.match(outcome.waiting, RESTARTED);
  // Unsigned, so refused, but answered by the emulator: the sandbox works again.
  assert.match(outcome.next, /^answered [1-5]\d\d$/);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(unexpectedConsole(seen, [...ALLOWED, /the request failed on the network/]), []);
});
