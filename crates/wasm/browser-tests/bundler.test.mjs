// The package through a bundler: bundler-app/ imports `ecsimg` by name, Vite 8 (tools/) builds it
// into a temporary folder, server.mjs serves it under /app/ next to the proxy, and headless
// Chromium runs it: DescribeImages through the proxy, rendered as a table.
// Run from the repository root: `node --test crates/wasm/browser-tests/`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from './server.mjs';
import { launchBrowser, openPage, PKG_DIR, prepare, REPO_ROOT, startEmulator, unexpectedConsole } from './support.mjs';

const VITE = resolve(REPO_ROOT, 'tools/node_modules/.bin/vite');
const CONFIG = 'crates/wasm/browser-tests/bundler-app/vite.config.mjs';

let outDir;
let build;
let emulator;
let server;
let browser;

before(async () => {
  prepare();
  outDir = mkdtempSync(join(tmpdir(), 'ecsimg-bundler-app-'));
  build = spawnSync(VITE, ['build', '--config', CONFIG, '--configLoader', 'native', '--outDir', outDir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  [emulator, browser] = await Promise.all([startEmulator(['--speed', '2000']), launchBrowser()]);
  server = await startServer({ upstream: emulator.url, mounts: { '/app/': outDir } });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await emulator?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

function assets() {
  return readdirSync(join(outDir, 'assets'));
}

test('vite build resolves `ecsimg` to the browser entry and emits the wasm as an asset', (t) => {
  assert.equal(build.status, 0, `vite build failed:\n${build.stdout}\n${build.stderr}`);
  for (const line of build.stdout.split('\n').filter((l) => l.includes('kB'))) t.diagnostic(line.replace(/^.*\/(?=(assets\/)?[\w.-]+\s)/, ''));
  const wasm = assets().filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, assets().join(', '));
  assert.match(wasm[0], /^ecsimg_wasm_bg-[\w-]+\.wasm$/);
  const packaged = statSync(join(PKG_DIR, 'dist/wasm/ecsimg_wasm_bg.wasm')).size;
  assert.equal(statSync(join(outDir, 'assets', wasm[0])).size, packaged, 'the emitted wasm is not the package one');
  const js = assets().filter((f) => f.endsWith('.js'));
  assert.equal(js.length, 1, assets().join(', '));
  const bundle = readFileSync(join(outDir, 'assets', js[0]), 'utf8');
  assert.ok(bundle.includes(wasm[0]), 'the bundle does not reference the emitted wasm');
  assert.ok(!bundle.includes('node:fs'), 'the bundle took the Node entry');
});

test('the bundled app lists images through the proxy', async () => {
  const { page, seen } = await openPage(browser, `${server.url}/app/`);
  await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 15_000 });
  const status = await page.textContent('#status');
  assert.equal(await page.getAttribute('#status', 'data-state'), 'done', status);
  assert.match(status, /^10 of \d+ images \(request [0-9A-F-]{36}\)$/);
  const rows = await page.$$eval('#images tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.equal(rows.length, 10);
  for (const [imageId, , , state] of rows) {
    assert.ok(imageId.length > 0);
    assert.equal(state, 'Available');
  }
  // It went through the proxy, signed V3 for the Host the proxy sent, and was answered.
  assert.deepEqual(
    server.log.map(({ method, action, signature, host, status: code }) => [method, action, signature, host, code]),
    [['POST', 'DescribeImages', 'v3', 'ecs.cn-hangzhou.aliyuncs.com', 200]],
  );
  // The wasm came from the bundle's assets, as application/wasm.
  assert.deepEqual(
    seen.wasm.map(({ url, status: code, type }) => [new URL(url).pathname.replace(/-[\w-]+\.wasm$/, '.wasm'), code, type]),
    [['/app/assets/ecsimg_wasm_bg.wasm', 200, 'application/wasm']],
  );
  assert.deepEqual(unexpectedConsole(seen), []);
  assert.deepEqual(seen.pageErrors, []);
  await page.close();
});

test('after the core runs out of memory, the bundled app goes on with a fresh instance', async () => {
  const { page, seen } = await openPage(browser, `${server.url}/app/#trap`);
  await page.waitForSelector('#status[data-state="done"]', { timeout: 30_000 });
  assert.equal(await page.textContent('#status'), 'ok, internal, 0 problems, ok, fresh instance');
  assert.deepEqual(seen.pageErrors, []);
  await page.close();
});
