// The image manager's dialog (the one every action runs in), through the Components view's
// "Create component" and "Delete component" in the in-page sandbox: focus moved in and kept in
// (Tab and Shift+Tab wrap), Escape and Cancel close it and give the focus back to the button that
// opened it; fields labelled in words with the SDK name beside each and the catalogue's help; the
// core's messages beside a field as the user types; "the calls it will make" with "Show request"
// (the signed request as the API view shows it, gone once the form no longer says it); a
// destructive action naming what it destroys and asking for the name. Screenshots (dialog-*) at
// 1280 and 390 px go to tests/console/artifacts/.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { consoleSuite } from './suite.mjs';
import { dialog, labelled, screenshot, SEED, unexpectedConsole } from './support.mjs';

const suite = consoleSuite({
  path: `/#/components/${SEED.region}`,
  ready: (tab) => tab.page.getByText(`No components in ${SEED.region} yet.`).waitFor({ timeout: 15_000 }),
});

const opener = (page) => page.locator('.view-head').getByRole('button', { name: 'Create component', exact: true });

/** What has the focus: its id, or its tag and text, and whether it is inside the dialog. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { id: el?.id || `${el?.tagName.toLowerCase()}:${el?.textContent?.trim().slice(0, 30)}`, inDialog: !!el?.closest('dialog') };
  });

/** Opens "Create component" from the keyboard and waits for the dialog. */
async function openCreate(page) {
  await opener(page).focus();
  await page.keyboard.press('Enter');
  await dialog(page).getByRole('heading', { name: 'Create component' }).waitFor();
}

