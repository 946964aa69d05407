// What a new user meets in the API view (issue 14), against the in-page sandbox, at 1280 × 900 and
// at 390 × 844:
//   - after a call its result is in view (its top inside the window) and says in words what
//     happened ("Image m-… (name) created in cn-hangzhou", "Shared m-… with 1000000000000002",
//     "Copying m-… to cn-shanghai as m-…");
//   - one notion of region: forms still on the connection's region follow a change of it, the
//     result's header names the region the request went to, and a region the sandbox lacks
//     (`hangzhou`) gets "did you mean cn-hangzhou?" before anything is sent;
//   - a result shows under its own operation only;
//   - the summary beside the submit button names each problem and links to its field, and a
//     required field left empty says so beside it;
//   - the errors met most are explained in plain words with a next step (ImageUseShared, a
//     not-found in the wrong region), beside the service's code and message;
//   - the search finds operations by name, description and plain words, and says when nothing
//     matches;
//   - the history lists the newest call first, numbered by call order, each naming what it was
//     about, its regions and its outcome;
//   - at 390 px the operations fold into a list of whole names, and the images table keeps ID, name
//     and status readable with the other columns a tap away (screenshots).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  addRow,
  answerField,
  field,
  fillForm,
  form,
  historyItems,
  openConsole,
  openOperations,
  operationButton,
  operationNames,
  resultPanel,
  screenshot,
  SEED,
  selectOperation,
  sidebar,
  startConsole,
  stopConsole,
  submit,
  submitOk,
  typeAndLeave,
  unexpectedConsole,
  waitUntilDone,
} from './support.mjs';

let browser;
let server;
const tabs = [];

before(async () => {
  ({ server, browser } = await startConsole({ tab: false }));
});
after(() => stopConsole({ tabs, browser, server }));

/** Waits until the result's top is inside the window (it scrolls there smoothly); returns it. */
async function resultInView(page) {
  const top = () => page.locator('section.result').evaluate((el) => ({ top: el.getBoundingClientRect().top, height: innerHeight }));
  let seen;
  for (const until = Date.now() + 3_000; Date.now() < until; await page.waitForTimeout(50)) {
    seen = await top();
    if (seen.top >= 0 && seen.top < seen.height - 40) return seen;
  }
  assert.fail(`the result's top is at ${seen.top} px, outside the ${seen.height} px window`);
}

/** The line at the top of the result that says what happened. */
const outcome = (page) => resultPanel(page).locator('.outcome').innerText();

/** The alert or status list an input's aria-describedby points to, by role. */
function describedBy(page, path, role) {
  return field(page, path).evaluate((input, role) => {
    const found = (input.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => id && document.getElementById(id))
      .find((el) => el && el.getAttribute('role') === role);
    return found ? found.textContent.trim() : null;
  }, role);
}

