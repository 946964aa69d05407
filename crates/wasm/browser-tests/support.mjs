// Shared by the browser tests: the emulator process (tests/support/emulator.mjs), headless
// Chromium through playwright-core (from tools/node_modules, driving Debian's /usr/bin/chromium;
// nothing is downloaded), and pages whose console is recorded.

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
 * errors, failed requests, and every .wasm response.
 */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  const seen = { console: [], pageErrors: [], failedRequests: [], wasm: [] };
  page.on('console', (m) => seen.console.push({ type: m.type(), text: m.text(), url: m.location()?.url }));
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
