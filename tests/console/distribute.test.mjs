// Distribute, as a user works through it on the in-page sandbox (the default connection, at speed
// 10: a copy takes seconds): a seeded Available image of the demo account's, "Distribute…" from
// its details, three regions and the second demo account; the plan (every call) before it starts;
// the matrix of region × step reaching Done, the summary linking each copy, the copies in the
// Images table, one per region. Then a run whose page is reloaded after its first copy started:
// the tray offers Resume, and the resumed run ends with exactly one copy per region (the package's
// ClientTokens: no duplicate). Screenshots: distribute-matrix(-390, -running).png in
// tests/console/artifacts/.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { dialog, openConsole, regionsOfRowsNamed, rowsNamed, screenshot, SEED, startConsole, stopConsole, tray, unexpectedConsole, unlabelled } from './support.mjs';

let browser;
let server;
let tab;

before(async () => {
  ({ server, browser } = await startConsole({ tab: false }));
  tab = await openConsole(browser, `${server.url}/#/images`, { view: '' });
});
after(() => stopConsole({ tabs: [tab], browser, server }));

const SOURCE = 'orders-db';
const REGIONS = ['cn-beijing', 'cn-shanghai', 'cn-shenzhen'];
const STEPS = ['copy', 'wait', `share:${SEED.demo2Account}`];

const view = (page) => page.locator('main.images-view');
const status = (page) => dialog(page).locator('.distribution-status');

/** The file a button of the dialog downloads: its name and text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), dialog(page).getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

async function overflows(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Opens the source image's details and its Distribute dialog, fills it and checks the plan
 * (a copy, its wait and a share per account in each region). */
async function openDistribute(page, id, name, { regions = REGIONS, accounts = [SEED.demo2Account] } = {}) {
  await page.evaluate((hash) => (location.hash = hash), `#/images/${SEED.region}/${id}`);
  await page.getByRole('group', { name: 'Image actions' }).getByRole('button', { name: 'Distribute…' }).click();
  await dialog(page).getByRole('heading', { name: `Distribute ${SOURCE} (${id})` }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.closest('dialog') !== null), true, 'the focus is in the dialog');
  for (const region of regions) await dialog(page).getByLabel(region, { exact: true }).check();
  await dialog(page).getByLabel('Name of the copies').fill(name);
  await dialog(page).getByLabel('Share with accounts').fill(accounts.join('\n'));
  const plan = await dialog(page).locator('.plan li').allInnerTexts();
  assert.equal(plan.length, regions.length * (2 + accounts.length), plan.join('\n'));
  for (const region of regions) {
    assert.ok(plan.includes(`CopyImage · ${region} · Copy`), plan.join('\n'));
    assert.ok(plan.includes(`DescribeImages · ${region} · Wait until Available`), plan.join('\n'));
    for (const account of accounts) assert.ok(plan.includes(`ModifyImageSharePermission · ${region} · Share with ${account}`), plan.join('\n'));
  }
  const { missing, duplicates } = await unlabelled(page);
  assert.deepEqual({ missing, duplicates }, { missing: [], duplicates: [] });
}

/** The matrix's cells' words, by region and step. */
function cells(page) {
  return dialog(page).locator('table.matrix tbody tr').evaluateAll((rows) =>
    rows.map((tr) => [tr.querySelector('th').firstChild.textContent.trim(), [...tr.querySelectorAll('td.cell')].map((td) => `${td.dataset.step}=${td.querySelector('.badge').textContent}`)]),
  );
}

