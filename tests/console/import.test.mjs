// Import an image from OSS in the Images view, as a user goes through the wizard on the in-page
// sandbox: Next refuses a step whose fields have problems (said beside the field, the focus on
// it), the keyboard goes through the first step, Back keeps what was entered, the review shows the
// call and its request, and the imported image reaches Available in the task tray and appears in
// the table. Screenshot: artifacts/import-wizard.png (the review step).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { consoleSuite } from './suite.mjs';
import { dialog, labelled, screenshot, SEED, tray, unexpectedConsole } from './support.mjs';

const suite = consoleSuite({ path: '/#/images' });

const IMAGE = 'e2e-imported';
const step = (page) => dialog(page).locator('#dialog-step');
const next = (page) => dialog(page).getByRole('button', { name: 'Next', exact: true });
const focused = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const BUCKET = 'f-diskDeviceMapping-0-OSSBucket';

describe('import an image from OSS, step by step', () => {
  test('Next refuses a step with problems, saying why beside the field', async () => {
    const { page } = suite.tab;
    await page.getByRole('heading', { name: 'Images', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Import from OSS' }).click();
    await dialog(page).getByRole('heading', { name: 'Import image from OSS' }).waitFor();
    assert.equal(await step(page).innerText(), 'Step 1 of 4: Where the file is');
    assert.equal(await labelled(page, 'Region').inputValue(), SEED.region);
    await labelled(page, 'OSS bucket').fill('x');
    // Next says it will not go on (aria-disabled, so still focusable and clickable).
    assert.equal(await next(page).getAttribute('aria-disabled'), 'true');
    await next(page).click({ force: true });
    // Still the first step; the bucket's problem beside it, the focus on it, and the reason why.
    assert.equal(await step(page).innerText(), 'Step 1 of 4: Where the file is');
    await page.waitForFunction((id) => document.activeElement?.id === id, BUCKET);
    const beside = dialog(page).locator('.field', { has: page.locator(`#${BUCKET}`) }).locator('.problems');
    assert.match(await beside.innerText(), /3 to 63 characters/);
    assert.equal(await page.locator(`#${BUCKET}`).getAttribute('aria-invalid'), 'true');
    // The object is missing too: two fields to fix.
    assert.equal(await dialog(page).locator('#dialog-reason').innerText(), 'Cannot go on yet: 2 fields to fix on this step.');
  });

  test('the keyboard through the first step; Back keeps what was entered', async () => {
    const { page } = suite.tab;
    // The focus is on the bucket: type over it, Tab to the object, Enter goes on.
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(SEED.bucket);
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'f-diskDeviceMapping-0-OSSObject');
    await page.keyboard.type(SEED.qcow2);
    await labelled(page, 'File format').selectOption('QCOW2');
    await labelled(page, 'Image file \\(object\\)').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'dialog-step');
    assert.equal(await step(page).innerText(), 'Step 2 of 4: What it is');
    assert.equal(await labelled(page, 'OS type').inputValue(), 'linux');
    await labelled(page, 'Operating system').selectOption('Aliyun');
    await dialog(page).getByRole('button', { name: 'Back', exact: true }).click();
    assert.equal(await step(page).innerText(), 'Step 1 of 4: Where the file is');
    assert.equal(await labelled(page, 'OSS bucket').inputValue(), SEED.bucket);
    assert.equal(await labelled(page, 'File format').inputValue(), 'QCOW2');
    await next(page).click();
    assert.equal(await labelled(page, 'Operating system').inputValue(), 'Aliyun');
    await next(page).click();
    assert.equal(await step(page).innerText(), 'Step 3 of 4: Name and tags');
  });

  test('the review shows the call; Import follows the image to Available and into the table', async () => {
    const { page } = suite.tab;
    await labelled(page, 'Image name').fill(IMAGE);
    await labelled(page, 'Description').fill('Imported by the e2e test');
    await next(page).click();
    assert.equal(await step(page).innerText(), 'Step 4 of 4: Review and run');
    const calls = await dialog(page).locator('.plan li').allInnerTexts();
    assert.equal(calls.length, 1, calls.join('\n'));
    assert.match(calls[0], new RegExp(`ImportImage · ${SEED.region}`));
    await dialog(page).getByRole('button', { name: 'Show request 1' }).click();
    const request = dialog(page).getByRole('region', { name: 'Signed request' });
    await request.waitFor();
    const text = decodeURIComponent(await request.innerText());
    assert.match(text, /Action=ImportImage/);
    for (const value of [`DiskDeviceMapping.1.OSSBucket=${SEED.bucket}`, `DiskDeviceMapping.1.OSSObject=${SEED.qcow2}`, 'Platform=Aliyun']) {
      assert.ok(text.includes(value), `${value} in ${text}`);
    }
    await screenshot(page, 'import-wizard', { element: dialog(page) });
    await dialog(page).getByRole('button', { name: 'Import image', exact: true }).click();
    await dialog(page).waitFor({ state: 'detached', timeout: 15_000 });
    // The new image is opened, followed in the tray until it is Available, and in the table.
    await page.waitForFunction(() => /^#\/images\/cn-hangzhou\/m-/.test(location.hash));
    const made = tray(page).locator('li.task', { hasText: `Image ${IMAGE}` });
    await made.locator('.task-outcome', { hasText: 'Done' }).waitFor({ timeout: 60_000 });
    await page.getByRole('status').filter({ hasText: `Image ${IMAGE}: done (Available).` }).waitFor();
    const row = page.locator('table.vt-manager tr.vt-row', { hasText: IMAGE });
    await row.filter({ hasText: 'Available' }).waitFor({ timeout: 10_000 });
    assert.equal(await row.locator('.name-text a').innerText(), IMAGE);
    assert.deepEqual(suite.tab.seen.pageErrors, []);
    assert.deepEqual(unexpectedConsole(suite.tab.seen), []);
  });
});
