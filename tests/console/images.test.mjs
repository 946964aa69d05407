// The Images view as a person uses it, in headless Chromium against the in-page sandbox and its
// demo images (crates/emulator/src/seed/demo.rs), without any API form: the console opens on it
// with no hash; the eight sandbox regions load, each with its count; the owner tabs; filters by
// text, status and age; sorting (click and keyboard, aria-sort); selecting rows; CSV and JSON
// exports read back from the download and compared with the table; an image's details (every
// attribute, whom it is shared with, its family's newest image, its disks, the image check, its
// copies in other regions); the details' route through a reload and back / forward; the keyboard
// alone through the table; a region that fails, in words, with Retry; the regions chosen kept in
// localStorage (region IDs only); and the layout at 390 px. Screenshots: artifacts/images-*.png.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { cspViolations, imageRows, openConsole, screenshot, SEED, setConnection, startConsole, stopConsole, unexpectedConsole, unlabelled } from './support.mjs';
import { ANY_IMAGE_STATUS, REGIONS } from '../support/catalogue.mjs';

let browser;
let server;
let tab;
const tabs = [];

before(async () => {
  ({ server, browser } = await startConsole({ tab: false }));
  tab = await openImages();
});
after(() => stopConsole({ tabs, browser, server }));

/** Opens the console at `path` (no hash: what a visitor sees first) and waits for every region. */
async function openImages(path = '/', options = {}) {
  const opened = await openConsole(browser, `${server.url}${path}`, { view: '', ...options });
  tabs.push(opened);
  await regionsLoaded(opened.page);
  return opened;
}

const main = (page) => page.locator('main.images-view');
const regionLines = (page) => page.getByRole('region', { name: 'Regions' }).locator('li');
const ownerTab = (page, name) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const table = (page) => page.locator('table.vt-manager');
const shot = (page, name, options) => screenshot(page, `images-${name}`, options);

/** Waits until no region is loading any more and the table shows what they brought. */
async function regionsLoaded(page) {
  await main(page).waitFor();
  await page.waitForFunction(() => {
    const lines = [...document.querySelectorAll('section[aria-label="Regions"] li')];
    const drawn = document.querySelector('.images-list')?.getAttribute('aria-busy') === 'false';
    return drawn && lines.length > 0 && lines.every((li) => !li.classList.contains('loading'));
  }, null, { timeout: 30_000 });
}

/** The table's rows (every row is rendered: fewer than 50). */
const rows = (page) => imageRows(table(page));

/** The counts line above the table. */
const counts = (page) => main(page).locator('.table-actions .counts').innerText();

/** A select of the filters, by its label. */
async function filter(page, label, value) {
  await main(page).getByLabel(label, { exact: true }).selectOption(value);
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/** RFC 4180 CSV into rows of fields. */
function parseCsv(text) {
  const out = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), out.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return out;
}

/** The row link of an image by name and region. */
const imageLink = (page, name, region) =>
  table(page).locator('tr.vt-row', { has: page.locator('td', { hasText: new RegExp(`^${region}$`) }) }).getByRole('link', { name, exact: true });

const details = (page) => page.locator('aside.image-details');

