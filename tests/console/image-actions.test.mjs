// The image actions as a user works through them, in dialogs (no API form): on the in-page
// sandbox, create an image from a demo snapshot and watch it reach Available in the task tray;
// copy it to two regions, each copy followed in the tray, and see the copies in the table and in the
// details; cancel a third copy from the tray; share it with the second demo account
// and stop; edit its attributes; deprecate and restore it; export it to the demo bucket; open an
// action with the keyboard (focus comes back); delete it after typing its name; delete the two
// copies at once, selected in the table. Then the core path
// (create → Available) on the local emulator through the proxy. Screenshots (image-action-*) at
// 1280 and 390 px go to tests/console/artifacts/.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { consoleSuite } from './suite.mjs';
import { dialog, labelled, openConsole, regionsOfRowsNamed, rowsNamed, screenshot, SEED, setConnection, task, tray, unexpectedConsole } from './support.mjs';

const suite = consoleSuite({ path: '/#/images', emulator: ['--speed', '10'] });

const IMAGE = 'e2e-actions';

const actions = (page) => page.getByRole('group', { name: 'Image actions' });
/** The open image's details: its title, ID, region, status and the rest. */
const heading = (page) => page.locator('aside.image-details');
const view = (page) => page.locator('main.images-view');
/** The regions of the details' copies (`cn-shanghai · Available` → `cn-shanghai`), sorted. */
const copyRegions = async (page) =>
  (await heading(page).locator('.copy-list li').allInnerTexts()).map((c) => c.split(' · ')[0]).sort();

