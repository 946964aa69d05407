// Clean up, as a user works through it on the in-page sandbox (the demo account's seed,
// crates/emulator/src/seed/demo.rs): in every region of the Images view, images older than 30
// days: the candidates are the npm package's expected set (crates/wasm/tests-js/cleanup.test.mjs),
// and the pipeline's base image, the family's newest and the in-use image are kept, each with why
// (the shared ones too, unless asked for: then they are candidates, flagged);
// two selected, the DryRun check deletes nothing; the confirmation names the count and the size
// and lists both; deleted, they are gone from the table and from the sandbox. Screenshots:
// cleanup(-390).png in tests/console/artifacts/.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { dialog, openConsole, screenshot, startConsole, stopConsole, unexpectedConsole, unlabelled } from './support.mjs';

let browser;
let server;
let tab;

before(async () => {
  ({ server, browser } = await startConsole({ tab: false }));
  tab = await openConsole(browser, `${server.url}/#/cleanup`, { view: '' });
});
after(() => stopConsole({ tabs: [tab], browser, server }));

const EXPECTED = [
  'ap-southeast-1 shop-web-v3',
  'cn-beijing analytics-base',
  'cn-hangzhou build-agent-2025',
  'cn-hangzhou reports-2025',
  'cn-hangzhou shop-web-v1',
  'cn-hangzhou shop-web-v2',
  'cn-hangzhou win2022-iis',
  'cn-shanghai shop-web-v3',
  'us-west-1 shop-web-v2',
];
const CHOSEN = ['cn-hangzhou build-agent-2025', 'cn-hangzhou win2022-iis'];

const view = (page) => page.locator('main.cleanup-view');
const candidatesTable = (page) => view(page).locator('.cleanup-findings table.cleanup-table');

/** The candidates' rows: `region name`, with their ID and size. */
function candidates(page) {
  return candidatesTable(page).locator('tbody tr').evaluateAll((rows) =>
    rows.map((tr) => {
      const td = [...tr.children].map((c) => c.textContent.trim());
      return { key: `${td[3]} ${td[1]}`, name: td[1], id: td[2], size: Number(td[5]), why: td[6], shared: td[7] };
    }),
  );
}

async function overflows(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** The sandbox's own images named so, in `region` (through its DescribeImages, as the console's client calls it). */
async function imagesNamed(page, region, name) {
  return page.evaluate(
    async ([regionId, imageName]) => {
      const client = new window.ecsimg.EcsImageClient({ regionId, credentials: { accessKeyId: 'demo', accessKeySecret: 'demo-secret' }, fetch: window.ecsimg.sandboxFetch });
      const { images } = await client.describeImages({ regionId, imageOwnerAlias: 'self', status: 'ALL', imageName, pageSize: 100 });
      return images.map((i) => i.imageId);
    },
    [region, name],
  );
}

