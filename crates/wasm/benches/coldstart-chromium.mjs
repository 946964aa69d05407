// Cold start in headless Chromium, for coldstart.mjs: a blank page served from 127.0.0.1 imports
// the package's browser entry (what crates/wasm/pkg/package.json names for browsers), which fetches
// its wasm next to itself on first use, as in a page without a bundler. Each run opens a fresh
// browser context, so nothing is cached: not the scripts, not the wasm, not its compiled code.

import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { launchBrowser, PKG_DIR } from '../browser-tests/support.mjs';

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
/** Cross-origin isolation gives the page's performance.now() 5 µs steps instead of 100 µs. */
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** The page: nothing to load but what the run imports (no favicon either). */
const PAGE = '<!doctype html><title>ecsimg cold start</title><link rel="icon" href="data:,">';

/** A file of crates/wasm/pkg by its path under /pkg/, or null. */
function pkgFile(path) {
  const file = resolve(PKG_DIR, `.${path.slice('/pkg'.length)}`);
  return path.startsWith('/pkg/') && file.startsWith(PKG_DIR + sep) ? readFile(file).catch(() => null) : null;
}

/** Serves `/` (a blank page) and the files of crates/wasm/pkg under /pkg/, never cached. */
async function startServer() {
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const body = path === '/' ? PAGE : await pkgFile(path);
    const type = path === '/' ? 'text/html' : (TYPES[extname(path)] ?? 'application/octet-stream');
    res.writeHead(body === null ? 404 : 200, { 'content-type': type, 'cache-control': 'no-store', ...ISOLATED });
    res.end(body ?? 'not found');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * `runs` cold starts, each in a fresh context: `measure(entry)` is the source of an async function
 * that imports `entry` and resolves to its times. Resolves to `{ runtime, runs }`.
 */
export async function chromiumRuns(runs, measure) {
  const { exports } = JSON.parse(await readFile(resolve(PKG_DIR, 'package.json'), 'utf8'));
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const entry = `${server.url}/pkg/${exports['.'].default.replace(/^\.\//, '')}`;
    const times = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      times.push(await page.evaluate(`(${measure(entry)})()`));
      await context.close();
    }
    return { runtime: `Chromium ${browser.version()} (fresh browser contexts, served from 127.0.0.1)`, runs: times };
  } finally {
    await browser.close();
    await server.close();
  }
}
