// Shared by the console's browser tests (and crates/console/benches/console.mjs): the build, a
// static server for target/console (optionally forwarding /api/ecs/ to an emulator, counting what
// it forwards), headless Chromium (Debian's /usr/bin/chromium through playwright-core from
// tools/node_modules; nothing is downloaded), pages whose console, requests and CSP violations
// are recorded, and the console's hooks as a user reaches them (labels, ids, roles, visible text).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import http from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, CHROMIUM_ARGS } from '../../crates/wasm/browser-tests/support.mjs';
import { forwardCall } from '../support/ecs-proxy.mjs';
import { startEmulator } from '../support/emulator.mjs';

export { launchBrowser, startEmulator, CHROMIUM_ARGS };

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, '../..');
export const CONSOLE_DIR = resolve(REPO_ROOT, process.env.ECSIMG_CONSOLE_DIR ?? 'target/console');
export const ARTIFACTS = resolve(HERE, 'artifacts');

/** Seeded sandbox resources (crates/emulator/README.md). */
export const SEED = {
  region: 'cn-hangzhou',
  otherRegion: 'cn-shanghai',
  instance: 'i-hangzhou-web1',
  snapshot: 's-hangzhou-sys1',
  bucket: 'ecsimg-demo-hangzhou-1',
  qcow2: 'images/alinux3-custom.qcow2',
  publicImage: 'aliyun_3_x64_20G_alibase_20250915.vhd',
  publicFamily: 'acs:alibaba_cloud_linux_3_2104_lts_x64',
  /** The demo account's image pipeline in `region`, with two past runs. */
  pipeline: 'build-agent',
  demo2Account: '1000000000000002',
};

/**
 * Builds the console (tests/console/build.sh: the npm package and `trunk build --release`, each
 * skipped when unchanged). Once per process.
 * ECSIMG_CONSOLE_NO_BUILD=1 serves target/console as it is (or ECSIMG_CONSOLE_DIR).
 */
let built = !!process.env.ECSIMG_CONSOLE_NO_BUILD;
export function prepare() {
  if (built) return;
  const r = spawnSync(resolve(HERE, 'build.sh'), { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('tests/console/build.sh failed');
  built = true;
}

// ---------------------------------------------------------------------------------------------
// The server: target/console at /, and with `upstream` /api/ecs/* forwarded to it.

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const PROXY = '/api/ecs';

/**
 * Serves `root` on 127.0.0.1:0. With `upstream` (`http://127.0.0.1:PORT`), `/api/ecs/<rest>` goes
 * to `<upstream>/<rest>` with `Host` set as web/nginx/ecsimg.conf sets it, from the call's RegionId
 * (tests/support/ecs-proxy.mjs). `log` lists every request: `{method, path, api, action,
 * signature, headers, body, status}`, and for a forwarded call the `host` sent upstream (and the
 * request as `sent`).
 */
export async function startServer({ root = CONSOLE_DIR, upstream } = {}) {
  const log = [];
  const target = upstream ? new URL(upstream) : null;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const api = path === PROXY || path.startsWith(`${PROXY}/`) || path.startsWith(`${PROXY}?`);
      const query = new URLSearchParams(path.split('?')[1] ?? '');
      const entry = {
        method: req.method,
        path,
        api,
        action: api ? (query.get('Action') ?? req.headers['x-acs-action'] ?? '') : null,
        signature: String(req.headers.authorization ?? '').startsWith('ACS3-') ? 'v3' : query.has('Signature') ? 'v1' : null,
        headers: { ...req.headers },
        body: body.toString('utf8'),
        status: null,
      };
      log.push(entry);
      if (api) forward(req, res, body, entry, target);
      else serve(req, res, root, entry).catch((e) => send(res, entry, 500, String(e)));
    });
  });
  await new Promise((ok, err) => {
    server.once('error', err);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    apiCalls: () => log.filter((e) => e.api),
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

function send(res, entry, status, text) {
  entry.status = status;
  if (res.headersSent) return res.destroy();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

function forward(req, res, body, entry, target) {
  if (!target) return send(res, entry, 502, 'no upstream');
  forwardCall(req, res, { rest: req.url.slice(PROXY.length), body, upstream: target, entry });
}

// The production header's policy (web/nginx/ecsimg.conf), on every file as nginx sends it: a meta
// tag governs only the page, while the header also governs the sandbox's worker.
const CSP_HEADER = /add_header Content-Security-Policy "([^"]+)"/.exec(readFileSync(join(REPO_ROOT, 'web/nginx/ecsimg.conf'), 'utf8'))[1];

async function serve(req, res, root, entry) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, entry, 405, 'method not allowed');
  const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(root + sep)) return send(res, entry, 403, 'forbidden');
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return send(res, entry, 404, 'not found');
  entry.status = 200;
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-store',
    'content-security-policy': CSP_HEADER,
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