describe('Clean up, through the view', () => {
  test('the candidates are the expected set; the kept ones say why', async () => {
    const { page } = tab;
    await view(page).getByRole('heading', { name: 'Clean up' }).waitFor({ timeout: 15_000 });
    const days = view(page).getByLabel('Older than (days)');
    assert.equal(await days.inputValue(), '90');
    await days.fill('30');
    await view(page).getByRole('button', { name: 'Find candidates' }).click();
    await candidatesTable(page).waitFor({ timeout: 30_000 });
    const found = await candidates(page);
    assert.deepEqual(found.map((c) => c.key).sort(), EXPECTED);
    for (const c of found) {
      assert.ok(c.size >= 20, `${c.key}: ${c.size} GiB`);
      assert.match(c.why, /not used by any instance/);
      assert.equal(c.shared, 'No');
    }
    const kept = view(page).locator('details.cleanup-kept');
    assert.equal(await kept.evaluate((d) => d.open), false, 'the kept images are folded');
    await kept.locator('summary').click();
    const keptText = await kept.innerText();
    assert.match(keptText, /ubuntu-22-hardened .*the base image of the image pipeline build-agent/);
    assert.match(keptText, /shop-web-v3 .*in use: instances run it/);
    assert.match(keptText, /shop-web-arm .*the newest image of the family shop-web-arm/);
    await kept.locator('summary').click();
    // Shared images are kept unless asked for; then they are candidates, flagged.
    const shared = view(page).getByLabel('Include images shared with other accounts (flagged: they lose them)');
    await shared.check();
    await view(page).getByRole('button', { name: 'Find candidates' }).click();
    const legacy = candidatesTable(page).locator('tbody tr', { hasText: 'legacy-api-2025' });
    await legacy.waitFor({ timeout: 30_000 });
    assert.match((await candidates(page)).find((c) => c.name === 'legacy-api-2025').shared, /^shared with 1000000000000002: they lose it/);
    await shared.uncheck();
    await view(page).getByRole('button', { name: 'Find candidates' }).click();
    await legacy.waitFor({ state: 'detached', timeout: 30_000 });
    assert.deepEqual((await candidates(page)).map((c) => c.key).sort(), EXPECTED);
    const { missing, duplicates, buttons } = await unlabelled(page);
    assert.deepEqual({ missing, duplicates, buttons }, { missing: [], duplicates: [], buttons: [] });
  });

  test('two selected: the check deletes nothing; after the confirmation they are deleted and gone', async () => {
    const { page, seen } = tab;
    const found = await candidates(page);
    const chosen = found.filter((c) => CHOSEN.includes(c.key));
    const gib = chosen.reduce((s, c) => s + c.size, 0);
    for (const c of chosen) await view(page).getByLabel(`Select ${c.name} (${c.id})`).check();
    await view(page).getByText(`2 selected: ${gib} GiB`).waitFor();
    await view(page).getByRole('button', { name: 'Check selected' }).click();
    const report = view(page).locator('.cleanup-report');
    await report.getByText(`2 would be deleted (${gib} GiB); 0 would fail.`).waitFor({ timeout: 20_000 });
    for (const c of chosen) assert.deepEqual(await imagesNamed(page, 'cn-hangzhou', c.name), [c.id], `${c.name} is still there`);
    await screenshot(page, 'cleanup');
    assert.equal(await overflows(page), false, 'the view scrolls sideways at 1280 px');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'cleanup-390');
    assert.equal(await overflows(page), false, 'the view scrolls sideways at 390 px');
    await page.setViewportSize({ width: 1280, height: 800 });

    const opener = view(page).getByRole('button', { name: `Delete 2 images (${gib} GiB)…` });
    await opener.click();
    await dialog(page).getByRole('heading', { name: `Delete 2 images (${gib} GiB)?` }).waitFor();
    const listed = await dialog(page).locator('.cleanup-confirm-list li').allInnerTexts();
    assert.deepEqual(listed.map((l) => l.split(' ')[0]).sort(), chosen.map((c) => c.name).sort());
    await dialog(page).getByRole('button', { name: `Delete 2 images (${gib} GiB)`, exact: true }).click();
    await report.getByText(`2 deleted (${gib} GiB); 0 failed.`).waitFor({ timeout: 20_000 });
    const left = (await candidates(page)).map((c) => c.key).sort();
    assert.deepEqual(left, EXPECTED.filter((k) => !CHOSEN.includes(k)));
    for (const c of chosen) assert.deepEqual(await imagesNamed(page, 'cn-hangzhou', c.name), [], `${c.name} is deleted`);
    const [file] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.equal(file.suggestedFilename(), 'deletion.csv');
    const lines = (await readFile(await file.path(), 'utf8')).trim().split('\r\n');
    assert.equal(lines[0], 'regionId,imageId,imageName,sizeGiB,status,reason,note');
    assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(1, 5).join(',')).sort(), chosen.map((c) => `${c.id},${c.name},${c.size},deleted`).sort());
    assert.deepEqual(unexpectedConsole(seen), []);
  });
});
