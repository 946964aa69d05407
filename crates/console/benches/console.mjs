// The console's benchmark: prints figures, asserts nothing.
//
//   node crates/console/benches/console.mjs [--loads 9] [--load-all-runs 3] [--regions-runs 3] [--distribution-runs 1] [--cpu-throttle N]
//
// 1. Transferred size: gzip -9 of every file the page loads (what the server sent for one load
//    of the console: index.html, boot.js, sandbox.js, styles.css, the console's JS and wasm, the
//    npm client's JS modules), against the target of 350 KB (350,000 B); then what the first call
//    on the sandbox connection adds (its worker, with the emulator's wasm).
// 2. Time to first render and to interactive, in headless Chromium (Debian's /usr/bin/chromium)
//    on localhost, each load in a fresh browser context (nothing cached), median of --loads:
//      - first contentful paint (the paint timing entry);
//      - first render: the first operation's form is in the DOM (a MutationObserver installed
//        before the page's scripts run);
//      - interactive: a click on a sidebar operation (CreateImage), dispatched as soon as the
//        sidebar exists, has rendered that operation's form: the page answers its first input;
//      - the long tasks (> 50 ms) before interactive, and the wasm's arrival (resource timing).
//    --cpu-throttle N repeats the loads with Chromium's CPU slowed N× (a slow phone's CPU).
// 3. "Load all" of 10,000 images in the sandbox (`?sandboxImages=10000`, see
//    crates/sandbox/src/lib.rs): DescribeImages of the demo account's images in every
//    status, then a click on "Load all 10,000 images", timed from the click to "All ... loaded",
//    with every long task (PerformanceObserver 'longtask': it reports tasks over 50 ms) in between;
//    targets 3 s and no main-thread task over 100 ms. Median of --load-all-runs fresh pages.
// 4. The Images view over all eight sandbox regions × 1,000 images (`?sandboxImages=1000&
//    sandboxRegion=all`: 8,000 images besides the demo ones): from the view's first call (the
//    sandbox's worker is created by it) to the table holding every row, with the first row's time
//    and every main-thread task over 50 ms in between; targets 2 s and none over 50 ms. Then, on
//    the full table: a sort by name (click → the rows redrawn), a search typed (→ the rows
//    filtered), a scroll to the end. Median of --regions-runs fresh pages.
// 5. Distribute in the console: `build-agent-2025` to the 7 other regions and 3 accounts, on a
//    local emulator at `--speed 100` through the proxy ("Sandbox (local emulator via proxy)"),
//    through the dialog: from the click on "Distribute to 7 regions" to the matrix saying Done, the
//    calls the run made (the npm package's count, waiter polls included), and every main-thread
//    task over 50 ms in between (target: none). --distribution-runs fresh pages (each a plan of
//    its own). The seed's copies into eu-central-1 are cancelled first: a new copy there would
//    queue behind them (one copy slot per region), and they are long.
//
// Builds the console first when its sources changed (tests/console/build.sh).

import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONSOLE_DIR, fillForm, imageRows, launchBrowser, openConsole, prepare, resultPanel, setConnection, startEmulator, startServer, submitOk } from '../../../tests/console/support.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const LOADS = flag('--loads', 9);
const LOAD_ALL_RUNS = flag('--load-all-runs', 3);
const REGIONS_RUNS = flag('--regions-runs', 3);
const DISTRIBUTION_RUNS = flag('--distribution-runs', 1);
const CPU_THROTTLE = flag('--cpu-throttle', 0);
const ANY_STATUS = 'Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated';
const TARGETS = { gzipBytes: 350_000, interactiveMs: 400, loadAllMs: 3000, longestTaskMs: 100, regionsMs: 2000, regionsTaskMs: 50, distributionTaskMs: 50 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x == null ? '—' : `${Math.round(x)} ms`);
const bytes = (n) => `${n.toLocaleString('en-US')} B`;
const met = (ok) => (ok ? 'met' : '**not met**');
/** The longest of some long tasks; the API reports only tasks over 50 ms. */
const longestOf = (durations) => (durations.length ? ms(Math.max(...durations)) : 'none > 50 ms');