// ---------------------------------------------------------------------------------------------
// Pages.

/**
 * A new page (own context: own storage) on `url`, recording console messages, page errors,
 * requests (URL, headers, body), failed requests and CSP violations; resolves once the console's
 * first form is there. A `url` without a hash opens the API view (`#/api`), which the suites of
 * the forms test; `view: ''` opens what a visitor sees first. The browser asks for reduced motion
 * (a result is scrolled into view at once, not smoothly) unless `reducedMotion: 'no-preference'`.
 */
export async function openConsole(browser, url, { viewport = { width: 1280, height: 800 }, ready = true, view = 'api', reducedMotion = 'reduce' } = {}) {
  if (view && !url.includes('#')) url = `${url}#/${view}`;
  const context = await browser.newContext({ viewport, reducedMotion });
  const page = await context.newPage();
  const seen = { console: [], pageErrors: [], requests: [], failed: [] };
  page.on('console', (m) => seen.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => seen.pageErrors.push(String(e?.stack ?? e)));
  page.on('request', (r) => seen.requests.push({ method: r.method(), url: r.url(), headers: r.headers(), body: r.postData() ?? '' }));
  page.on('requestfailed', (r) => seen.failed.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  // Every CSP violation the page reports (the event fires on the document for blocked resources,
  // inline scripts and styles, eval, and connections).
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  await page.goto(url);
  if (ready && view === 'api') await waitReady(page);
  return { page, context, seen, close: () => context.close() };
}

/** The console has rendered: its default operation's form is there. */
export async function waitReady(page) {
  await page.locator('form.operation-form h2').first().waitFor({ timeout: 15_000 });
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}

/** Controls without a label (or aria-label / aria-labelledby), and IDs used twice. */
export function unlabelled(page) {
  return page.evaluate(() => {
    const name = (el) => `${el.tagName.toLowerCase()}#${el.id || '?'}`;
    const missing = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden') continue;
      const labels = [...(el.labels ?? [])].map((l) => l.textContent.trim()).filter(Boolean);
      const aria = (el.getAttribute('aria-label') ?? '').trim();
      const by = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter((id) => document.getElementById(id)?.textContent.trim());
      if (labels.length === 0 && !aria && by.length === 0) missing.push(name(el));
    }
    const buttons = [...document.querySelectorAll('button, a[href], summary')]
      .filter((el) => !(el.getAttribute('aria-label') ?? el.textContent).trim())
      .map(name);
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    const duplicates = [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
    const controls = document.querySelectorAll('input, select, textarea').length;
    return { missing, buttons, duplicates, controls };
  });
}

/** Console errors and warnings not explained by `allowed` (regular expressions). */
export function unexpectedConsole(seen, allowed = []) {
  return seen.console
    .filter((m) => m.type === 'error' || m.type === 'warning')
    .filter((m) => !allowed.some((re) => re.test(m.text)))
    .map((m) => `${m.type}: ${m.text}`);
}

/**
 * Saves tests/console/artifacts/<name>.png: the whole page, or with `element` (a locator) just
 * that element.
 */
export async function screenshot(page, name, { element, ...options } = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = resolve(ARTIFACTS, `${name}.png`);
  if (element) await element.screenshot({ path, ...options });
  else await page.screenshot({ path, fullPage: true, ...options });
  return path;
}

// ---------------------------------------------------------------------------------------------
// The console as a user reaches it.

/** The rows an Images table (`table.vt-manager`) renders, as `{name, id, status, region, size,
 * created, inUse}` read under its column titles. */
export function imageRows(table) {
  return table.evaluate((t) => {
    const heads = [...t.querySelectorAll('thead th')].map((th) => th.textContent.replace(/[▲▼]/g, '').trim());
    return [...t.querySelectorAll('tbody tr.vt-row')].map((tr) => {
      const cells = [...tr.children].map((td) => td.textContent.trim());
      const at = (title) => cells[heads.indexOf(title)];
      return {
        name: tr.querySelector('.name-text a').textContent.trim(),
        id: at('Image ID'),
        status: at('Status').replace(/\d+%$/, ''),
        region: at('Region'),
        size: at('Size'),
        created: tr.querySelector('time')?.getAttribute('datetime'),
        inUse: at('In use'),
      };
    });
  });
}

export const sidebar = (page) => page.getByRole('navigation', { name: 'Operations' });
export const form = (page) => page.locator('form.operation-form');
export const resultPanel = (page) => page.getByRole('region', { name: 'Result' });
export const historyItems = (page) => page.getByRole('region', { name: 'History' }).locator('ol > li');
export const submitButton = (page, op) => page.getByRole('button', { name: `Call ${op}`, exact: true });

/**
 * The sidebar's button for `op`, by the API name beside its name in words (`CreateImage`). Not by
 * accessible name: the API names break at the <wbr>s where the narrow layout hides them.
 */
export const operationButton = (page, op) =>
  sidebar(page).getByRole('button').filter({ has: page.locator('code.api-name', { hasText: new RegExp(`^\\s*${op}\\s*$`) }) });
/** The API names of the operations the sidebar shows. */
export const operationNames = async (page) => (await sidebar(page).locator('button code.api-name').allInnerTexts()).map((s) => s.trim());

/**
 * Opens the list of operations where a narrow layout folds it behind its button ("Operation:
 * <name> ▾"); a no-op where it is always shown.
 */
export async function openOperations(page) {
  const toggle = page.locator('button.ops-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** Picks `op` in the sidebar (opening the folded list first on a narrow screen) and waits for its form. */
export async function selectOperation(page, op) {
  await openOperations(page);
  await operationButton(page, op).click();
  await form(page).getByRole('heading', { name: op, exact: true, level: 2 }).waitFor();
}

/** The form control for a request path (`imageName`, `tag-0-key`, `features-imdsSupport`). */
export const field = (page, path) => page.locator(`#f-${path}`);

/**
 * Fills the form like a user: `values` maps paths to text (typed into inputs and text areas,
 * chosen in selects); each field is left (blurred) afterwards.
 */
export async function fillForm(page, values) {
  for (const [path, value] of Object.entries(values)) {
    const control = field(page, path);
    await control.waitFor({ state: 'attached' });
    const tag = await control.evaluate((el) => el.tagName.toLowerCase());
    if (tag === 'select') await control.selectOption(String(value));
    else await control.fill(String(value));
    await control.blur();
  }
}

/** Clicks "Add <list>" (`list` is the list's field name, e.g. `tag`, `diskDeviceMapping`). */
export async function addRow(page, list) {
  await form(page).getByRole('button', { name: new RegExp(`^Add ${list}\\b`) }).click();
}

/**
 * Submits the form with a click on "Call <op>" and waits for its answer: a new history entry and
 * the result panel naming `op`. Returns the result panel's text.
 */
export async function submit(page, op) {
  const before = await historyItems(page).count();
  await submitButton(page, op).click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('section[aria-label="History"] ol > li').length > n,
    before,
    { timeout: 15_000 },
  );
  const panel = resultPanel(page);
  await panel.locator('.result-head', { hasText: op }).waitFor();
  return panel.innerText();
}

/** Submits and asserts success (`200 OK` and a RequestId); returns the panel's text. */
export async function submitOk(page, op) {
  const text = await submit(page, op);
  if (!/200 OK/.test(text)) assert.fail(`${op} did not succeed:\n${text}`);
  assert.match(text, /RequestId\s+[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/, `${op}: no RequestId`);
  return text;
}

/**
 * The answer's raw JSON (the body in the official TS SDK's shape: camelCase, wrapper objects
 * kept), from its <details>, opened if it is closed (the <pre> is rendered while it is open).
 */
export async function rawJson(page) {
  const details = resultPanel(page).locator('details.raw');
  const pre = details.locator('pre');
  if ((await pre.count()) === 0) {
    await details.locator('summary').click();
    await pre.waitFor({ state: 'attached', timeout: 5_000 });
  }
  return JSON.parse(await pre.textContent());
}

/** Clicks "Wait until done" and waits for "Done: <status>" (or fails with what it shows). */
export async function waitUntilDone(page, { timeout = 30_000 } = {}) {
  const panel = resultPanel(page);
  await panel.getByRole('button', { name: 'Wait until done' }).click();
  const done = panel.locator('.wait .ok', { hasText: /^Done: / });
  await done.waitFor({ timeout });
  return (await done.innerText()).replace(/^Done: /, '');
}

/** Picks the connection target by its visible option text. */
export async function setConnection(page, label) {
  await page.locator('#conn-target').selectOption({ label });
}

/**
 * Types into an input as a user does, then leaves it (the connection panel reads its inputs on
 * `change`).
 */
export async function typeAndLeave(page, selector, text) {
  const input = page.locator(selector);
  await input.fill(text);
  await input.press('Tab');
}

/** The text of an answer field shown in the result's field list (`imageId`, `taskId`, ...). */
export async function answerField(page, key) {
  const dd = resultPanel(page).locator('dl.fields').locator(`xpath=dt[normalize-space(.)="${key}"]/following-sibling::dd[1]`);
  await dd.first().waitFor({ timeout: 5_000 });
  return (await dd.first().innerText()).trim();
}

/** Whether the datalist `list` offers `value` (the ID fields' suggestions). */
export async function offered(page, list, value) {
  return page.locator(`datalist#${list} option`).evaluateAll((options, v) => options.some((o) => o.value === v), value);
}

/**
 * What a console suite runs against: the console (built if needed) on a server that forwards
 * /api/ecs/ to an emulator started with `emulator` (its arguments) and `keys` when given, Chromium,
 * and with `tab` the console open in a first tab. If a part fails, the parts that started are
 * stopped before the error is thrown.
 */
export async function startConsole({ emulator: args, keys, tab = true } = {}) {
  prepare();
  const [emulator, browser] = await Promise.allSettled([args && startEmulator(args, { keys }), launchBrowser()]);
  const parts = { emulator: emulator.value, browser: browser.value };
  try {
    for (const started of [emulator, browser]) if (started.status === 'rejected') throw started.reason;
    parts.server = await startServer({ upstream: parts.emulator?.url });
    if (tab) parts.tab = await openConsole(parts.browser, `${parts.server.url}/`);
    return parts;
  } catch (e) {
    await stopConsole(parts);
    throw e;
  }
}

/** Stops what `startConsole` started, and the `tabs` a suite opened since. */
export async function stopConsole({ tab, tabs = [], browser, server, emulator } = {}) {
  for (const open of [tab, ...tabs]) await open?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.close();
  await emulator?.stop();
}

// ---------------------------------------------------------------------------------------------
// The image manager's views, as the tests of its dialogs and tray reach them.

export const dialog = (page) => page.getByRole('dialog');
/** A field of the dialog by its label in words (a required one's ends in " * (required)"). */
export const labelled = (page, label) => dialog(page).getByLabel(new RegExp(`^${label}( \\* \\(required\\))?$`));
export const tray = (page) => page.getByRole('complementary', { name: 'Tasks' });
export const task = (page, label) => tray(page).locator('li.task', { hasText: label });

/** The Images view's table rows for images named `name` (its search set to it, then cleared). */
export async function rowsNamed(page, name) {
  const search = page.locator('main.images-view').getByLabel('Search');
  await search.fill(name);
  const rows = (await imageRows(page.locator('main.images-view table.vt-manager'))).filter((r) => r.name === name);
  await search.fill('');
  return rows;
}

/** The regions of the rows named `name`, sorted, once they are `regions` (the table loads the
 * regions an action changed again; it fails with what it showed last). */
export async function regionsOfRowsNamed(page, name, regions) {
  let seen;
  for (const until = Date.now() + 20_000; Date.now() < until; await page.waitForTimeout(250)) {
    seen = (await rowsNamed(page, name)).map((r) => r.region).sort();
    if (JSON.stringify(seen) === JSON.stringify(regions)) return;
  }
  assert.deepEqual(seen, regions);
}