// At 1280 px the result scrolls into view smoothly; at 390 px the browser asks for reduced motion,
// and it is there at once.
for (const [width, height, reducedMotion] of [
  [1280, 900, 'no-preference'],
  [390, 844, 'reduce'],
]) {
  describe(`the API view at ${width} px`, () => {
    let tab;
    const ctx = {};
    before(async () => {
      tab = await openConsole(browser, `${server.url}/`, { viewport: { width, height }, reducedMotion });
      tabs.push(tab);
    });

    test('after a call the result is in view and says what happened: DescribeImages, CreateImage', async () => {
      const { page } = tab;
      // DescribeImages has the longest form: its result is far below the button.
      await fillForm(page, { imageOwnerAlias: 'system' });
      await submitOk(page, 'DescribeImages');
      await resultInView(page);
      assert.match(await outcome(page), /^Found \d+ images in cn-hangzhou$/);
      await selectOperation(page, 'CreateImage');
      await fillForm(page, { instanceId: SEED.instance, imageName: `usable-${width}` });
      await submitOk(page, 'CreateImage');
      await resultInView(page);
      ctx.imageId = await answerField(page, 'imageId');
      assert.equal(await outcome(page), `Image ${ctx.imageId} (usable-${width}) created in cn-hangzhou`);
      await screenshot(page, `usability-${width}-create-image-result`, { fullPage: false });
      assert.equal(await waitUntilDone(page), 'Available');
    });

    test('a share says with whom, in view', async () => {
      const { page } = tab;
      await selectOperation(page, 'ModifyImageSharePermission');
      await addRow(page, 'addAccount');
      await fillForm(page, { imageId: ctx.imageId, 'addAccount-0': SEED.demo2Account });
      await submitOk(page, 'ModifyImageSharePermission');
      await resultInView(page);
      assert.equal(await outcome(page), `Shared ${ctx.imageId} with ${SEED.demo2Account}`);
    });

    test('plain explanations: ImageUseShared says how to stop sharing, beside the code and message', async () => {
      const { page } = tab;
      await selectOperation(page, 'DeleteImage');
      await fillForm(page, { imageId: ctx.imageId });
      const text = await submit(page, 'DeleteImage');
      await resultInView(page);
      const failure = resultPanel(page).getByRole('alert');
      assert.equal(
        await failure.locator('.plain').innerText(),
        `Image ${ctx.imageId} is shared with other accounts, so it is not deleted while they may be using it.`,
      );
      assert.match(await failure.locator('.next').innerText(), /^What to do: Stop sharing it first \(ModifyImageSharePermission with removeAccount/);
      // The service's own words stay, for developers.
      assert.match(text, /ImageUseShared \(HTTP 403\)/);
      assert.match(await outcome(page), /^DeleteImage failed$/);
    });

    test('a copy says where to and as what, in view', async () => {
      const { page } = tab;
      await selectOperation(page, 'CopyImage');
      await fillForm(page, { imageId: ctx.imageId, destinationRegionId: SEED.otherRegion });
      await submitOk(page, 'CopyImage');
      await resultInView(page);
      ctx.copyId = await answerField(page, 'imageId');
      assert.equal(await outcome(page), `Copying ${ctx.imageId} to ${SEED.otherRegion} as ${ctx.copyId}`);
    });

    test('a not-found in the wrong region says the ID may be in another region; the header names the region called', async () => {
      const { page } = tab;
      await selectOperation(page, 'ModifyImageAttribute');
      await fillForm(page, { regionId: SEED.otherRegion, imageId: ctx.imageId, description: 'in the wrong region' });
      await submit(page, 'ModifyImageAttribute');
      await resultInView(page);
      const head = await resultPanel(page).locator('.result-head').innerText();
      assert.match(head, new RegExp(`^ModifyImageAttribute · ${SEED.otherRegion} · Sandbox \\(in this page\\)`));
      assert.doesNotMatch(head, /cn-hangzhou/);
      const failure = resultPanel(page).getByRole('alert');
      assert.equal(
        await failure.locator('.plain').innerText(),
        `Image ${ctx.imageId} was not found in ${SEED.otherRegion}. An ID belongs to one region: it may exist in another region, or it was deleted.`,
      );
      assert.match(await failure.locator('.next').innerText(), new RegExp(`this call went to ${SEED.otherRegion}`));
      assert.match(await failure.innerText(), /InvalidImageId\.NotFound \(HTTP 404\)/);
      await screenshot(page, `usability-${width}-not-found-explained`, { fullPage: false });
    });

    test('DeleteImage of an ID that does not exist: the help text and the answer agree (404)', async () => {
      const { page } = tab;
      await selectOperation(page, 'DeleteImage');
      const help = await page.locator('#f-imageId-desc').innerText();
      assert.match(help, /does not exist in the region .* is answered InvalidImageId\.NotFound \(HTTP 404\)/);
      assert.doesNotMatch(help, /silently ignored/);
      await fillForm(page, { imageId: 'm-doesnotexist0000000' });
      assert.match(await submit(page, 'DeleteImage'), /InvalidImageId\.NotFound \(HTTP 404\)/);
    });

    test('a result shows under its own operation only; its history entry brings it back there', async () => {
      const { page } = tab;
      assert.equal(await resultPanel(page).count(), 1);
      await selectOperation(page, 'CancelCopyImage');
      assert.equal(await resultPanel(page).count(), 0, 'the DeleteImage error stays under the CancelCopyImage form');
      await selectOperation(page, 'DeleteImage');
      assert.match(await resultPanel(page).locator('.result-head').innerText(), /^DeleteImage /);
      // From another form, the history entry of the share opens its form with its result.
      await selectOperation(page, 'CancelCopyImage');
      await historyItems(page).locator('button.link', { hasText: 'ModifyImageSharePermission' }).click();
      await form(page).getByRole('heading', { name: 'ModifyImageSharePermission', level: 2 }).waitFor();
      await resultInView(page);
      assert.equal(await outcome(page), `Shared ${ctx.imageId} with ${SEED.demo2Account}`);
    });

    test('the history: newest first, numbered by call order, naming what each call was about and how it ended', async () => {
      const { page } = tab;
      const labels = (await historyItems(page).locator('button.link').allInnerTexts()).map((t) => t.trim());
      assert.deepEqual(labels, [
        '#7 DeleteImage · m-doesnotexist0000000 · cn-hangzhou — InvalidImageId.NotFound',
        `#6 ModifyImageAttribute · ${ctx.imageId} · ${SEED.otherRegion} — InvalidImageId.NotFound`,
        `#5 CopyImage · ${ctx.imageId} · cn-hangzhou → ${SEED.otherRegion} — OK`,
        `#4 DeleteImage · ${ctx.imageId} · cn-hangzhou — ImageUseShared`,
        `#3 ModifyImageSharePermission · ${ctx.imageId} · cn-hangzhou — OK`,
        `#2 CreateImage · usable-${width} · cn-hangzhou — OK`,
        '#1 DescribeImages · cn-hangzhou — OK',
      ]);
    });

    test('forms still on the connection\'s region follow a change of it; a region the user chose stays', async () => {
      const { page } = tab;
      await selectOperation(page, 'CancelCopyImage');
      assert.equal(await field(page, 'regionId').inputValue(), SEED.region);
      // ModifyImageAttribute's form says cn-shanghai (chosen above); DescribeImages' the connection's.
      await typeAndLeave(page, '#conn-region', 'cn-beijing');
      assert.equal(await field(page, 'regionId').inputValue(), 'cn-beijing', 'the form shown did not follow');
      await selectOperation(page, 'DescribeImages');
      assert.equal(await field(page, 'regionId').inputValue(), 'cn-beijing');
      await selectOperation(page, 'ModifyImageAttribute');
      assert.equal(await field(page, 'regionId').inputValue(), SEED.otherRegion, 'a region the user chose was overwritten');
      await selectOperation(page, 'DescribeImageFromFamily');
      assert.equal(await field(page, 'regionId').inputValue(), 'cn-beijing', 'a new form');
      // The result's header names the region of the request.
      await selectOperation(page, 'DescribeImages');
      await submitOk(page, 'DescribeImages');
      assert.match(await resultPanel(page).locator('.result-head').innerText(), /^DescribeImages · cn-beijing · /);
      assert.match(await outcome(page), / in cn-beijing$/);
      await typeAndLeave(page, '#conn-region', SEED.region);
      assert.equal(await field(page, 'regionId').inputValue(), SEED.region);
    });

    test('"hangzhou" gets "did you mean cn-hangzhou?" before anything is sent, in a form and in the connection', async () => {
      const { page } = tab;
      const calls = await historyItems(page).count();
      await fillForm(page, { regionId: 'hangzhou' });
      const said = '"hangzhou" is not one of the sandbox\'s regions: did you mean cn-hangzhou?';
      assert.equal(await describedBy(page, 'regionId', 'alert'), said);
      assert.equal(await field(page, 'regionId').getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#submit-reason').innerText(), /regionId: "hangzhou" is not one of the sandbox's regions: did you mean cn-hangzhou\?/);
      await field(page, 'regionId').press('Enter');
      await page.waitForTimeout(200);
      assert.equal(await historyItems(page).count(), calls, 'a call was made');
      await fillForm(page, { regionId: SEED.region });
      // The connection's region on the sandbox: refused, with the same words.
      await typeAndLeave(page, '#conn-region', 'hangzhou');
      assert.equal(await page.locator('#conn-region-problem[role="alert"]').innerText(), said);
      assert.equal(await field(page, 'regionId').inputValue(), SEED.region, 'the forms followed a refused region');
      await typeAndLeave(page, '#conn-region', SEED.region);
      assert.equal(await page.locator('#conn-region-problem').count(), 0);
    });

    test('the summary names each problem and links to its field; a required field left empty says so beside it', async () => {
      const { page } = tab;
      await selectOperation(page, 'ExportImage');
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      // Before anything is typed: said quietly beside each required field, and named in the summary.
      const quiet = page.locator('#imageId-missing');
      assert.equal(await quiet.innerText(), 'Required: not filled in yet.');
      assert.equal(await field(page, 'imageId').getAttribute('aria-describedby').then((d) => d.includes('imageId-missing')), true);
      const reason = page.locator('#submit-reason');
      assert.match(await reason.innerText(), /^Cannot call yet:\s+imageId: is required\s+OSSBucket: is required$/);
      // The link takes the keyboard to the field, where the problem is now said.
      await reason.getByRole('button', { name: 'OSSBucket: is required' }).click();
      await page.waitForFunction(() => document.activeElement?.id === 'f-OSSBucket');
      assert.equal(await describedBy(page, 'OSSBucket', 'alert'), 'is required');
      await fillForm(page, { imageId: ctx.imageId, OSSBucket: 'x' });
      assert.match(await reason.innerText(), /^Cannot call yet:\s+OSSBucket: must be 3 to 63 characters, got 1$/);
      assert.equal(await quiet.count(), 0);
      await screenshot(page, `usability-${width}-named-summary`, { element: form(page) });
    });

    test('the search finds names, descriptions and plain words, and says when nothing matches', async () => {
      const { page } = tab;
      await openOperations(page);
      const search = page.locator('#op-search');
      const shown = async (query) => {
        await search.fill(query);
        return operationNames(page);
      };
      assert.ok((await shown('copy')).includes('CopyImage'));
      assert.ok((await shown('copy')).includes('CancelCopyImage'));
      assert.ok((await shown('list images')).includes('DescribeImages'));
      assert.ok((await shown('share')).includes('ModifyImageSharePermission'));
      assert.ok((await shown('delete')).includes('DeleteImage'));
      assert.ok((await shown('remove image')).includes('DeleteImage'));
      assert.deepEqual(await shown('zzz'), []);
      const none = page.locator('#op-search-none[role="status"]');
      assert.equal(await none.innerText(), 'No operation matches "zzz". Try a word such as image, copy, share, delete or list.');
      assert.equal((await shown('')).length, 23);
      assert.equal(await none.innerText(), '');
    });

    test('no page error and no unexpected console message', () => {
      assert.deepEqual(tab.seen.pageErrors, []);
      assert.deepEqual(unexpectedConsole(tab.seen), []);
    });
  });
}

describe('the API view in words', () => {
  for (const width of [1280, 390]) {
    test(`each field and operation in words, its SDK name beside in small monospace; nothing overflows at ${width} px`, async () => {
      const tab = await openConsole(browser, `${server.url}/`, { viewport: { width, height: 844 } });
      tabs.push(tab);
      const { page } = tab;
      // The sidebar: the operation in words, its API name beside; the search finds it by either.
      await openOperations(page);
      const button = operationButton(page, 'ImportImage');
      assert.equal((await button.innerText()).replace(/\s+/g, ' ').trim(), 'Import image ImportImage');
      for (const query of ['ImportImage', 'import image']) {
        await page.locator('#op-search').fill(query);
        assert.ok((await operationNames(page)).includes('ImportImage'), `"${query}" does not find ImportImage`);
      }
      await page.locator('#op-search').fill('');
      await selectOperation(page, 'ImportImage');
      // The catalogue's label where the SDK name's words are not English, else those words.
      for (const [sdk, words] of [['regionId', 'Region'], ['dryRun', 'Check only (DryRun)'], ['OSType', 'OS type'], ['imageName', 'Image name']]) {
        const control = form(page).getByLabel(new RegExp(`^${words.replace(/[()]/g, '\\$&')}( \\* \\(required\\))?$`));
        assert.equal(await control.getAttribute('id'), `f-${sdk}`, `${words} labels #f-${sdk}`);
        const line = form(page).locator('.label-line', { has: page.locator(`label[for="f-${sdk}"]`) });
        const api = line.locator('code.api-name');
        assert.equal(await api.innerText(), sdk);
        const [labelSize, apiSize, font] = await api.evaluate((code) => {
          const label = code.parentElement.querySelector('label');
          return [parseFloat(getComputedStyle(label).fontSize), parseFloat(getComputedStyle(code).fontSize), getComputedStyle(code).fontFamily];
        });
        assert.ok(apiSize < labelSize, `${sdk} is not smaller than its label (${apiSize} ≥ ${labelSize})`);
        assert.match(font, /mono/i);
      }
      // A group's legend too.
      assert.match((await form(page).locator('#f-tag > legend').innerText()).replace(/\s+/g, ' '), /^Tags tag$/);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      assert.equal(wide, false, `the page scrolls sideways at ${width} px`);
      await screenshot(page, `usability-api-words-${width}`);
    });
  }
});

describe('at 390 px', () => {
  test('the operations fold into a list of whole names, none cut; the form comes first', async () => {
    const tab = await openConsole(browser, `${server.url}/`, { viewport: { width: 390, height: 844 } });
    tabs.push(tab);
    const { page } = tab;
    const toggle = page.locator('button.ops-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    const label = async () => (await toggle.textContent()).replace(/\s+/g, ' ').trim();
    assert.equal(await label(), 'Operation: DescribeImages ▾');
    assert.equal(await sidebar(page).isVisible(), false, 'the list is not folded');
    // The form starts on the first screen.
    const formTop = await form(page).evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(formTop < 844 / 2, `the form starts at ${formTop} px`);
    await toggle.click();
    const buttons = await sidebar(page).getByRole('button').evaluateAll((all) =>
      all.map((b) => {
        const r = b.getBoundingClientRect();
        return { name: b.textContent, cut: b.scrollWidth > b.clientWidth + 1, left: r.left, right: r.right };
      }),
    );
    assert.equal(buttons.length, 23);
    assert.deepEqual(buttons.filter((b) => b.cut || b.left < 0 || b.right > 390).map((b) => b.name), [], 'operation names cut or off screen');
    const scrolls = await sidebar(page).locator('ul').evaluateAll((uls) => uls.filter((ul) => ul.scrollWidth > ul.clientWidth + 1).length);
    assert.equal(scrolls, 0, 'a list of operations scrolls sideways');
    await screenshot(page, 'usability-390-operations', { fullPage: false });
    // Picking one folds the list again and names it.
    await operationButton(page, 'ModifyImageShareGroupPermission').click();
    await form(page).getByRole('heading', { name: 'ModifyImageShareGroupPermission', level: 2 }).waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await label(), 'Operation: ModifyImageShareGroupPermission ▾');
  });

  test('the images table keeps ID, name and status readable; the other columns are a tap away', async () => {
    const tab = await openConsole(browser, `${server.url}/`, { viewport: { width: 390, height: 844 } });
    tabs.push(tab);
    const { page } = tab;
    await selectOperation(page, 'CreateImage');
    await fillForm(page, { instanceId: SEED.instance, imageName: 'narrow-table' });
    await submitOk(page, 'CreateImage');
    await selectOperation(page, 'DescribeImages');
    // The image just made alone (the demo account has others).
    await fillForm(page, { imageOwnerAlias: 'self', status: 'Creating,Available', imageName: 'narrow-table' });
    await submitOk(page, 'DescribeImages');
    const table = resultPanel(page).locator('table.vt-images');
    const visibleHeads = () => table.locator('th').evaluateAll((ths) => ths.filter((th) => th.getBoundingClientRect().width > 0).map((th) => th.textContent));
    assert.deepEqual(await visibleHeads(), ['Image ID', 'Name', 'Status']);
    const cells = await table.locator('tbody tr.vt-row td').evaluateAll((tds) =>
      tds.filter((td) => td.getBoundingClientRect().width > 0).map((td) => {
        const text = td.querySelector('.cell, .badge') ?? td;
        return { text: text.textContent, title: text.title, cut: text.scrollWidth > text.clientWidth + 1 };
      }),
    );
    assert.equal(cells.length, 3);
    const [id, name, status] = cells;
    assert.match(id.text, /^m-/);
    assert.deepEqual([id, status].filter((c) => c.cut).map((c) => c.text), [], 'the ID or the status is cut');
    // A name too long for its column ends in an ellipsis, the whole of it on hover.
    assert.equal(name.title, 'narrow-table');
    const scroller = await resultPanel(page).locator('.vt-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    assert.ok(scroller, 'the table scrolls sideways');
    await resultPanel(page).locator('.vt-scroll').scrollIntoViewIfNeeded();
    await screenshot(page, 'usability-390-images-table', { fullPage: false });
    await resultPanel(page).getByRole('button', { name: 'Show all columns' }).click();
    assert.equal((await visibleHeads()).length, 9);
    await resultPanel(page).getByRole('button', { name: 'Show fewer columns' }).click();
    assert.equal((await visibleHeads()).length, 3);
  });
});
