// Quality a person sees, in headless Chromium against the in-page sandbox:
//   - every form control of every operation's form (with a row added to each list and the folded
//     identity parameters opened) has a label, and no two elements share an ID;
//   - keyboard only: Tab from the skip link to the sidebar, pick an operation with Enter, fill a
//     field, submit with Enter, the answer lands in a live region; the skip link reaches the form;
//   - errors are announced (role=alert) and tied to their inputs;
//   - the layout holds (no horizontal scrolling) at 1280×800 and at 390×844 in the main views;
//   - the Content-Security-Policy allows only the page's own origin (+ 'wasm-unsafe-eval'), and no
//     view reports a violation.
// Screenshots of the main views at 1280 and 390 px go to tests/console/artifacts/.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  addRow,
  CONSOLE_DIR,
  cspViolations,
  fillForm,
  form,
  openConsole,
  resultPanel,
  screenshot,
  SEED,
  selectOperation,
  setConnection,
  operationNames,
  sidebar,
  startConsole,
  startServer,
  stopConsole,
  submit,
  submitButton,
  submitOk,
  typeAndLeave,
  unexpectedConsole,
  unlabelled,
} from './support.mjs';

let browser;
let server;
const tabs = [];

before(async () => {
  ({ server, browser } = await startConsole({ tab: false }));
});
after(() => stopConsole({ tabs, browser, server }));

async function open(options) {
  const tab = await openConsole(browser, `${server.url}/`, options);
  tabs.push(tab);
  return tab;
}

/** Required fields (label says "(required)") whose control does not say so to assistive technology. */
function requiredNotExposed(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('form.operation-form label')]
      .filter((l) => l.textContent.includes('(required)'))
      .map((l) => document.getElementById(l.htmlFor))
      .filter((el) => el && !el.required && el.getAttribute('aria-required') !== 'true')
      .map((el) => `${el.tagName.toLowerCase()}#${el.id}`),
  );
}

/** Clicks every "Add ..." button of the form once (rows of nested lists too) and opens <details>. */
async function expandEverything(page) {
  const done = new Set();
  for (let round = 0; round < 4; round++) {
    const adds = await form(page).locator('button.add:not([disabled])').all();
    let clicked = false;
    for (const add of adds) {
      const label = `${await add.evaluate((b) => b.closest('fieldset')?.id)}`;
      if (done.has(label)) continue;
      done.add(label);
      await add.click();
      clicked = true;
    }
    if (!clicked) break;
  }
  await form(page).locator('details').evaluateAll((all) => all.forEach((d) => (d.open = true)));
}

/**
 * How far the page scrolls sideways, and what sticks out: the elements past the right edge whose
 * parent is not (where the overflow starts).
 */
function overflow(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scroll = document.scrollingElement.scrollWidth;
    const past = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 1;
    };
    const describe = (el) => {
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().replace(/\s+/g, '.')}` : '';
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} (to ${Math.round(el.getBoundingClientRect().right)} px)`;
    };
    // Inside a box that scrolls or clips (and itself fits), sticking out is that box's business;
    // an absolutely positioned element escapes the boxes below its containing block.
    const contained = (el) => {
      const position = getComputedStyle(el).position;
      if (position === 'fixed') return false;
      for (let box = position === 'absolute' ? el.offsetParent : el.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== 'visible' && !past(box)) return true;
      }
      return false;
    };
    const parent = (el) => (getComputedStyle(el).position === 'absolute' ? el.offsetParent : el.parentElement) ?? document.body;
    const culprits = scroll > width ? [...document.querySelectorAll('body *')].filter((el) => past(el) && !past(parent(el)) && !contained(el)) : [];
    return { width, scroll, culprits: culprits.slice(0, 6).map(describe) };
  });
}

