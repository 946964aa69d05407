// Shared by the browser tests: the emulator process (tests/support/emulator.mjs), headless
// Chromium through playwright-core (from tools/node_modules, driving Debian's /usr/bin/chromium;
// nothing is downloaded), pages whose console is recorded, and calls through the test page's
// harness (page/harness.js).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { buildEmulator, startEmulator } from '../../../tests/support/emulator.mjs';
import { PKG_DIR, REPO_ROOT } from './server.mjs';

export { REPO_ROOT, PKG_DIR, startEmulator };

const require = createRequire(resolve(REPO_ROOT, 'tools/package.json'));
const { chromium } = require('playwright-core');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const DEMO = { accessKeyId: 'demo', accessKeySecret: 'demo-secret', account: '1000000000000001' };
export const DEMO2 = { accessKeyId: 'demo2', accessKeySecret: 'demo2-secret', account: '1000000000000002' };

/** Builds what the tests need once per process: the emulator (release) and, if missing, the package. */
let prepared = false;
export function prepare() {
  if (prepared) return;
  buildEmulator();
  if (!existsSync(resolve(PKG_DIR, 'dist/browser.js'))) {
    const pkg = spawnSync('crates/wasm/build.sh', { cwd: REPO_ROOT, stdio: 'inherit' });
    if (pkg.status !== 0) throw new Error('crates/wasm/build.sh failed');
  }
  prepared = true;
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens `url` in a new page and records what a test must check: console messages, uncaught page
 * errors, failed requests, and every .wasm response. `logged` has, for each `console.log`, a
 * promise of its arguments as values (an array logged stays an array; its text would be a preview).
 */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  const seen = { console: [], logged: [], pageErrors: [], failedRequests: [], wasm: [] };
  page.on('console', (m) => {
    seen.console.push({ type: m.type(), text: m.text(), url: m.location()?.url });
    if (m.type() === 'log') seen.logged.push(Promise.all(m.args().map((a) => a.jsonValue())).catch((e) => [`(unreadable: ${e.message})`]));
  });
  page.on('pageerror', (e) => seen.pageErrors.push(String(e?.stack ?? e)));
  page.on('requestfailed', (r) => seen.failedRequests.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.endsWith('.wasm')) {
      seen.wasm.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] });
    }
  });
  await page.goto(url);
  return { page, seen };
}

/** Console errors and warnings, minus those `allowed` (regular expressions) explains. */
export function unexpectedConsole(seen, allowed = []) {
  return seen.console
    .filter((m) => m.type === 'error' || m.type === 'warning')
    .filter((m) => !allowed.some((re) => re.test(m.text)))
    .map((m) => `${m.type}: ${m.text}`);
}

/** Opens the test page (page/, served at `${server.url}/`) once its harness is ready. */
export async function openHarness(browser, server) {
  const opened = await openPage(browser, `${server.url}/`);
  await opened.page.waitForFunction(() => window.harness, null, { timeout: 10_000 });
  return opened;
}

/** Fast polls for the waiters: the tests' emulators run lifecycles tens to thousands of times faster. */
export const WAIT = { minDelayMs: 10, maxDelayMs: 50, maxWaitMs: 20_000 };

/** Runs a harness helper in the page; `{ok, value}` or `{ok: false, error}`. */
export function inPage({ page }, helper, ...args) {
  return page.evaluate(([name, rest]) => window.harness[name](...rest), [helper, args]);
}

/** Makes a harness client (through the page's proxy, `/api/ecs`) named `name`. */
export function makeClient({ page }, name, options) {
  return page.evaluate(([client, opts]) => window.harness.makeClient(client, opts), [name, options]);
}

/** `client[method](request)` in the page; the answer, or a failure naming the EcsError. */
export async function call(where, client, method, request, options) {
  const r = await inPage(where, 'call', client, method, request, options);
  if (!r.ok) assert.fail(`${client}.${method} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** `client[method](request)` in the page, which must fail with an EcsError; the error's fields. */
export async function callFails(where, client, method, request) {
  const r = await inPage(where, 'call', client, method, request);
  assert.equal(r.ok, false, `${client}.${method} succeeded: ${JSON.stringify(r.value)}`);
  assert.equal(r.error.isEcsError, true, JSON.stringify(r.error));
  return r.error;
}

/** `client[waiter](target)` in the page with fast polls; `{value, progress}`. */
export async function wait(where, client, waiter, target) {
  const r = await inPage(where, 'wait', client, waiter, target, WAIT);
  if (!r.ok) assert.fail(`${waiter} failed: ${JSON.stringify(r.error)} after ${JSON.stringify(r.progress)}`);
  return r;
}

/** The `RegionId` of a forwarded call (a server log entry), from its query. */
export function regionOf(entry) {
  return new URLSearchParams(entry.path.split('?')[1] ?? '').get('RegionId');
}
