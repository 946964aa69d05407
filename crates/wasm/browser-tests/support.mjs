// Shared by the browser tests: the emulator process, headless Chromium through playwright-core
// (from tools/node_modules, driving Debian's /usr/bin/chromium; nothing is downloaded), and pages
// whose console is recorded.

import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { PKG_DIR, REPO_ROOT } from './server.mjs';

export { REPO_ROOT, PKG_DIR };

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

const target = resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
const EMULATOR = resolve(target, 'release', 'ecsimg-emulator');
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Builds what the tests need once per process: the emulator (release) and, if missing, the package. */
let prepared = false;
export function prepare() {
  if (prepared) return;
  const build = spawnSync('cargo', ['build', '-q', '--release', '-p', 'ecsimg-emulator'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('cargo build --release -p ecsimg-emulator failed');
  if (!existsSync(resolve(PKG_DIR, 'dist/browser.js'))) {
    const pkg = spawnSync('crates/wasm/build.sh', { cwd: REPO_ROOT, stdio: 'inherit' });
    if (pkg.status !== 0) throw new Error('crates/wasm/build.sh failed');
  }
  prepared = true;
}

/** Starts `ecsimg-emulator` on a free loopback port; resolves once its banner names the URL. */
export async function startEmulator(args = []) {
  const child = spawn(EMULATOR, ['--listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`ecsimg-emulator printed no URL within 20 s: ${stderr}`)), 20_000);
    lines.on('line', (line) => {
      const found = /listening on (http:\/\/\S+)/.exec(line);
      if (found) {
        clearTimeout(timer);
        resolveUrl(found[1]);
      }
    });
    child.on('error', (e) => reject(new Error(`cannot run ${EMULATOR}: ${e.message}`)));
    child.on('exit', (code, signal) => reject(new Error(`ecsimg-emulator exited (${signal ?? code}): ${stderr}`)));
  });
  return {
    url,
    host: new URL(url).host,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
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