describe('quality a person sees', () => {
  test('every control of every operation form has a label; no ID is used twice', async () => {
    const { page } = await open();
    const operations = await operationNames(page);
    assert.equal(operations.length, 23);
    const problems = [];
    let controls = 0;
    for (const op of operations) {
      await selectOperation(page, op);
      await expandEverything(page);
      const r = await unlabelled(page);
      controls += r.controls;
      if (r.missing.length) problems.push(`${op}: unlabelled ${r.missing.join(', ')}`);
      if (r.buttons.length) problems.push(`${op}: buttons without a name ${r.buttons.join(', ')}`);
      if (r.duplicates.length) problems.push(`${op}: duplicate IDs ${r.duplicates.join(', ')}`);
    }
    assert.ok(controls > 23 * 5, `only ${controls} controls seen`);
    assert.deepEqual(problems, []);
  });

  test('the region: on the sandbox one of its regions, on a real account any region ID, checked and warned about', async () => {
    const { page } = await open();
    const region = page.locator('#conn-region');
    assert.ok((await page.locator('#conn-regions option').evaluateAll((os) => os.map((o) => o.value))).includes('cn-shanghai'));
    // The sandbox has its regions only: another is refused, with the ones it has.
    await region.fill('cn-wulanchabu');
    await region.press('Tab');
    assert.equal(await region.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#conn-region-problem[role="alert"]').innerText(), /^"cn-wulanchabu" is not one of the sandbox's regions \(cn-hangzhou, cn-shanghai, /);
    await selectOperation(page, 'DescribeImageFromFamily');
    assert.equal(await page.locator('#f-regionId').inputValue(), 'cn-hangzhou');
    // A real account may have it: taken, with a warning that does not stop the call.
    await setConnection(page, 'Alibaba Cloud (via proxy)');
    await region.fill('cn-wulanchabu');
    await region.press('Tab');
    assert.equal(await region.getAttribute('aria-invalid'), 'false');
    assert.equal(await region.getAttribute('aria-describedby'), 'conn-region-warning');
    assert.match(await page.locator('#conn-region-warning[role="status"]').innerText(), /^"cn-wulanchabu" is not a region ID this console knows \(/);
    assert.equal(await page.locator('#f-regionId').inputValue(), 'cn-wulanchabu');
    // Not a region ID (it becomes part of the endpoint's host name): said beside it, and not taken.
    await region.fill('cn_hangzhou.example.com');
    await region.press('Tab');
    assert.equal(await region.getAttribute('aria-invalid'), 'true');
    assert.equal(await region.getAttribute('aria-describedby'), 'conn-region-problem');
    assert.match(await page.locator('#conn-region-problem[role="alert"]').innerText(), /lowercase letters, digits and hyphens .*got "cn_hangzhou\.example\.com"/);
    await selectOperation(page, 'DeleteImage');
    assert.equal(await page.locator('#f-regionId').inputValue(), 'cn-wulanchabu');
    await region.fill('cn-shanghai');
    await region.press('Tab');
    assert.equal(await region.getAttribute('aria-invalid'), 'false');
    assert.equal(await page.locator('#conn-region-problem').count(), 0);
    assert.equal(await page.locator('#f-regionId').inputValue(), 'cn-shanghai');
    await setConnection(page, 'Sandbox (in this page)');
  });

  test('required fields say so to assistive technology (required / aria-required)', async () => {
    const { page } = await open();
    const missing = [];
    for (const op of ['CreateImagePipeline', 'CreateImageComponent', 'DescribeAvailableResource', 'ImportImage', 'ExportImage']) {
      await selectOperation(page, op);
      await expandEverything(page);
      for (const el of await requiredNotExposed(page)) missing.push(`${op}: ${el}`);
    }
    assert.deepEqual(missing, []);
  });

  test('keyboard only: skip link → sidebar → Enter picks an operation → fill → Enter submits → the answer is in a live region', async () => {
    const { page } = await open();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {
          tag: el.tagName.toLowerCase(),
          id: el.id,
          text: (el.textContent ?? '').trim().slice(0, 60),
          ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? 'outline' : s.boxShadow !== 'none' ? 'shadow' : '',
          visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
        };
      });
    await page.keyboard.press('Tab');
    const skip = await focused();
    assert.deepEqual([skip.tag, skip.text], ['a', 'Skip to the content']);
    assert.ok(skip.visible, 'the skip link is not visible when focused');
    // Tab on to the sidebar's search, through the views' links and the connection bar; each stop
    // shows a focus ring.
    const stops = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      stops.push(f);
      if (f.id === 'op-search') break;
    }
    assert.equal(stops.at(-1).id, 'op-search', `the search box was not reached: ${stops.map((s) => s.id || s.tag).join(' → ')}`);
    const noRing = stops.filter((s) => !s.ring).map((s) => s.id || s.text);
    assert.deepEqual(noRing, [], 'focused without a visible focus indicator');
    // Search, Tab to the operation, Enter.
    await page.keyboard.type('FromFamily');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).text, 'Describe image from family DescribeImageFromFamily');
    await page.keyboard.press('Enter');
    await form(page).getByRole('heading', { name: 'DescribeImageFromFamily' }).waitFor();
    // Tab into the form: the first field is the required family.
    const path = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      path.push(f.id || f.text);
      if (f.id === 'f-imageFamily') break;
    }
    assert.equal(path.at(-1), 'f-imageFamily', `the form's first field was not reached: ${path.join(' → ')}`);
    await page.keyboard.type(SEED.publicFamily);
    // Mark the live regions there before the call: a region must exist before it changes to be announced.
    await page.evaluate(() => document.querySelectorAll('[aria-live]').forEach((el) => el.setAttribute('data-e2e-before', '')));
    await page.keyboard.press('Enter');
    const result = resultPanel(page);
    await result.locator('.result-head', { hasText: 'DescribeImageFromFamily' }).waitFor();
    assert.match(await result.innerText(), /200 OK/);
    assert.match(await result.innerText(), new RegExp(SEED.publicImage.replace(/\./g, '\\.')));
    const live = await page.evaluate(() =>
      [...document.querySelectorAll('[aria-live]')].filter((el) => /200 OK/.test(el.textContent)).map((el) => ({ politeness: el.getAttribute('aria-live'), before: el.hasAttribute('data-e2e-before') })),
    );
    assert.ok(live.length > 0 && live.every((r) => r.politeness !== 'off'), 'the answer is in no live region');
  });

  test('the first answer is announced: its live region was there before the call', async () => {
    const { page } = await open();
    await page.evaluate(() => document.querySelectorAll('[aria-live]').forEach((el) => el.setAttribute('data-e2e-before', '')));
    await submitOk(page, 'DescribeImages');
    const announced = await page.evaluate(() =>
      [...document.querySelectorAll('[aria-live][data-e2e-before]')].some((el) => /200 OK/.test(el.textContent)),
    );
    assert.ok(announced, 'no live region present before the call holds the answer');
  });

  test('the skip link moves focus to the form', async () => {
    const { page } = await open();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // (The focus moves on the next frame, once the page has rendered.)
    await page.waitForFunction(() => document.activeElement?.id === 'main', null, { timeout: 2_000 });
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-regionId');
  });

  test('errors are announced: every problem list is role=alert and tied to its input', async () => {
    const { page } = await open();
    await selectOperation(page, 'CreateImagePipeline');
    await addRow(page, 'tag');
    await fillForm(page, { name: 'x', systemDiskSize: '5', 'tag-0-key': 'acs:reserved', internetMaxBandwidthOut: '1000' });
    await submitButton(page, 'CreateImagePipeline').click({ force: true });
    const lists = await page.locator('form.operation-form ul.problems').evaluateAll((uls) =>
      uls.map((ul) => ({
        id: ul.id,
        role: ul.getAttribute('role'),
        text: ul.textContent,
        tied: !ul.id || !!document.querySelector(`[aria-describedby~="${ul.id}"]`),
      })),
    );
    assert.ok(lists.length >= 4, JSON.stringify(lists));
    assert.deepEqual(lists.filter((l) => l.role !== 'alert'), []);
    assert.deepEqual(lists.filter((l) => !l.tied).map((l) => l.id), []);
    // The summary names them all, each a link to its field.
    const named = await page.locator('#submit-reason li button.link').allInnerTexts();
    assert.ok(named.length >= 4 && named.some((n) => n.startsWith('tag[0].key: ')), named.join(' | '));
  });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    test(`the layout holds at ${width}×${height}: no horizontal scrolling in the main views`, async (t) => {
      const { page } = await open({ viewport: { width, height } });
      const check = async (view) => {
        const o = await overflow(page);
        await screenshot(page, `layout-${width}-${view}`);
        await t.test(view, () => {
          assert.ok(o.scroll <= o.width, `${o.scroll} px wide for ${o.width}: ${o.culprits.join(', ')}`);
        });
      };
      await check('start');
      await selectOperation(page, 'CreateImage');
      await addRow(page, 'tag');
      await check('create-image-form');
      await selectOperation(page, 'CreateImagePipeline');
      await expandEverything(page);
      await check('create-image-pipeline-form');
      await selectOperation(page, 'DescribeImages');
      await submitOk(page, 'DescribeImages');
      await check('describe-images-result');
      // What a phone shows of the answer (the full-page shots show the whole layout).
      await resultPanel(page).scrollIntoViewIfNeeded();
      await screenshot(page, `layout-${width}-describe-images-result-viewport`, { fullPage: false });
      await page.getByRole('button', { name: 'Show request' }).click();
      await page.getByRole('region', { name: 'Signed request' }).waitFor();
      await check('signed-request');
      await setConnection(page, 'Alibaba Cloud (via proxy)');
      await typeAndLeave(page, '#conn-id', 'LTAI-layout');
      await check('alibaba-cloud-credentials');
      await setConnection(page, 'Sandbox (in this page)');
      await selectOperation(page, 'DescribeAvailableResource');
      await fillForm(page, { destinationResource: 'InstanceType' });
      await submitOk(page, 'DescribeAvailableResource');
      await check('available-resource-grid');
    });
  }

  test('the Content-Security-Policy allows only the page\'s own origin', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
    assert.equal(metas.length, 1, 'one CSP meta element');
    const policy = Object.fromEntries(
      metas[0][1]
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...sources]) => [name, sources]),
    );
    assert.deepEqual(policy['default-src'], ["'self'"]);
    assert.deepEqual(policy['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(policy['style-src'], ["'self'"]);
    assert.deepEqual(policy['connect-src'], ["'self'"]);
    assert.deepEqual(policy['object-src'], ["'none'"]);
    assert.deepEqual(policy['base-uri'], ["'self'"]);
    for (const [name, sources] of Object.entries(policy)) {
      for (const source of sources) {
        const allowed = ["'self'", "'none'", ...(name === 'script-src' ? ["'wasm-unsafe-eval'"] : []), ...(name === 'img-src' ? ['data:'] : [])];
        assert.ok(allowed.includes(source), `${name} allows ${source}`);
      }
    }
    // The meta comes before anything it governs, and the page has no inline script or style.
    const head = html.slice(0, html.indexOf('</head>'));
    assert.ok(head.indexOf('Content-Security-Policy') < head.search(/<(script|link\s+rel="stylesheet")/), 'the CSP meta comes after a script or style');
    assert.deepEqual([...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]), [], 'an inline script');
    assert.doesNotMatch(html, /\sstyle=|<style|\son[a-z]+=/i);
    // Trunk's build directives (paths into the repository) stay out of the published page.
    assert.doesNotMatch(html, /data-trunk|\.\.\//);
  });

  test('the build leaves a gzip -9 copy beside every page, script, style sheet and wasm (for nginx\'s gzip_static)', () => {
    const files = readdirSync(CONSOLE_DIR, { recursive: true }).filter((f) => /\.(html|js|css|wasm)$/.test(f));
    assert.ok(files.includes('ecsimg-console_bg.wasm') && files.includes('index.html'), files.join(' '));
    for (const file of files) {
      const copy = readFileSync(join(CONSOLE_DIR, `${file}.gz`));
      assert.deepEqual(gunzipSync(copy), readFileSync(join(CONSOLE_DIR, file)), `${file}.gz is not ${file}`);
    }
  });

  test('no view reported a CSP violation, rendered an inline style, or logged an error', async () => {
    assert.ok(tabs.length >= 5);
    for (const tab of tabs) {
      assert.deepEqual(await cspViolations(tab.page), []);
      // (Playwright's screenshots leave an empty style="" behind where they hid the caret.)
      assert.deepEqual(await tab.page.locator('[style]:not([style=""])').evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 120))), []);
      assert.deepEqual(tab.seen.console.filter((m) => /Content Security Policy|Refused to/i.test(m.text)), []);
      assert.deepEqual(unexpectedConsole(tab.seen), []);
      assert.deepEqual(tab.seen.pageErrors, []);
    }
  });
});

describe('when the sandbox cannot start', () => {
  const cases = [
    ['ecsimg-sandbox_bg.wasm', /failed to fetch Wasm: 404/],
    ['sandbox-worker.js', /the sandbox failed to start/],
  ];
  for (const [missing, reason] of cases) {
    test(`without ${missing}, a call fails at once as a network error that says why`, async () => {
      const root = mkdtempSync(join(tmpdir(), 'ecsimg-console-'));
      cpSync(CONSOLE_DIR, root, { recursive: true });
      rmSync(join(root, missing));
      const broken = await startServer({ root });
      const tab = await openConsole(browser, `${broken.url}/`);
      try {
        const text = await submit(tab.page, 'DescribeImages');
        assert.match(text, /network error/);
        assert.match(text, reason);
        assert.equal(await resultPanel(tab.page).getByRole('alert').count(), 1);
      } finally {
        await tab.close();
        await broken.close();
        rmSync(root, { recursive: true, force: true });
      }
    });
  }
});
