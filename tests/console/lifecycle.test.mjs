// An image's whole life through the console's UI, against the in-page sandbox: CreateImage →
// "Wait until done" until Available → CopyImage to cn-shanghai → wait → share with another account
// → DescribeImageSharePermission shows it → deprecate (ModifyImageAttribute status) →
// DescribeImages shows Deprecated → DeleteImage → gone. Every ID is taken from the result panel
// (or the ID fields' suggestions), never from the test's own bookkeeping of the service.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  addRow,
  answerField,
  fillForm,
  historyItems,
  offered,
  resultPanel,
  SEED,
  selectOperation,
  startConsole,
  stopConsole,
  submit,
  submitOk,
  unexpectedConsole,
  waitUntilDone,
} from './support.mjs';
import { ANY_IMAGE_STATUS } from '../support/catalogue.mjs';


let browser;
let server;
let tab;

before(async () => {
  ({ server, browser, tab } = await startConsole());
});
after(() => stopConsole({ tab, browser, server }));

/** The image rows of the result's table: `[id, name, status]`. */
async function imageRows(page) {
  const rows = resultPanel(page).locator('table.vt-images tbody tr:not([aria-hidden="true"])');
  return rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.innerText.trim().split(/\s/)[0])),
  );
}

describe('create → wait → copy → wait → share → deprecate → delete, through the UI', () => {
  const ctx = {};

  test('CreateImage from the demo instance, then "Wait until done" until Available', async () => {
    const { page } = tab;
    await selectOperation(page, 'CreateImage');
    await fillForm(page, { instanceId: SEED.instance, imageName: 'e2e-lifecycle', description: 'lifecycle through the console' });
    await submitOk(page, 'CreateImage');
    ctx.imageId = await answerField(page, 'imageId');
    assert.match(ctx.imageId, /^m-/);
    // Progress shows while waiting (a progress bar with its label), then the final status.
    const panel = resultPanel(page);
    await panel.getByRole('button', { name: 'Wait until done' }).click();
    await panel.locator('progress#wait-progress').waitFor({ timeout: 5_000 });
    await panel.locator('.wait .ok', { hasText: 'Done: Available' }).waitFor({ timeout: 30_000 });
  });

  test('CopyImage to cn-shanghai, then "Wait until done" until the copy is Available', async () => {
    const { page } = tab;
    await selectOperation(page, 'CopyImage');
    assert.ok(await offered(page, 'ids-images', ctx.imageId), 'the new image is not suggested in the ID field');
    await fillForm(page, { imageId: ctx.imageId, destinationRegionId: SEED.otherRegion, destinationImageName: 'e2e-lifecycle-copy' });
    await submitOk(page, 'CopyImage');
    ctx.copyId = await answerField(page, 'imageId');
    assert.match(ctx.copyId, /^m-/);
    assert.notEqual(ctx.copyId, ctx.imageId);
    assert.equal(await waitUntilDone(page), 'Available');
    // The copy is there, in its region.
    await selectOperation(page, 'DescribeImages');
    await fillForm(page, { regionId: SEED.otherRegion, imageId: ctx.copyId, imageOwnerAlias: 'self' });
    await submitOk(page, 'DescribeImages');
    assert.deepEqual(await imageRows(page), [[ctx.copyId, 'e2e-lifecycle-copy', 'Available']]);
  });

  test('ModifyImageSharePermission: share with account 1000000000000002', async () => {
    const { page } = tab;
    await selectOperation(page, 'ModifyImageSharePermission');
    await addRow(page, 'addAccount');
    await fillForm(page, { imageId: ctx.imageId, 'addAccount-0': SEED.demo2Account });
    await submitOk(page, 'ModifyImageSharePermission');
  });

  test('DescribeImageSharePermission shows the account', async () => {
    const { page } = tab;
    await selectOperation(page, 'DescribeImageSharePermission');
    await fillForm(page, { imageId: ctx.imageId });
    const text = await submitOk(page, 'DescribeImageSharePermission');
    assert.match(text, /\b1 account\b/);
    assert.match(text, new RegExp(`\\b${SEED.demo2Account}\\b`));
  });

  test('ModifyImageAttribute: status Deprecated', async () => {
    const { page } = tab;
    await selectOperation(page, 'ModifyImageAttribute');
    await fillForm(page, { imageId: ctx.imageId, status: 'Deprecated' });
    await submitOk(page, 'ModifyImageAttribute');
  });

  test('DescribeImages shows it Deprecated', async () => {
    const { page } = tab;
    await selectOperation(page, 'DescribeImages');
    await fillForm(page, { regionId: SEED.region, imageId: ctx.imageId, imageOwnerAlias: 'self', status: ANY_IMAGE_STATUS });
    await submitOk(page, 'DescribeImages');
    assert.deepEqual(await imageRows(page), [[ctx.imageId, 'e2e-lifecycle', 'Deprecated']]);
  });

  test('DeleteImage: refused while shared (the error is shown), then with force', async () => {
    const { page } = tab;
    await selectOperation(page, 'DeleteImage');
    await fillForm(page, { imageId: ctx.imageId });
    const refused = await submit(page, 'DeleteImage');
    assert.match(refused, /ImageUseShared/);
    await fillForm(page, { force: 'true' });
    await submitOk(page, 'DeleteImage');
  });

  test('gone: DescribeImages in any status finds nothing', async () => {
    const { page } = tab;
    await selectOperation(page, 'DescribeImages');
    // The form kept what was typed before (forms are kept per operation).
    assert.equal(await page.locator('#f-imageId').inputValue(), ctx.imageId);
    await submitOk(page, 'DescribeImages');
    assert.match(await resultPanel(page).innerText(), /No images match/);
    assert.deepEqual(await imageRows(page), []);
  });

  test('the history lists every call, newest first, numbered and labelled, and nothing went wrong in the page', async () => {
    const { page, seen } = tab;
    const entries = (await historyItems(page).locator('button.link').allInnerTexts()).map((t) => t.trim());
    const id = ctx.imageId;
    assert.deepEqual(entries, [
      `#10 DescribeImages · ${id} · ${SEED.region} — OK`,
      `#9 DeleteImage · ${id} · ${SEED.region} — OK`,
      `#8 DeleteImage · ${id} · ${SEED.region} — ImageUseShared`,
      `#7 DescribeImages · ${id} · ${SEED.region} — OK`,
      `#6 ModifyImageAttribute · ${id} · ${SEED.region} — OK`,
      `#5 DescribeImageSharePermission · ${id} · ${SEED.region} — OK`,
      `#4 ModifyImageSharePermission · ${id} · ${SEED.region} — OK`,
      `#3 DescribeImages · ${ctx.copyId} · ${SEED.otherRegion} — OK`,
      `#2 CopyImage · ${id} · ${SEED.region} → ${SEED.otherRegion} — OK`,
      '#1 CreateImage · e2e-lifecycle · cn-hangzhou — OK',
    ]);
    assert.deepEqual(unexpectedConsole(seen, [/status of 404 \(Not Found\)/]), []);
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(server.log.filter((e) => e.api), [], 'the sandbox went to the network');
  });
});