describe('the dialog', () => {
  test('the focus moves in, stays in, and goes back to the opener on Escape and on Cancel', async () => {
    const { page } = suite.tab;
    await openCreate(page);
    assert.equal(await dialog(page).getAttribute('aria-labelledby'), 'dialog-title');
    assert.deepEqual(await focused(page), { id: 'f-name', inDialog: true }, 'the first field has the focus');
    // Tab through every control and round again: the focus never leaves the dialog.
    const seen = new Set();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      assert.ok(now.inDialog, `Tab ${i + 1} left the dialog for ${now.id}`);
      seen.add(now.id);
    }
    assert.ok(seen.has('f-name') && seen.has('f-content'), [...seen].join(' '));
    // Shift+Tab from the first field goes round to the last control.
    await dialog(page).locator('#f-name').focus();
    await page.keyboard.press('Shift+Tab');
    const last = await focused(page);
    assert.ok(last.inDialog && last.id !== 'f-name', JSON.stringify(last));
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'f-name');
    await screenshot(page, 'dialog-create-component-1280');
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    assert.equal(await opener(page).evaluate((b) => b === document.activeElement), true, 'Escape: the focus is not back on the opener');
    await openCreate(page);
    await dialog(page).getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog(page).waitFor({ state: 'detached' });
    assert.equal(await opener(page).evaluate((b) => b === document.activeElement), true, 'Cancel: the focus is not back on the opener');
  });

  test('fields in words with the SDK name and the catalogue\'s help; the core\'s message beside a field as the user types', async () => {
    const { page } = suite.tab;
    await openCreate(page);
    const field = dialog(page).locator('.field', { has: page.locator('#f-name') });
    assert.equal(await field.locator('label').innerText(), 'Component name');
    assert.equal(await field.locator('code.api-name').innerText(), 'name');
    assert.match(await field.locator('.description').innerText(), /Component name/i);
    const name = labelled(page, 'Component name');
    await name.fill('a');
    await name.blur();
    const problem = field.getByRole('alert');
    await problem.waitFor();
    assert.match(await problem.innerText(), /must be 2 to 128 characters, got 1/);
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.match(await name.getAttribute('aria-describedby'), /name-problems/);
    assert.match(await dialog(page).locator('#dialog-reason').innerText(), /^Cannot run yet: .*problems? to fix beside the fields\.$/);
    // Nothing is sent while it has problems: the run button (aria-disabled, so still focusable and
    // clickable: force past Playwright's check) says why and takes the keyboard to the field.
    await dialog(page).getByRole('button', { name: 'Create component', exact: true }).click({ force: true });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    await name.fill('e2e-dialog');
    await problem.waitFor({ state: 'detached' });
    assert.equal(await name.getAttribute('aria-invalid'), 'false');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'dialog-create-component-390');
    const wide = await dialog(page).evaluate((d) => d.scrollWidth > d.clientWidth);
    assert.equal(wide, false, 'the dialog scrolls sideways at 390 px');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
  });

  test('"Show request" gives each call\'s signed request, and hides it once the form changes', async () => {
    const { page } = suite.tab;
    await openCreate(page);
    await labelled(page, 'Component name').fill('e2e-shown');
    await labelled(page, 'Content').fill('RUN echo shown');
    const plan = dialog(page).getByRole('region', { name: 'The call it will make' });
    assert.match(await plan.innerText(), new RegExp(`CreateImageComponent · ${SEED.region}`));
    await plan.getByRole('button', { name: 'Show request' }).click();
    const signed = plan.getByRole('region', { name: 'Signed request' });
    await signed.waitFor();
    const text = await signed.innerText();
    assert.match(text, /CreateImageComponent request \(signed, not sent\)/);
    assert.match(text, /This is a live signed call/);
    assert.match(text, /Name=e2e-shown/);
    await signed.scrollIntoViewIfNeeded();
    await screenshot(page, 'dialog-show-request-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await signed.scrollIntoViewIfNeeded();
    await screenshot(page, 'dialog-show-request-390');
    await page.setViewportSize({ width: 1280, height: 800 });
    // The request shown is the one the form says: a change hides it until asked again.
    await labelled(page, 'Component name').fill('e2e-changed');
    await signed.waitFor({ state: 'detached' });
    await plan.getByRole('button', { name: 'Show request' }).click();
    assert.match(await plan.getByRole('region', { name: 'Signed request' }).innerText(), /Name=e2e-changed/);
    // Run it: the dialog closes once the call succeeded and the component is listed.
    await dialog(page).getByRole('button', { name: 'Create component', exact: true }).click();
    await dialog(page).waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('table.manager-table tbody tr', { hasText: 'e2e-changed' }).waitFor();
  });

  test('a destructive action names what it destroys and runs only once its name is typed', async () => {
    const { page } = suite.tab;
    const row = page.locator('table.manager-table tbody tr', { hasText: 'e2e-changed' });
    const id = (await row.locator('code').innerText()).trim();
    const remove = page.getByRole('button', { name: 'Delete e2e-changed' });
    await remove.click();
    await dialog(page).getByRole('heading', { name: 'Delete component e2e-changed' }).waitFor();
    // The focus starts on the confirmation; the dialog names the component, its region, and the call.
    assert.equal((await focused(page)).id, 'dialog-confirm');
    const note = await dialog(page).getByRole('note').innerText();
    assert.match(note, /This cannot be undone\./);
    assert.match(note, new RegExp(`e2e-changed \\(${id}\\)\\s+${SEED.region}`));
    assert.match(await dialog(page).locator('.plan').innerText(), new RegExp(`DeleteImageComponent · e2e-changed \\(${id}\\) · ${SEED.region}`));
    const run = dialog(page).getByRole('button', { name: 'Delete component', exact: true });
    await dialog(page).getByLabel('To confirm, type').fill('e2e-change');
    await run.click({ force: true });
    assert.equal(await dialog(page).locator('#dialog-reason').innerText(), 'Type e2e-changed above to confirm.');
    assert.equal(await row.count(), 1, 'deleted without the name');
    await screenshot(page, 'dialog-delete-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'dialog-delete-390');
    await page.setViewportSize({ width: 1280, height: 800 });
    await dialog(page).getByLabel('To confirm, type').fill('e2e-changed');
    await run.click();
    await dialog(page).waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByText(`No components in ${SEED.region} yet.`).waitFor();
    assert.deepEqual(unexpectedConsole(suite.tab.seen), []);
    assert.deepEqual(suite.tab.seen.pageErrors, []);
  });
});
