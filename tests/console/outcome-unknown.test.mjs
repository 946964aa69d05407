// A change whose answer is lost, through the "local emulator via proxy" connection against a real
// ecsimg-emulator, with the page's own network cut at the right moment (Playwright's request
// routing lets the call reach the emulator, then drops the connection before the page reads the
// answer):
//   - ExportImage (a create without a ClientToken: the npm client does not send it again): the
//     console says in words that the service may or may not have carried it out, and to look for
//     the export task before trying again; the emulator saw it once;
//   - DeleteImage (resent: a delete is safe to send twice): the retry is answered "not found", the
//     client turns that into success with a `note`, and the console shows the note.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  answerField,
  fillForm,
  openConsole,
  resultPanel,
  SEED,
  selectOperation,
  setConnection,
  startConsole,
  stopConsole,
  submit,
  submitOk,
  unexpectedConsole,
  waitUntilDone,
} from './support.mjs';

let browser;
let emulator;
let server;
let tab;

before(async () => {
  ({ emulator, server, browser } = await startConsole({ emulator: ['--speed', '1000'], tab: false }));
  tab = await openConsole(browser, `${server.url}/`);
  await setConnection(tab.page, 'Sandbox (local emulator via proxy)');
});
after(() => stopConsole({ tab, browser, server, emulator }));

/**
 * Lets the first `count` calls of `action` reach the emulator, then drops the connection before
 * the page gets the answer; every other call goes through as it is.
 */
async function loseAnswers(page, action, count = 1) {
  let lost = 0;
  await page.route('**/api/ecs/**', async (route) => {
    const request = route.request();
    const called = request.headers()['x-acs-action'] ?? new URL(request.url()).searchParams.get('Action');
    if (called !== action || lost >= count) return route.continue();
    lost++;
    await route.fetch();
    await route.abort('connectionreset');
  });
}

/** The calls of `action` the emulator answered, with their statuses. */
const answered = (action) => server.apiCalls().filter((c) => c.action === action).map((c) => c.status);

describe('a change whose answer was lost', () => {
  const ctx = {};

  test('an image to work on', async () => {
    const { page } = tab;
    await selectOperation(page, 'CreateImage');
    await fillForm(page, { instanceId: SEED.instance, imageName: 'answer-lost' });
    await submitOk(page, 'CreateImage');
    ctx.imageId = await answerField(page, 'imageId');
    assert.equal(await waitUntilDone(page), 'Available');
  });

  test('ExportImage, not sent again: "may or may not have carried it out", and to look for the export task first', async () => {
    const { page } = tab;
    await loseAnswers(page, 'ExportImage');
    await selectOperation(page, 'ExportImage');
    await fillForm(page, { imageId: ctx.imageId, OSSBucket: SEED.bucket });
    const text = await submit(page, 'ExportImage');
    await page.unrouteAll();
    assert.doesNotMatch(text, /200 OK/);
    const failure = resultPanel(page).getByRole('alert');
    assert.equal(
      await failure.locator('.plain').innerText(),
      'The service may or may not have carried out ExportImage: its answer was lost on the way, and the console did not send it again, since sending it twice could do it twice.',
    );
    assert.equal(
      await failure.locator('.next').innerText(),
      `What to do: Look for the import or export task it would have started or made (for image ${ctx.imageId}, in ${SEED.region}) before trying again.`,
    );
    // It reached the emulator once, and was not sent again.
    assert.deepEqual(answered('ExportImage'), [200]);
  });

  test('DeleteImage, sent again and answered "not found": a success with the client\'s note', async () => {
    const { page, seen } = tab;
    await loseAnswers(page, 'DeleteImage');
    await selectOperation(page, 'DeleteImage');
    await fillForm(page, { imageId: ctx.imageId });
    await submitOk(page, 'DeleteImage');
    await page.unrouteAll();
    const note = resultPanel(page).getByRole('note');
    assert.equal(
      await note.innerText(),
      'Note: DeleteImage: an earlier attempt got no answer and the retry was answered InvalidImageId.NotFound: the earlier attempt most likely did it',
    );
    assert.equal(await resultPanel(page).locator('.outcome').innerText(), `Deleted image ${ctx.imageId} in ${SEED.region}`);
    assert.deepEqual(answered('DeleteImage'), [200, 404]);
    assert.deepEqual(seen.pageErrors, []);
    // Chromium logs the dropped connections and the retry's 404.
    assert.deepEqual(unexpectedConsole(seen, [/net::ERR_CONNECTION_RESET/, /status of 404 \(Not Found\)/]), []);
  });
});
