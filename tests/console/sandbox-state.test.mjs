// The in-page sandbox keeps what the user makes across a reload, at 1280 and at 390 px: its state
// is saved in this origin's IndexedDB after every change (never a credential), and the next page
// starts from it and says so; "Reset sandbox" says what it clears, asks to confirm, and brings back
// the demo state, deleting the saved copy (a reload then finds nothing of before).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  answerField,
  fillForm,
  offered,
  openConsole,
  rawJson,
  SEED,
  selectOperation,
  startConsole,
  stopConsole,
  submitOk,
  unexpectedConsole,
  waitReady,
} from './support.mjs';

let browser;
let server;
const tabs = [];

before(async () => {
  ({ server, browser } = await startConsole({ tab: false }));
});
after(() => stopConsole({ tabs, browser, server }));

const connectionPanel = (page) => page.getByRole('region', { name: 'Connection' });

/** The images of the demo account named `name`, through DescribeImages in the page. */
async function imagesNamed(page, name) {
  await selectOperation(page, 'DescribeImages');
  await fillForm(page, { imageName: name, imageOwnerAlias: 'self', status: 'Creating,Available' });
  await submitOk(page, 'DescribeImages');
  return (await rawJson(page)).images.image.map((i) => i.imageId);
}

/** The saved sandbox, as the page's IndexedDB holds it (`null` when there is none). */
function savedState(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('ecsimg-sandbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('state')) return resolve(null);
          const get = db.transaction('state').objectStore('state').get('sandbox');
          get.onsuccess = () => resolve(get.result ? get.result.json : null);
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

for (const [width, height] of [
  [1280, 900],
  [390, 844],
]) {
  describe(`the sandbox's state at ${width} px`, () => {
    let tab;
    const ctx = {};
    before(async () => {
      tab = await openConsole(browser, `${server.url}/`, { viewport: { width, height } });
      tabs.push(tab);
    });

    test('an image made in the sandbox is still there after a reload', async () => {
      const { page } = tab;
      await selectOperation(page, 'CreateImage');
      await fillForm(page, { instanceId: SEED.instance, imageName: 'kept-across-reload' });
      await submitOk(page, 'CreateImage');
      ctx.imageId = await answerField(page, 'imageId');
      await page.reload();
      await waitReady(page);
      assert.deepEqual(await imagesNamed(page, 'kept-across-reload'), [ctx.imageId]);
      assert.match(await connectionPanel(page).innerText(), /The sandbox was restored from this browser: what you made in it before is still there\./);
    });

    test('the saved state is in IndexedDB, with no credential in it', async () => {
      const saved = await savedState(tab.page);
      assert.ok(saved?.includes(ctx.imageId), 'the image is not in the saved state');
      for (const secret of ['demo-secret', 'accessKeySecret', 'AccessKeySecret', 'demo2-secret']) {
        assert.ok(!saved.includes(secret), `the saved state holds ${secret}`);
      }
    });

    test('"Reset sandbox" says what it clears and asks first; "Keep it" keeps it', async () => {
      const { page } = tab;
      await connectionPanel(page).getByRole('button', { name: 'Reset sandbox…' }).click();
      const confirm = connectionPanel(page).getByRole('group', { name: /^Reset the sandbox\?/ });
      await confirm.waitFor();
      const what = await confirm.innerText();
      assert.match(what, /deletes everything made in it \(images and their copies, shares, components, templates, build tasks, imports and exports\)/);
      assert.match(what, /in the copy saved in this browser/);
      assert.match(what, /stores no credentials/);
      // The focus moves on the next animation frame (focus.rs), which a loaded machine may delay.
      await page.waitForFunction(() => document.activeElement?.textContent === 'Reset the sandbox', null, { timeout: 5_000 });
      await confirm.getByRole('button', { name: 'Keep it' }).click();
      assert.equal(await confirm.count(), 0);
      assert.deepEqual(await imagesNamed(page, 'kept-across-reload'), [ctx.imageId]);
    });

    test('"Reset the sandbox" brings back the demo state, forgets its IDs, and a reload finds nothing of before', async () => {
      const { page, seen } = tab;
      assert.ok(await offered(page, 'ids-images', ctx.imageId));
      await connectionPanel(page).getByRole('button', { name: 'Reset sandbox…' }).click();
      await connectionPanel(page).getByRole('button', { name: 'Reset the sandbox' }).click();
      await connectionPanel(page).getByRole('status').filter({ hasText: 'The sandbox is back to its demo state; its saved copy in this browser is deleted.' }).waitFor();
      assert.equal(await offered(page, 'ids-images', ctx.imageId), false, 'a reset image is still suggested');
      assert.equal(await savedState(page), null);
      assert.deepEqual(await imagesNamed(page, 'kept-across-reload'), []);
      // The demo account is as it was at first.
      await selectOperation(page, 'CreateImage');
      assert.ok(await offered(page, 'ids-instances', SEED.instance));
      await page.reload();
      await waitReady(page);
      assert.deepEqual(await imagesNamed(page, 'kept-across-reload'), []);
      assert.deepEqual(seen.pageErrors, []);
      assert.deepEqual(unexpectedConsole(seen), []);
    });
  });
}