/** The page scrolls sideways (it must not, at either width). */
async function overflows(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Screenshots of the page at 1280 and at 390 px wide (then back to 1280), checking the layout holds. */
async function shots(page, name) {
  await screenshot(page, `image-action-${name}-1280`);
  assert.equal(await overflows(page), false, `${name} scrolls sideways at 1280 px`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `image-action-${name}-390`);
  assert.equal(await overflows(page), false, `${name} scrolls sideways at 390 px`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Fills the open dialog's fields (by their labels in words) and leaves each. */
async function fillDialog(page, values) {
  for (const [label, value] of Object.entries(values)) {
    const control = labelled(page, label);
    await control.fill(value);
    await control.blur();
  }
}

/** Opens an action of the image shown. */
async function open(page, action, title) {
  await actions(page).getByRole('button', { name: action, exact: true }).click();
  await dialog(page).getByRole('heading', { name: title }).waitFor();
}

/** Runs the open dialog with its main button and waits for it to close. */
async function runDialog(page, action) {
  await dialog(page).getByRole('button', { name: action, exact: true }).click();
  await dialog(page).waitFor({ state: 'detached', timeout: 15_000 }).catch(async (e) => {
    throw new Error(`${e.message}\nThe dialog says: ${await dialog(page).innerText()}`);
  });
}

/** The plan's lines: the calls the dialog will make. */
const planned = (page) => dialog(page).locator('.plan li').allInnerTexts();

/** Creates an image from the demo system disk snapshot and waits for it to be Available. */
async function createImage(page, name) {
  await page.getByRole('button', { name: 'Create image' }).click();
  await dialog(page).getByRole('heading', { name: 'Create image' }).waitFor();
  await fillDialog(page, { 'Image name': name, 'From system disk snapshot': SEED.snapshot });
  assert.match((await planned(page)).join('\n'), new RegExp(`CreateImage · ${SEED.region}`));
  await runDialog(page, 'Create image');
  // The new image is opened, and followed in the tray until it is Available.
  await page.waitForFunction(() => /^#\/images\/cn-hangzhou\/m-/.test(location.hash));
  const made = task(page, `Image ${name}`);
  await made.locator('.task-outcome', { hasText: 'Done' }).waitFor({ timeout: 60_000 });
  await page.getByRole('status').filter({ hasText: `Image ${name}: done (Available).` }).waitFor();
  await heading(page).filter({ hasText: 'Available' }).waitFor({ timeout: 10_000 });
  return (await page.evaluate(() => location.hash)).split('/').pop();
}

describe('image actions on the sandbox, through the dialogs', () => {
  const ctx = {};

  test('create an image from a snapshot: Available in the tray', async () => {
    const { page } = suite.tab;
    await page.getByRole('heading', { name: 'Images', level: 2 }).waitFor();
    ctx.id = await createImage(page, IMAGE);
    assert.match(ctx.id, /^m-/);
    assert.equal(await page.locator('#image-details-title').innerText(), IMAGE);
    assert.match(await heading(page).locator('.details-where').innerText(), new RegExp(`${ctx.id} · cn-hangzhou`));
    await shots(page, 'created');
  });

  test('copy to two regions: a call and a tray task each', async () => {
    const { page } = suite.tab;
    await open(page, 'Copy to regions', `Copy ${IMAGE} (${ctx.id})`);
    await dialog(page).getByLabel('cn-shanghai', { exact: true }).check();
    await dialog(page).getByLabel('cn-beijing', { exact: true }).check();
    const calls = await planned(page);
    assert.equal(calls.length, 2, calls.join('\n'));
    assert.match(calls.join('\n'), /CopyImage · .* · cn-hangzhou[\s\S]*CopyImage/);
    await shots(page, 'copy-dialog');
    await runDialog(page, 'Copy to regions');
    for (const region of ['cn-shanghai', 'cn-beijing']) {
      const copy = task(page, `Copy of ${ctx.id} to ${region}`);
      await copy.waitFor();
      await copy.locator('.task-outcome', { hasText: 'Done' }).waitFor({ timeout: 60_000 });
    }
    await shots(page, 'copied');
  });

  test('the copies appear in the table and among the details\' copies', async () => {
    const { page } = suite.tab;
    await page.waitForFunction(() => document.querySelectorAll('aside.image-details .copy-list li').length === 2);
    assert.deepEqual(await copyRegions(page), ['cn-beijing', 'cn-shanghai']);
    await regionsOfRowsNamed(page, IMAGE, ['cn-beijing', 'cn-hangzhou', 'cn-shanghai']);
    const rows = await rowsNamed(page, IMAGE);
    assert.ok(rows.every((r) => r.status === 'Available'), JSON.stringify(rows));
    ctx.copies = rows.filter((r) => r.region !== SEED.region);
  });

  test('a copy is cancelled from the tray: the copy is gone, the others stay', async () => {
    const { page } = suite.tab;
    await open(page, 'Copy to regions', `Copy ${IMAGE} (${ctx.id})`);
    await dialog(page).getByLabel('ap-southeast-1', { exact: true }).check();
    await runDialog(page, 'Copy to regions');
    const copy = task(page, `Copy of ${ctx.id} to ap-southeast-1`);
    await copy.getByRole('button', { name: /^Cancel / }).click();
    await copy.locator('.task-outcome', { hasText: 'Cancelled' }).waitFor();
    await regionsOfRowsNamed(page, IMAGE, ['cn-beijing', 'cn-hangzhou', 'cn-shanghai']);
    assert.deepEqual(await copyRegions(page), ['cn-beijing', 'cn-shanghai']);
  });

  test('share with the second demo account, then stop', async () => {
    const { page } = suite.tab;
    await open(page, 'Share', `Share ${IMAGE} (${ctx.id})`);
    await dialog(page).getByText('Not shared with any account yet.').waitFor();
    await dialog(page).getByRole('button', { name: /^Add addAccount/ }).click();
    await dialog(page).locator('#f-addAccount-0').fill(SEED.demo2Account);
    await dialog(page).locator('#f-addAccount-0').blur();
    await runDialog(page, 'Save sharing');
    await open(page, 'Share', `Share ${IMAGE} (${ctx.id})`);
    const stop = dialog(page).getByLabel(`Stop sharing with ${SEED.demo2Account}`);
    await stop.check();
    await shots(page, 'share-dialog');
    await runDialog(page, 'Save sharing');
    await open(page, 'Share', `Share ${IMAGE} (${ctx.id})`);
    await dialog(page).getByText('Not shared with any account yet.').waitFor();
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
  });

  test('edit the attributes', async () => {
    const { page } = suite.tab;
    await open(page, 'Edit', `Edit ${IMAGE} (${ctx.id})`);
    assert.equal(await labelled(page, 'Image name').inputValue(), IMAGE);
    await fillDialog(page, { Description: 'edited by the e2e test', 'Image family': 'e2e-family' });
    assert.match((await planned(page)).join('\n'), /ModifyImageAttribute/);
    await runDialog(page, 'Save changes');
    await open(page, 'Edit', `Edit ${IMAGE} (${ctx.id})`);
    await labelled(page, 'Description').waitFor();
    assert.equal(await labelled(page, 'Description').inputValue(), 'edited by the e2e test');
    assert.equal(await labelled(page, 'Image family').inputValue(), 'e2e-family');
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
  });

  test('deprecate and restore', async () => {
    const { page } = suite.tab;
    await open(page, 'Deprecate', `Deprecate ${IMAGE} (${ctx.id})`);
    await runDialog(page, 'Deprecate');
    await heading(page).filter({ hasText: 'Deprecated' }).waitFor();
    assert.equal(await actions(page).getByRole('button', { name: 'Copy to regions' }).count(), 0);
    await open(page, 'Restore', `Restore ${IMAGE} (${ctx.id})`);
    await runDialog(page, 'Restore');
    await heading(page).filter({ hasText: 'Available' }).waitFor();
  });

  test('export to OSS: started, with its task ID', async () => {
    const { page } = suite.tab;
    await open(page, 'Export to OSS', `Export ${IMAGE} (${ctx.id}) to OSS`);
    await fillDialog(page, { 'OSS bucket': SEED.bucket, 'Object name prefix': 'e2e' });
    await runDialog(page, 'Export image');
    await page.getByRole('status').filter({ hasText: new RegExp(`Export of ${ctx.id} started: task \\S+\\.`) }).waitFor();
  });

  test('keyboard: open an action, complete it, focus returns', async () => {
    const { page } = suite.tab;
    const edit = actions(page).getByRole('button', { name: 'Edit', exact: true });
    await edit.focus();
    await page.keyboard.press('Enter');
    await dialog(page).getByRole('heading', { name: `Edit ${IMAGE} (${ctx.id})` }).waitFor();
    // Escape closes it untouched; focus is back on Edit.
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Edit');
    await page.keyboard.press('Enter');
    await labelled(page, 'Image family').waitFor();
    await labelled(page, 'Image family').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('e2e-keyboard');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Edit');
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Edit', 'focus stays once it reloads');
  });

  test('delete after typing its name, force explained', async () => {
    const { page } = suite.tab;
    // The first image is being exported (the service refuses to delete it meanwhile): make another.
    const doomed = 'e2e-doomed';
    const id = await createImage(page, doomed);
    await open(page, 'Delete', `Delete ${doomed} (${id})`);
    const text = await dialog(page).innerText();
    assert.match(text, /Delete even if instances still use the image/);
    assert.match(text, /No instance uses them now\./);
    const button = dialog(page).getByRole('button', { name: 'Delete image', exact: true });
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    await dialog(page).locator('#dialog-confirm').fill(doomed);
    await shots(page, 'delete-dialog');
    await runDialog(page, 'Delete image');
    await heading(page).filter({ hasText: 'No image' }).waitFor({ timeout: 10_000 });
  });

  test('bulk delete: two selected images, each listed, after ticking the count', async () => {
    const { page } = suite.tab;
    for (const copy of ctx.copies) {
      await view(page).getByLabel('Search').fill(copy.id);
      await view(page).getByRole('checkbox', { name: `Select ${IMAGE} in ${copy.region}` }).check();
    }
    await view(page).getByLabel('Search').fill('');
    const bar = page.getByRole('group', { name: 'Actions on the selected images' });
    await bar.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog(page).getByRole('heading', { name: 'Delete 2 images' }).waitFor();
    const listed = await dialog(page).getByRole('list', { name: 'What it destroys' }).locator('li').allInnerTexts();
    assert.deepEqual(listed.sort(), ctx.copies.map((c) => `${IMAGE} (${c.id}) ${c.region}`).sort());
    const button = dialog(page).getByRole('button', { name: 'Delete 2 images', exact: true });
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    await dialog(page).locator('#dialog-confirm').check();
    assert.equal((await planned(page)).filter((l) => /DeleteImage/.test(l)).length, 2);
    await shots(page, 'bulk-delete-dialog');
    await runDialog(page, 'Delete 2 images');
    await regionsOfRowsNamed(page, IMAGE, [SEED.region]);
    assert.deepEqual(unexpectedConsole(suite.tab.seen), []);
  });
});

describe('image actions on the local emulator through the proxy', () => {
  test('create an image: Available in the tray', async () => {
    const page = (await openConsole(suite.browser, `${suite.server.url}/#/images`, { view: '' })).page;
    await setConnection(page, 'Sandbox (local emulator via proxy)');
    const before = suite.server.apiCalls().length;
    const id = await createImage(page, 'e2e-proxied');
    const calls = suite.server.apiCalls().slice(before).map((c) => c.action);
    assert.ok(calls.includes('CreateImage') && calls.includes('DescribeImages'), calls.join(', '));
    assert.match(id, /^m-/);
    await page.context().close();
  });
});