describe('Distribute, through the dialog', () => {
  let id;

  test('a seeded image goes to three regions and the second account: the plan, the matrix, the summary, the copies', async () => {
    const { page, seen } = tab;
    await view(page).locator('table.vt-manager tbody tr.vt-row').first().waitFor({ timeout: 20_000 });
    const [source] = (await rowsNamed(page, SOURCE)).filter((r) => r.region === SEED.region);
    id = source.id;
    await openDistribute(page, id, 'e2e-dist');
    await dialog(page).getByRole('button', { name: 'Distribute to 3 regions' }).click();
    await status(page).filter({ hasText: /^Done:/ }).waitFor({ timeout: 60_000 });
    const matrix = await cells(page);
    assert.deepEqual(matrix.map(([r]) => r).sort(), REGIONS);
    for (const [region, row] of matrix) assert.deepEqual(row, STEPS.map((s) => `${s}=Done`), region);
    const summary = await dialog(page).locator('table.distribution-summary tbody tr').allInnerTexts();
    assert.equal(summary.length, 3);
    for (const line of summary) assert.match(line, new RegExp(`m-\\S+\\s+${SEED.demo2Account}\\s+Done`));
    const csv = await download(page, 'Export CSV');
    assert.equal(csv.name, 'distribution.csv');
    const lines = csv.text.trim().split('\r\n');
    assert.equal(lines[0], 'regionId,imageId,status,sharedWith,family,failures');
    assert.deepEqual(lines.slice(1).map((l) => l.replace(/m-\w+/, 'm-…')).sort(), REGIONS.map((r) => `${r},m-…,done,${SEED.demo2Account},,`));
    const json = JSON.parse((await download(page, 'Export JSON')).text);
    assert.deepEqual(json.map((r) => r.regionId).sort(), REGIONS);
    await screenshot(page, 'distribute-matrix');
    assert.equal(await overflows(page), false, 'the matrix scrolls the page sideways at 1280 px');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'distribute-matrix-390');
    assert.equal(await overflows(page), false, 'the matrix scrolls the page sideways at 390 px');
    await page.setViewportSize({ width: 1280, height: 800 });
    // What is kept in this browser is the plan and its progress, no credential.
    const saved = await page.evaluate(() => localStorage.getItem('ecsimg.distribution'));
    assert.equal(JSON.parse(saved).status, 'done');
    assert.doesNotMatch(saved, /demo-secret|accessKeySecret|securityToken/i);
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Distribute…', 'the focus is back on Distribute…');
    await page.reload();
    await regionsOfRowsNamed(page, 'e2e-dist', REGIONS);
    assert.deepEqual(unexpectedConsole(seen), []);
  });

  test('a page reloaded mid-run resumes from the tray and makes no second copy', async () => {
    const { page } = tab;
    await tray(page).getByRole('button', { name: 'Dismiss the distribution' }).click();
    await openDistribute(page, id, 'e2e-resume');
    await dialog(page).getByRole('button', { name: 'Distribute to 3 regions' }).click();
    // The first copy has started (its ID is known, its wait under way): the page goes away.
    await dialog(page).locator('td.cell[data-step=wait] .badge', { hasText: 'Running' }).first().waitFor({ timeout: 20_000 });
    await tray(page).getByText('1 task running').waitFor();
    await screenshot(page, 'distribute-matrix-running');
    await page.waitForTimeout(300);
    await page.reload();
    const entry = tray(page).locator('li.distribution-task');
    await entry.filter({ hasText: 'stopped: resume it' }).waitFor({ timeout: 15_000 });
    await entry.getByRole('button', { name: 'Resume the distribution' }).click();
    await entry.getByRole('button', { name: 'Open' }).click();
    await status(page).filter({ hasText: /^Done:/ }).waitFor({ timeout: 60_000 });
    for (const [region, row] of await cells(page)) assert.deepEqual(row, STEPS.map((s) => `${s}=Done`), region);
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    await page.reload();
    await regionsOfRowsNamed(page, 'e2e-resume', REGIONS);
  });

  test('a step that fails says why and is retried alone; the other steps stay done', async () => {
    const { page } = tab;
    await tray(page).getByRole('button', { name: 'Dismiss the distribution' }).click();
    // Sharing an image with its own account is refused (InvalidAccount.Forbbiden).
    const own = '1000000000000001';
    await openDistribute(page, id, 'e2e-retry', { regions: ['cn-hongkong'], accounts: [SEED.demo2Account, own] });
    await dialog(page).getByRole('button', { name: 'Distribute to 1 region' }).click();
    await status(page).filter({ hasText: /^Some steps failed:/ }).waitFor({ timeout: 30_000 });
    const failed = dialog(page).locator(`td.cell[data-step="share:${own}"]`);
    assert.match(await failed.innerText(), /Failed\s+InvalidAccount\.Forbbiden: /);
    assert.deepEqual((await cells(page))[0][1], ['copy=Done', 'wait=Done', `share:${SEED.demo2Account}=Done`, `share:${own}=Failed`]);
    const calls = (text) => Number(/\((\d+) calls so far\)/.exec(text)[1]);
    const before = calls(await status(page).innerText());
    await failed.getByRole('button', { name: `Retry Share with ${own} in cn-hongkong` }).click();
    await status(page).filter({ hasText: /^Some steps failed:/ }).filter({ hasText: `(${before + 1} calls so far)` }).waitFor({ timeout: 15_000 });
    assert.deepEqual((await cells(page))[0][1], ['copy=Done', 'wait=Done', `share:${SEED.demo2Account}=Done`, `share:${own}=Failed`]);
    await dialog(page).getByRole('button', { name: 'Close' }).click();
  });

  test('Cancel stops the run and cancels the copies in flight; Resume makes them again, one per region', async () => {
    const { page } = tab;
    await tray(page).getByRole('button', { name: 'Dismiss the distribution' }).click();
    const regions = ['cn-beijing', 'cn-shanghai'];
    await openDistribute(page, id, 'e2e-cancel', { regions });
    await dialog(page).getByRole('button', { name: 'Distribute to 2 regions' }).click();
    await dialog(page).locator('td.cell[data-step=wait] .badge', { hasText: 'Running' }).first().waitFor({ timeout: 20_000 });
    await dialog(page).getByRole('button', { name: 'Cancel distribution' }).click();
    await status(page).filter({ hasText: /^Cancelled:/ }).waitFor({ timeout: 20_000 });
    assert.match(await dialog(page).locator('table.matrix').innerText(), /Cancelled[\s\S]*was cancelled \(CancelCopyImage\)/);
    await dialog(page).getByRole('button', { name: 'Resume' }).click();
    await status(page).filter({ hasText: /^Done:/ }).waitFor({ timeout: 60_000 });
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    await page.reload();
    await regionsOfRowsNamed(page, 'e2e-cancel', regions);
  });
});