describe('the Images view', () => {
  test('is what the console opens on, and loads all eight sandbox regions, each with its count', async () => {
    const { page, seen } = tab;
    await page.waitForFunction(() => location.hash === '#/images');
    assert.equal(await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Images' }).getAttribute('aria-current'), 'page');
    const lines = await regionLines(page).allInnerTexts();
    assert.deepEqual(lines.map((l) => l.split('\n')[0].trim()), REGIONS);
    const count = (line) => Number(/(\d+) images?/.exec(line)?.[1]);
    assert.ok(lines.every((l) => Number.isInteger(count(l))), lines.join(' | '));
    const total = lines.map(count).reduce((a, b) => a + b, 0);
    assert.ok(total >= 15, `${total} demo images`);
    assert.ok(lines.filter((l) => count(l) > 0).length >= 5, 'images in several regions');
    assert.match(await page.getByRole('region', { name: 'Regions' }).locator('[role=status]').innerText(), new RegExp(`^${total} images in 8 regions\\.$`));
    assert.equal(await ownerTab(page, 'My images').getAttribute('aria-selected'), 'true');
    assert.match(await ownerTab(page, 'My images').innerText(), new RegExp(`\\(${total}\\)`));
    assert.equal(await counts(page), `${total} of ${total} images shown`);
    // Every status the catalogue lists, and nothing went to the network (the sandbox is in the page).
    const statuses = new Set((await rows(page)).map((r) => r.status));
    for (const status of ANY_IMAGE_STATUS.split(',')) assert.ok(statuses.has(status), `no ${status} image`);
    assert.deepEqual(seen.requests.filter((r) => r.url.includes('/api/ecs')), []);
    await shot(page, 'start');
  });

  test('the owner tabs: shared with me, public, marketplace; arrow keys move between them', async () => {
    const { page } = tab;
    await ownerTab(page, 'Shared with me').click();
    await regionsLoaded(page);
    const shared = await rows(page);
    assert.deepEqual(shared.map((r) => `${r.name} ${r.region}`).sort(), ['partner-base cn-hangzhou', 'partner-gpu-ubuntu cn-shanghai']);
    assert.equal(await page.locator('#images-panel').getAttribute('aria-labelledby'), 'tab-others');
    await shot(page, 'shared-with-me');
    await ownerTab(page, 'Shared with me').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await ownerTab(page, 'Public').getAttribute('aria-selected'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-system');
    await regionsLoaded(page);
    const lines = await regionLines(page).allInnerTexts();
    assert.ok(lines.every((l) => /\b2\d images\b/.test(l)), `public images in every region: ${lines.join(' | ')}`);
    await page.keyboard.press('ArrowRight');
    await regionsLoaded(page);
    assert.equal(await ownerTab(page, 'Marketplace').getAttribute('aria-selected'), 'true');
    // The demo seed's two Marketplace images, in cn-hangzhou and cn-shanghai.
    const market = await rows(page);
    assert.deepEqual(market.map((r) => r.region).sort(), ['cn-hangzhou', 'cn-hangzhou', 'cn-shanghai', 'cn-shanghai']);
    await page.keyboard.press('Home');
    assert.equal(await ownerTab(page, 'My images').getAttribute('aria-selected'), 'true');
  });

  test('filters: text over names, IDs and tags; status; age', async () => {
    const { page } = tab;
    const search = main(page).getByLabel('Search');
    await search.fill('shop-web-v3');
    const v3 = await rows(page);
    assert.deepEqual(v3.map((r) => r.region).sort(), ['ap-southeast-1', 'cn-hangzhou', 'cn-shanghai', 'eu-central-1']);
    assert.ok(v3.every((r) => r.name === 'shop-web-v3'));
    await filter(page, 'Status', 'Available');
    const available = await rows(page);
    assert.equal(available.length, 3);
    assert.ok(available.every((r) => r.status === 'Available'));
    assert.match(await counts(page), /^3 of \d+ images shown$/);
    await shot(page, 'filtered');
    // An ID and a tag find their image too.
    await search.fill(v3[0].id.toUpperCase());
    assert.deepEqual((await rows(page)).map((r) => r.id), v3[0].status === 'Available' ? [v3[0].id] : []);
    await filter(page, 'Status', '');
    await search.fill('app=orders');
    assert.ok((await rows(page)).every((r) => r.name === 'orders-db'));
    await main(page).getByRole('button', { name: 'Clear filters' }).click();
    assert.equal(await search.inputValue(), '');
    // Old images: made more than 180 days ago, none of them in use.
    await filter(page, 'Age', 'Older than 180 days');
    const old = await rows(page);
    assert.deepEqual(old.map((r) => r.name).sort(), ['build-agent-2025', 'shop-web-v1', 'ubuntu-22-hardened']);
    assert.ok(old.every((r) => r.inUse === 'Not in use'));
    await main(page).getByRole('button', { name: 'Clear filters' }).click();
  });

  test('sorts by any column, by click and by keyboard, and says so with aria-sort', async () => {
    const { page } = tab;
    const header = (title) => table(page).locator('thead th', { has: page.getByRole('button', { name: title, exact: true }) });
    assert.equal(await header('Created').getAttribute('aria-sort'), 'descending');
    const created = (await rows(page)).map((r) => r.created);
    assert.deepEqual(created, [...created].sort().reverse(), 'the newest first');
    await header('Name').getByRole('button').click();
    assert.equal(await header('Name').getAttribute('aria-sort'), 'ascending');
    assert.equal(await header('Created').getAttribute('aria-sort'), 'none');
    const names = (await rows(page)).map((r) => r.name.toLowerCase());
    assert.deepEqual(names, [...names].sort());
    await page.keyboard.press('Enter');
    assert.equal(await header('Name').getAttribute('aria-sort'), 'descending');
    const back = (await rows(page)).map((r) => r.name.toLowerCase());
    assert.deepEqual(back, [...names].sort().reverse());
    await header('Size').getByRole('button').click();
    const sizes = (await rows(page)).map((r) => parseInt(r.size, 10));
    assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a), 'the largest first');
    await header('Name').getByRole('button').click();
    assert.equal(await header('Name').getAttribute('aria-sort'), 'ascending');
    await shot(page, 'sorted');
  });

  test('selects rows one by one and every row shown at once', async () => {
    const { page } = tab;
    const all = main(page).getByRole('checkbox', { name: 'Select every image shown' });
    await main(page).getByRole('checkbox', { name: 'Select build-agent-2025 in cn-hangzhou' }).check();
    await main(page).getByRole('checkbox', { name: 'Select orders-db in cn-hangzhou' }).check();
    assert.match(await counts(page), / · 2 selected$/);
    assert.equal(await all.evaluate((box) => box.indeterminate), true);
    assert.match(await main(page).locator('.exports .hint').innerText(), /the 2 selected/);
    await shot(page, 'selected');
    await all.check();
    const total = (await rows(page)).length;
    assert.match(await counts(page), new RegExp(` · ${total} selected$`));
    await all.uncheck();
    assert.doesNotMatch(await counts(page), /selected/);
  });

  test('exports the view as CSV (RFC 4180, read back) and JSON, and a selection alone', async () => {
    const { page } = tab;
    await filter(page, 'Status', 'Available');
    const shown = await rows(page);
    const csv = await download(page, 'Export CSV');
    assert.match(csv.name, /^ecsimg-images-self-\d{4}-\d\d-\d\d\.csv$/);
    assert.ok(csv.text.startsWith('\ufeff'), 'a byte order mark, so Excel reads UTF-8');
    const [header, ...lines] = parseCsv(csv.text.slice(1));
    assert.deepEqual(header.slice(0, 4), ['Name', 'Image ID', 'Region', 'Status']);
    assert.deepEqual(lines.map((l) => [l[0], l[1], l[2], l[3]]), shown.map((r) => [r.name, r.id, r.region, r.status]), 'the rows of the view, in its order');
    const tagsAt = header.indexOf('Tags');
    assert.ok(lines.some((l) => l[tagsAt] === 'app=shop, env=prod'), 'a field with a comma, quoted');
    const json = await download(page, 'Export JSON');
    assert.match(json.name, /\.json$/);
    const parsed = JSON.parse(json.text);
    assert.deepEqual(parsed.map((i) => i.imageId), shown.map((r) => r.id));
    assert.ok(parsed.every((i) => i.status === 'Available' && typeof i.regionId === 'string' && Array.isArray(i.tags)));
    await main(page).getByRole('checkbox', { name: `Select ${shown[0].name} in ${shown[0].region}` }).check();
    const one = JSON.parse((await download(page, 'Export JSON')).text);
    assert.deepEqual(one.map((i) => i.imageId), [shown[0].id]);
    await main(page).getByRole('button', { name: 'Clear selection' }).click();
    await filter(page, 'Status', '');
  });

  test('details: every attribute in words, shared with, the family\'s newest, disks, image check, copies', async () => {
    const { page } = tab;
    await imageLink(page, 'shop-web-v3', SEED.region).click();
    await page.waitForFunction(() => /^#\/images\/cn-hangzhou\/m-/.test(location.hash));
    const aside = details(page);
    await aside.getByRole('heading', { name: 'shop-web-v3', level: 3 }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'image-details-title', 'the keyboard follows');
    const attribute = (label) => aside.locator('.attr', { has: page.locator('dt', { hasText: new RegExp(`^${label} `) }) }).locator('dd');
    assert.equal(await attribute('Family').innerText(), 'shop-web');
    assert.equal(await attribute('In use').innerText(), 'Yes, instances use it');
    assert.equal(await attribute('NVMe').innerText(), 'Supported');
    assert.match(await attribute('Created').innerText(), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC \(1 month ago\)$/);
    assert.equal(await aside.locator('dt', { hasText: /^Family / }).locator('code.api').innerText(), 'imageFamily');
    const shares = aside.locator('section.shares');
    await shares.getByText(`Account ${SEED.demo2Account}`).waitFor();
    assert.match(await shares.innerText(), /DescribeImageSharePermission/);
    assert.match(await aside.innerText(), /SELinux: enforcing — Medium risk: SELinux\.Enforcing/);
    const copies = await aside.locator('.copy-list li').allInnerTexts();
    assert.deepEqual(copies.map((c) => c.split(' · ')[0]).sort(), ['ap-southeast-1', 'cn-shanghai', 'eu-central-1']);
    await aside.locator('.newest, .hint', { hasText: /^shop-web: (this is|not the newest)/ }).waitFor();
    await shot(page, 'details');
    await screenshot(page, 'images-details-panel', { element: aside });
    // An older version: the family's newest is another image, one link away.
    await imageLink(page, 'shop-web-v2', SEED.region).click();
    await aside.getByRole('heading', { name: 'shop-web-v2' }).waitFor();
    const newest = aside.locator('.newest');
    await newest.waitFor();
    assert.match(await newest.innerText(), /^shop-web: not the newest\. The family's newest Available image is shop-web-v[34] \(m-/);
    await newest.getByRole('link').click();
    await aside.locator('.newest', { hasText: "this is the family's newest" }).waitFor();
    // A copy's link opens the copy; an image with a data disk lists both disks and their snapshots.
    await imageLink(page, 'orders-db', SEED.region).click();
    await aside.getByRole('heading', { name: 'orders-db' }).waitFor();
    const disks = await aside.locator('table.disks tbody tr').allInnerTexts();
    assert.equal(disks.length, 2);
    assert.match(disks[0], /System disk\s+40 GiB\s+s-hangzhou-sys1/);
    assert.match(disks[1], /Data disk\s+100 GiB\s+s-hangzhou-data1/);
    await aside.locator('.copy-list').getByRole('link', { name: 'eu-central-1' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#/images/eu-central-1/'));
    await aside.getByRole('heading', { name: 'orders-db' }).waitFor();
    assert.match(await aside.locator('.details-where').innerText(), /eu-central-1$/);
  });

  test('the details have their own URL: a reload opens them, back and forward move between them', async () => {
    const { page } = tab;
    const copy = await page.evaluate(() => location.hash);
    await page.reload();
    await details(page).getByRole('heading', { name: 'orders-db' }).waitFor();
    assert.equal(await page.evaluate(() => location.hash), copy);
    await page.goBack();
    await page.waitForFunction((h) => location.hash !== h, copy);
    assert.match(await page.evaluate(() => location.hash), /^#\/images\/cn-hangzhou\/m-/);
    await details(page).getByRole('heading', { name: 'orders-db' }).waitFor();
    await page.goForward();
    await page.waitForFunction((h) => location.hash === h, copy);
    // Close returns to the list.
    await details(page).getByRole('button', { name: 'Close the details' }).click();
    await page.waitForFunction(() => location.hash === '#/images');
    assert.equal(await details(page).count(), 0);
    await regionsLoaded(page);
  });

  test('the keyboard alone: sort, select, open the details, Escape back to the table', async () => {
    const { page } = tab;
    await main(page).getByLabel('Search').focus();
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent.trim()}`;
    });
    const tabTo = async (wanted) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (wanted.test(await focused())) return;
      }
      assert.fail(`Tab never reached ${wanted}; last at ${await focused()}`);
    };
    await tabTo(/^button Name/);
    await page.keyboard.press('Enter');
    const header = table(page).locator('thead th').first();
    const sorted = await header.getAttribute('aria-sort');
    await page.keyboard.press('Enter');
    assert.notEqual(await header.getAttribute('aria-sort'), sorted);
    await tabTo(/^input Select .+ in /);
    const box = await focused();
    await page.keyboard.press('Space');
    assert.match(await counts(page), / · 1 selected$/);
    await page.keyboard.press('Tab');
    const link = await focused();
    assert.equal(link.split(' ')[0], 'a');
    assert.equal(box.replace(/^input Select (.+) in .*$/, '$1'), link.replace(/^a /, '').trim().split('\n')[0].trim().replace(/m-\S+$/, '').trim());
    await page.keyboard.press('Enter');
    await details(page).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'image-details-title');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => location.hash === '#/images');
    await page.waitForFunction(() => document.activeElement?.classList.contains('vt-scroll'));
    await main(page).getByRole('button', { name: 'Clear selection' }).click();
  });

  test('a region that fails says why in words and offers Retry; the regions chosen are remembered (IDs only)', async () => {
    const opened = await openImages();
    const { page } = opened;
    // A real account may name any region; the sandbox does not serve this one.
    await setConnection(page, 'Alibaba Cloud (via proxy)');
    // Without credentials nothing is loaded (the sandbox's images are gone), and the view says why.
    await main(page).getByRole('status').filter({ hasText: 'Enter an AccessKey ID and secret' }).waitFor();
    assert.equal(await regionLines(page).count(), 0);
    assert.equal(await table(page).locator('tr.vt-row').count(), 0);
    await page.getByText(/^Regions \(\d+ chosen\)$/).click();
    const another = page.getByLabel('Another region');
    await another.fill('cn_nowhere');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    assert.match(await page.locator('#region-add-problem').innerText(), /lowercase letters, digits and hyphens .* got "cn_nowhere"/);
    assert.equal(await another.getAttribute('aria-invalid'), 'true');
    await another.fill('me-central-1');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('cn-hongkong', { exact: true }).uncheck();
    const stored = await page.evaluate(() => ({ ...localStorage }));
    assert.deepEqual(Object.keys(stored), ['ecsimg.images.regions']);
    assert.deepEqual(JSON.parse(stored['ecsimg.images.regions']), [...REGIONS.filter((r) => r !== 'cn-hongkong'), 'me-central-1']);
    await setConnection(page, 'Sandbox (in this page)');
    await regionsLoaded(page);
    const failed = regionLines(page).filter({ hasText: 'me-central-1' });
    assert.match(await failed.innerText(), /Failed: DescribeImages: InvalidRegionId\.NotFound \(HTTP \d+\)/);
    await shot(page, 'region-failed');
    await failed.getByRole('button', { name: 'Retry me-central-1' }).click();
    await regionsLoaded(page);
    assert.match(await failed.innerText(), /Failed: DescribeImages: InvalidRegionId\.NotFound/);
    // Remembered in this browser: a new tab of the same context loads the same regions.
    const again = await opened.context.newPage();
    await again.goto(`${server.url}/`);
    await regionsLoaded(again);
    const names = (await regionLines(again).allInnerTexts()).map((l) => l.split('\n')[0].trim());
    assert.deepEqual(names, [...REGIONS.filter((r) => r !== 'cn-hongkong'), 'me-central-1']);
    assert.deepEqual(unexpectedConsole(opened.seen, [/Failed to load resource/]), []);
  });

  test('at 390 px: no sideways scrolling, name, ID and status readable, and the details take the screen', async () => {
    const phone = await openImages('/', { viewport: { width: 390, height: 844 } });
    const { page } = phone;
    const wide = await page.evaluate(() => [document.scrollingElement.scrollWidth, window.innerWidth]);
    assert.ok(wide[0] <= wide[1], `${wide[0]} px wide for ${wide[1]}`);
    const first = table(page).locator('tr.vt-row').first();
    const inView = async (locator) => {
      const box = await locator.boundingBox();
      return box && box.x >= 0 && box.x + box.width <= 390 && box.width > 0;
    };
    assert.ok(await inView(first.locator('.name-text a')), 'the name');
    assert.ok(await inView(first.locator('.sub-id')), 'the ID under it');
    assert.ok(await inView(first.locator('.badge')), 'the status');
    const id = await first.locator('.sub-id').evaluate((el) => el.scrollWidth <= el.clientWidth);
    assert.ok(id, 'the ID is not cut off');
    await shot(page, '390', { fullPage: false });
    await shot(page, '390-full');
    await first.locator('.name-text a').click();
    await details(page).locator('.attr').first().waitFor();
    assert.equal(await table(page).isVisible(), false, 'the table makes way for the details');
    const box = await details(page).boundingBox();
    assert.ok(box.width >= 340, `details ${box.width} px wide`);
    const after = await page.evaluate(() => document.scrollingElement.scrollWidth);
    assert.ok(after <= 390, `${after} px wide with the details`);
    await shot(page, '390-details');
  });

  test('every control has a label, no ID is used twice, and no page reported an error or a CSP violation', async () => {
    const { page } = tab;
    await page.getByText(/^Regions \(\d+ chosen\)$/).click();
    await imageLink(page, 'shop-web-v3', SEED.region).click();
    await details(page).locator('.attr').first().waitFor();
    const { missing, buttons, duplicates } = await unlabelled(page);
    assert.deepEqual({ missing, buttons, duplicates }, { missing: [], buttons: [], duplicates: [] });
    for (const opened of tabs) {
      assert.deepEqual(await cspViolations(opened.page), []);
      assert.deepEqual(opened.seen.pageErrors, []);
      assert.deepEqual(unexpectedConsole(opened.seen, [/Failed to load resource/]), []);
    }
  });
});