prepare();
const server = await startServer();
const browser = await launchBrowser();

try {
  console.log(`# ecsimg console benchmark (${new Date().toISOString().slice(0, 10)}; Chromium ${browser.version()}; ${CONSOLE_DIR})\n`);

  // -------------------------------------------------------------------------------------------
  // 1. Size: what one load fetches, then what the first sandbox call adds (the sandbox's worker).
  {
    const fetched = async (from, to) => {
      const files = [...new Set(server.log.slice(from, to).filter((e) => e.status === 200 && !e.api).map((e) => new URL(e.path, 'http://x').pathname))];
      const rows = [];
      for (const path of files) {
        const body = await readFile(resolve(CONSOLE_DIR, `.${path === '/' ? '/index.html' : path}`));
        rows.push({ path, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
      }
      return rows.sort((a, b) => b.gzip - a.gzip);
    };
    const sum = (list, key) => list.reduce((n, r) => n + r[key], 0);
    const table = (rows) => {
      console.log('| file | raw | gzip -9 |\n| --- | ---: | ---: |');
      for (const r of rows) console.log(`| \`${r.path}\` | ${bytes(r.raw)} | ${bytes(r.gzip)} |`);
    };
    const from = server.log.length;
    const tab = await openConsole(browser, `${server.url}/`);
    await tab.page.waitForLoadState('networkidle');
    const loaded = server.log.length;
    await submitOk(tab.page, 'DescribeImages');
    await tab.page.waitForLoadState('networkidle');
    const called = server.log.length;
    await tab.close();
    const rows = await fetched(from, loaded);
    const group = (test) => rows.filter((r) => test(r.path));
    const groups = [
      ['the console: wasm', group((p) => p.endsWith('.wasm'))],
      ['the console: JS glue (ecsimg-console.js)', group((p) => p === '/ecsimg-console.js')],
      ['the npm client JS (ecsimg/*.js)', group((p) => p.startsWith('/ecsimg/'))],
      ['index.html, boot.js, sandbox.js, styles.css, images.css', group((p) => ['/', '/index.html', '/boot.js', '/sandbox.js', '/styles.css', '/images.css'].includes(p))],
    ];
    const total = sum(rows, 'gzip');
    console.log('## Transferred size (gzip -9 of every file one load fetched)\n');
    table(rows);
    console.log('\n| part | raw | gzip -9 |\n| --- | ---: | ---: |');
    for (const [label, list] of groups) console.log(`| ${label} | ${bytes(sum(list, 'raw'))} | ${bytes(sum(list, 'gzip'))} |`);
    console.log(`| **total (${rows.length} files)** | ${bytes(sum(rows, 'raw'))} | **${bytes(total)} (${(total / 1024).toFixed(1)} KiB)** |`);
    console.log(`\nTarget ≤ 350 KB gzip: ${met(total <= TARGETS.gzipBytes)} (${(total / TARGETS.gzipBytes).toFixed(2)}× the target).`);
    const misses = server.log.slice(from, called).filter((e) => e.status !== 200).map((e) => `${e.path} ${e.status}`);
    if (misses.length) console.log(`Also requested, not served: ${misses.join(', ')}.`);
    const sandbox = await fetched(loaded, called);
    const added = sum(sandbox, 'gzip');
    console.log('\n## Fetched by the first call on the sandbox connection (its worker: the emulator)\n');
    table(sandbox);
    console.log(`\n${bytes(added)} more (${(added / 1024).toFixed(1)} KiB); the page with the sandbox started: ${bytes(total + added)} (${((total + added) / 1024).toFixed(1)} KiB).\n`);
  }

  // -------------------------------------------------------------------------------------------
  // 2. First render and interactive.
  async function loadTimes(throttle) {
    const runs = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      if (throttle) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      }
      await page.addInitScript(() => {
        const marks = (window.__bench = { longTasks: [] });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) marks.longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
        const heading = (name) => [...document.querySelectorAll('form.operation-form h2')].some((h) => h.textContent.trim() === name);
        const observer = new MutationObserver(() => {
          const now = performance.now();
          if (marks.form == null && document.querySelector('form.operation-form h2')) marks.form = now;
          if (marks.clicked == null) {
            const button = [...document.querySelectorAll('nav .op')].find((b) => b.querySelector('code.api-name')?.textContent.trim() === 'CreateImage');
            if (button) {
              marks.sidebar = now;
              marks.clicked = -1;
              // As a user's click: a task of its own, once the current rendering is done.
              setTimeout(() => {
                marks.clicked = performance.now();
                button.click();
              }, 0);
            }
          }
          if (marks.interactive == null && marks.clicked > 0 && heading('CreateImage')) {
            marks.interactive = now;
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      });
      // The API view: the forms, whose first render and first click this measures.
      await page.goto(`${server.url}/#/api`);
      await page.waitForFunction(() => window.__bench?.interactive != null, null, { timeout: 60_000 });
      const r = await page.evaluate(() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
        const b = window.__bench;
        return {
          fcp: paint?.startTime,
          form: b.form,
          clicked: b.clicked,
          interactive: b.interactive,
          wasmEnd: wasm?.responseEnd,
          longBefore: b.longTasks.filter((t) => t.start < b.interactive).map((t) => t.duration),
        };
      });
      runs.push(r);
      await context.close();
    }
    return runs;
  }

  for (const throttle of [0, ...(CPU_THROTTLE > 1 ? [CPU_THROTTLE] : [])]) {
    const runs = await loadTimes(throttle);
    const col = (key) => runs.map((r) => r[key]).filter((x) => x != null);
    const longest = runs.map((r) => Math.max(0, ...r.longBefore));
    console.log(`## First render and interactive${throttle ? ` (CPU ${throttle}× slower)` : ''}: ${LOADS} loads, fresh context each\n`);
    console.log('| measure | median | min | max |\n| --- | ---: | ---: | ---: |');
    for (const [label, key] of [
      ['wasm downloaded (responseEnd)', 'wasmEnd'],
      ['first contentful paint', 'fcp'],
      ['first render: the first form in the DOM', 'form'],
      ['click on CreateImage dispatched', 'clicked'],
      ['**interactive**: its form rendered', 'interactive'],
    ]) {
      const xs = col(key);
      console.log(`| ${label} | ${ms(median(xs))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} |`);
    }
    console.log(`| longest task before interactive (0: none > 50 ms) | ${ms(median(longest))} | ${ms(Math.min(...longest))} | ${ms(Math.max(...longest))} |`);
    const interactive = median(col('interactive'));
    console.log(`\nTarget interactive ≤ 400 ms: ${met(interactive <= TARGETS.interactiveMs)}${throttle ? ' (informative: the target is for an unthrottled CPU)' : ''}.`);
    console.log(`Long tasks before interactive, per load: ${runs.map((r) => `[${r.longBefore.map((d) => Math.round(d)).join(', ')}]`).join(' ')}\n`);
  }

  // -------------------------------------------------------------------------------------------
  // 3. Load all 10,000 images.
  {
    const runs = [];
    for (let i = 0; i < LOAD_ALL_RUNS; i++) {
      const tab = await openConsole(browser, `${server.url}/?sandboxImages=10000`);
      const { page } = tab;
      await page.evaluate(() => {
        const marks = (window.__loadAll = { longTasks: [], ready: performance.now() });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) marks.longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
        document.addEventListener(
          'click',
          (e) => {
            const text = e.target.closest('button')?.textContent ?? '';
            if (/^Load all/.test(text)) marks.clicked = performance.now();
            if (/^Call DescribeImages/.test(text)) marks.called = performance.now();
          },
          true,
        );
        new MutationObserver(() => {
          if (marks.done == null && marks.clicked != null && /^All [\d,]+ images loaded/.test(document.querySelector('.load-status')?.textContent ?? '')) {
            marks.done = performance.now();
          }
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await fillForm(page, { imageOwnerAlias: 'self', status: ANY_STATUS });
      const firstCall = await submitOk(page, 'DescribeImages');
      const firstMs = Number(/· (\d+) ms ·/.exec(firstCall)?.[1]);
      const button = resultPanel(page).getByRole('button', { name: /^Load all/ });
      const label = (await button.innerText()).trim();
      await button.click();
      await page.waitForFunction(() => window.__loadAll.done != null, null, { timeout: 120_000 });
      const r = await page.evaluate(() => {
        const m = window.__loadAll;
        const during = m.longTasks.filter((t) => t.start + t.duration >= m.clicked && t.start <= m.done).map((t) => t.duration);
        return {
          ms: m.done - m.clicked,
          during,
          status: document.querySelector('.load-status').textContent.trim(),
          caption: document.querySelector('table.vt-images caption')?.textContent.trim(),
          rowsInDom: document.querySelectorAll('table.vt-images tbody tr.vt-row').length,
          load: m.longTasks.filter((t) => t.start < m.ready).map((t) => t.duration),
          call: m.longTasks.filter((t) => t.start + t.duration >= m.called && t.start < m.clicked).map((t) => t.duration),
        };
      });
      // Scrolling to the end of the table: the last rows render (windowed table).
      const scroll = await page.evaluate(async () => {
        const box = document.querySelector('.vt-scroll');
        const start = performance.now();
        box.scrollTop = box.scrollHeight;
        box.dispatchEvent(new Event('scroll'));
        await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
        const rows = [...box.querySelectorAll('tr.vt-row')];
        return { ms: performance.now() - start, lastRow: rows.at(-1)?.getAttribute('aria-rowindex') };
      });
      runs.push({ ...r, firstMs, label, scroll });
      await tab.close();
    }
    const longest = runs.map((r) => Math.max(0, ...r.during));
    console.log(`## "Load all" of 10,000 images (sandbox, ?sandboxImages=10000): ${LOAD_ALL_RUNS} runs\n`);
    console.log('| run | first page (DescribeImages) | load all: click → "All … loaded" | long tasks during (ms) | longest | rows in the DOM after | console says | scroll to the end |');
    console.log('| --- | ---: | ---: | --- | ---: | ---: | --- | --- |');
    runs.forEach((r, i) =>
      console.log(
        `| ${i + 1} | ${ms(r.firstMs)} | ${ms(r.ms)} | [${r.during.map(Math.round).join(', ')}] | ${longestOf(r.during)} | ${r.rowsInDom} | ${r.status}; ${r.caption} | ${ms(r.scroll.ms)} to row ${r.scroll.lastRow} |`,
      ),
    );
    const total = median(runs.map((r) => r.ms));
    const worst = Math.max(...longest);
    const all = runs.flatMap((r) => r.during);
    console.log(`\nMedian ${ms(total)}: target ≤ 3 s ${met(total <= TARGETS.loadAllMs)}; longest main-thread task over all runs ${longestOf(all)}: target ≤ 100 ms ${met(worst <= TARGETS.longestTaskMs)}.`);
    console.log(`Long tasks before "Load all", per run: while the page loaded ${runs.map((r) => `[${r.load.map(Math.round).join(', ')}]`).join(' ')}; during the first DescribeImages (the sandbox starts its worker, which seeds the 10,000 images) ${runs.map((r) => `[${r.call.map(Math.round).join(', ')}]`).join(' ')}.`);
  }

  // -------------------------------------------------------------------------------------------
  // 4. The Images view: eight regions × 1,000 images into one table.
  {
    const runs = [];
    for (let i = 0; i < REGIONS_RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const marks = (window.__regions = { longTasks: [] });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) marks.longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
        new MutationObserver(() => {
          if (marks.done != null) return;
          const now = performance.now();
          if (marks.firstRow == null && document.querySelector('table.vt-manager tr.vt-row')) marks.firstRow = now;
          const all = /^([\d,]+) images in 8 regions\.$/.exec(document.querySelector('section[aria-label="Regions"] [role=status]')?.textContent ?? '');
          const shown = /: ([\d,]+) shown$/.exec(document.querySelector('table.vt-manager caption')?.textContent ?? '');
          if (all && shown && all[1] === shown[1]) {
            marks.done = now;
            marks.images = all[1];
          }
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await page.goto(`${server.url}/?sandboxImages=1000&sandboxRegion=all`);
      await page.waitForFunction(() => window.__regions.done != null, null, { timeout: 120_000 });
      const r = await page.evaluate(() => {
        const m = window.__regions;
        // The view's first call creates the sandbox's worker: its script's request starts the load.
        const start = performance.getEntriesByType('resource').find((e) => /sandbox-worker\.js/.test(e.name))?.startTime;
        const tasks = (from, to) => m.longTasks.filter((t) => t.start + t.duration >= from && t.start <= to).map((t) => t.duration);
        return {
          start,
          firstRow: m.firstRow - start,
          ms: m.done - start,
          images: m.images,
          rowsInDom: document.querySelectorAll('table.vt-manager tbody tr.vt-row').length,
          during: tasks(start, m.done),
          before: tasks(0, start - 1),
        };
      });
      // On the full table: sort by name, type a search, scroll to the end.
      const timed = (action, settled) =>
        page.evaluate(
          async ([action, settled]) => {
            const start = performance.now();
            const heading = [...document.querySelectorAll('table.vt-manager thead button')].find((b) => b.textContent.startsWith('Name'));
            const search = document.getElementById('images-search');
            if (action === 'sort') heading.click();
            if (action === 'search') {
              search.value = 'bench-0042';
              search.dispatchEvent(new Event('input', { bubbles: true }));
            }
            if (action === 'scroll') {
              const box = document.querySelector('table.vt-manager').closest('.vt-scroll');
              box.scrollTop = box.scrollHeight;
              box.dispatchEvent(new Event('scroll'));
            }
            const done = () => {
              const first = document.querySelector('table.vt-manager tr.vt-row .name-text a')?.textContent ?? '';
              const last = [...document.querySelectorAll('table.vt-manager tr.vt-row')].at(-1)?.getAttribute('aria-rowindex');
              const names = [...document.querySelectorAll('table.vt-manager tr.vt-row .name-text a')].map((a) => a.textContent);
              if (settled === 'first-a') return /^[a-b]/.test(first);
              if (settled === 'search') return names.length > 0 && names.every((n) => n.startsWith('bench-0042'));
              return Number(last) > 7000;
            };
            while (!done()) await new Promise((ok) => requestAnimationFrame(ok));
            await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
            return performance.now() - start;
          },
          [action, settled],
        );
      const sort = await timed('sort', 'first-a');
      const scroll = await timed('scroll', 'last');
      const search = await timed('search', 'search');
      const after = await page.evaluate((from) => window.__regions.longTasks.filter((t) => t.start > from).map((t) => t.duration), r.start + r.ms);
      runs.push({ ...r, sort, scroll, search, after });
      await context.close();
    }
    console.log(`## The Images view: 8 regions × 1,000 images (sandbox, ?sandboxImages=1000&sandboxRegion=all): ${REGIONS_RUNS} runs\n`);
    console.log('| run | images | first row | all in the table | long tasks during (ms) | longest | rows in the DOM | sort by name | search typed | scroll to the end | long tasks of those three |');
    console.log('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |');
    runs.forEach((r, i) =>
      console.log(
        `| ${i + 1} | ${r.images} | ${ms(r.firstRow)} | ${ms(r.ms)} | [${r.during.map(Math.round).join(', ')}] | ${longestOf(r.during)} | ${r.rowsInDom} | ${ms(r.sort)} | ${ms(r.search)} | ${ms(r.scroll)} | [${r.after.map(Math.round).join(', ')}] |`,
      ),
    );
    const total = median(runs.map((r) => r.ms));
    const all = runs.flatMap((r) => r.during);
    console.log(`\nMedian ${ms(total)} from the first call to every row in the table: target ≤ 2 s ${met(total <= TARGETS.regionsMs)}; longest main-thread task over all runs ${longestOf(all)}: target ≤ 50 ms ${met(all.every((d) => d <= TARGETS.regionsTaskMs))}.`);
    console.log(`Long tasks before the first call (the page loading), per run: ${runs.map((r) => `[${r.before.map(Math.round).join(', ')}]`).join(' ')}.`);
  }

  // -------------------------------------------------------------------------------------------
  // 5. Distribute: one image to 7 regions and 3 accounts, on the emulator at --speed 100.
  {
    const emulator = await startEmulator(['--speed', '100']);
    const proxied = await startServer({ upstream: emulator.url });
    try {
      const runs = [];
      for (let i = 0; i < DISTRIBUTION_RUNS; i++) runs.push(await distribution(proxied, i));
      console.log(`\n## Distribute: build-agent-2025 to 7 regions × 3 accounts (local emulator, --speed 100, via the proxy): ${DISTRIBUTION_RUNS} runs\n`);
      console.log('| run | click → Done | calls made | long tasks during (ms) | longest |');
      console.log('| --- | ---: | ---: | --- | ---: |');
      runs.forEach((r, i) => console.log(`| ${i + 1} | ${ms(r.ms)} | ${r.calls} | [${r.during.map(Math.round).join(', ')}] | ${longestOf(r.during)} |`));
      for (const r of runs.filter((r) => r.failures.length)) console.log(`\nFailed steps: ${r.failures.join('; ')}`);
      const all = runs.flatMap((r) => r.during);
      console.log(`\nLongest main-thread task while it ran, over all runs: ${longestOf(all)}: target ≤ 50 ms ${met(all.every((d) => d <= TARGETS.distributionTaskMs))}.`);
    } finally {
      await proxied.close();
      await emulator.stop();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

/** One distribution through the dialog on a fresh page of `proxied`: its time, calls, long tasks and failed steps. */
async function distribution(proxied, run) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const marks = (window.__distribution = { longTasks: [] });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) marks.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${proxied.url}/#/images`);
  await setConnection(page, 'Sandbox (local emulator via proxy)');
  await page.evaluate(async () => {
    const regionId = 'eu-central-1';
    const client = new window.ecsimg.EcsImageClient({ regionId, credentials: { accessKeyId: 'demo', accessKeySecret: 'demo-secret' }, proxyBaseUrl: '/api/ecs' });
    const { images } = await client.describeImages({ regionId, imageOwnerAlias: 'self', status: 'Creating,Waiting', pageSize: 100 });
    for (const image of images) await client.cancelCopyImage({ regionId, imageId: image.imageId });
  });
  const table = page.locator('main.images-view table.vt-manager');
  await table.locator('tbody tr.vt-row').first().waitFor({ timeout: 30_000 });
  const source = (await imageRows(table)).find((r) => r.name === 'build-agent-2025' && r.region === 'cn-hangzhou');
  await page.evaluate((hash) => (location.hash = hash), `#/images/cn-hangzhou/${source.id}`);
  await page.getByRole('group', { name: 'Image actions' }).getByRole('button', { name: 'Distribute…' }).click();
  const dialog = page.getByRole('dialog');
  for (const box of await dialog.locator('.region-grid input[type=checkbox]').all()) await box.check();
  await dialog.getByLabel('Name of the copies').fill(`bench-distribution-${run}`);
  await dialog.getByLabel('Share with accounts').fill('1000000000000002\n1000000000000003\n1000000000000004');
  const start = await page.evaluate(() => performance.now());
  await dialog.getByRole('button', { name: 'Distribute to 7 regions' }).click();
  const status = dialog.locator('.distribution-status').filter({ hasText: /^(Done|Some steps failed|Stopped):/ });
  await status.waitFor({ timeout: 300_000 });
  const end = await page.evaluate(() => performance.now());
  const text = await status.innerText();
  const failures = await dialog.locator('td.cell-bad').evaluateAll((cells) => cells.map((td) => `${td.closest('tr').querySelector('th').firstChild.textContent} ${td.dataset.step}: ${td.querySelector('.cell-reason')?.textContent}`));
  const during = await page.evaluate(([from, to]) => window.__distribution.longTasks.filter((t) => t.start + t.duration >= from && t.start <= to).map((t) => t.duration), [start, end]);
  await context.close();
  return { ms: end - start, calls: /\((\d+) calls so far\)/.exec(text)?.[1], during, failures };
}
