// The package README's example, verbatim, in headless Chromium: its first ```js block is read from
// crates/wasm/package/README.md when the test runs (so the test follows the README and never a
// copy of it) and runs unchanged as a module of a page served by server.mjs, with what the example
// assumes around it: the bare import `ecsimg` resolved by an import map to the package's browser
// entry (package.json `exports`), `/my-sts-endpoint` answering the emulator's demo credentials, and
// `/api/ecs` the proxy to the strict emulator, which sends each call with the Host nginx sends.
// The example must finish without throwing, its waiter must reach Available, and its validation
// example must print the problems the README's comments show.
// Run from the repository root: `node --test crates/wasm/browser-tests/`.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from './server.mjs';
import { call, DEMO, launchBrowser, makeClient, openHarness, openPage, PKG_DIR, prepare, REPO_ROOT, startEmulator, unexpectedConsole } from './support.mjs';

const README = resolve(REPO_ROOT, 'crates/wasm/package/README.md');

/** The first ```js block of a Markdown text. */
function firstJsBlock(markdown) {
  const found = /^```js\n([\s\S]*?)^```$/m.exec(markdown);
  assert.ok(found, `no js code block in ${README}`);
  return found[1];
}

/** The `// ...` comment lines right after the line logging `e.problems`: the output the README shows. */
function promisedProblems(code) {
  const lines = code.split('\n');
  const at = lines.findIndex((line) => line.includes('console.log(e.problems'));
  assert.ok(at >= 0, 'the example no longer logs e.problems');
  const shown = [];
  for (const line of lines.slice(at + 1)) {
    const comment = /^\s*\/\/ (.+)$/.exec(line);
    if (!comment) break;
    shown.push(comment[1]);
  }
  assert.ok(shown.length > 0, 'the README shows no output for the validation example');
  return shown;
}

/** The page URL of the package's browser entry, from the built package.json's `exports`. */
function browserEntry() {
  const { exports } = JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8'));
  return `/pkg/${exports['.'].default.replace(/^\.\//, '')}`;
}

/** A page importing example.js once the import map is in place; `#status` says how it ended. */
function pageHtml(entry) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>ecsimg README example</title>
    <link rel="icon" href="data:," />
    <script type="importmap">${JSON.stringify({ imports: { ecsimg: entry } })}</script>
    <script type="module">
      // A dynamic import settles when the module's top-level awaits do, and rejects with what it throws.
      const status = document.getElementById('status');
      import('./example.js').then(
        () => { status.dataset.state = 'done'; status.textContent = 'done'; },
        (e) => { status.dataset.state = 'error'; status.textContent = String(e?.stack ?? e); },
      );
    </script>
  </head>
  <body><p id="status" data-state="running">running</p></body>
</html>
`;
}

let dir;
let emulator;
let browser;
let server;
let example;
let sent; // the calls the example made (the log, before the checks add their own)
let stsCalls = 0;
const code = firstJsBlock(readFileSync(README, 'utf8'));

before(async () => {
  prepare();
  dir = mkdtempSync(join(tmpdir(), 'ecsimg-readme-'));
  writeFileSync(join(dir, 'example.js'), code);
  writeFileSync(join(dir, 'index.html'), pageHtml(browserEntry()));
  [emulator, browser] = await Promise.all([startEmulator(['--speed', '1000']), launchBrowser()]);
  server = await startServer({
    upstream: emulator.url,
    mounts: { '/readme/': dir },
    // The README's credentialsProvider reads `{accessKeyId, accessKeySecret}` from here.
    json: {
      '/my-sts-endpoint': () => {
        stsCalls++;
        return { accessKeyId: DEMO.accessKeyId, accessKeySecret: DEMO.accessKeySecret };
      },
    },
  });
  example = await openPage(browser, `${server.url}/readme/`);
  // The README's waiter polls at its defaults (2 s, then longer): a few seconds.
  await example.page.waitForSelector('#status:not([data-state="running"])', { timeout: 60_000 });
  sent = server.log.slice();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await emulator?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the example runs to the end without throwing', async (t) => {
  // What it printed, for the record.
  for (const args of await Promise.all(example.seen.logged)) t.diagnostic(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  const status = await example.page.textContent('#status');
  assert.equal(await example.page.getAttribute('#status', 'data-state'), 'done', status);
  assert.deepEqual(example.seen.pageErrors, []);
  assert.deepEqual(example.seen.failedRequests, []);
  assert.deepEqual(unexpectedConsole(example.seen), []);
});

test('its calls went through the proxy with the Host it signed, and the provider gave the credentials', () => {
  const calls = sent.map(({ method, action, signature, host, status }) => [method, action, signature, host, status]);
  // One CreateImage (the invalid one is refused before sending), then the waiter's and the paginator's.
  assert.deepEqual(calls[0], ['POST', 'CreateImage', 'v3', 'ecs.cn-hangzhou.aliyuncs.com', 200]);
  assert.ok(calls.length >= 3, JSON.stringify(calls));
  for (const c of calls.slice(1)) assert.deepEqual(c, ['POST', 'DescribeImages', 'v3', 'ecs.cn-hangzhou.aliyuncs.com', 200]);
  // The provider runs before every attempt.
  assert.ok(stsCalls >= calls.length, `${stsCalls} credential fetches for ${calls.length} calls`);
});

test('the waiter reached Available, and the paginator listed the new image', async () => {
  const logged = await Promise.all(example.seen.logged);
  const progress = logged.filter((args) => args.length === 2 && /^\d+%$/.test(args[1]));
  assert.ok(progress.length >= 1, JSON.stringify(logged));
  assert.deepEqual(progress.at(-1), ['Available', '100%']);
  // The waiter polled the image the example created.
  const imageId = new URLSearchParams(sent[1].path.split('?')[1]).get('ImageId');
  assert.match(imageId, /^m-/);
  const listed = logged.filter((args) => args.length === 2 && /^m-/.test(args[0]));
  assert.ok(listed.some(([id, status]) => id === imageId && status === 'Available'), JSON.stringify(listed));
  // And it is there, as the example asked for it.
  const checker = await openHarness(browser, server);
  await makeClient(checker, 'check', { regionId: 'cn-hangzhou', credentials: DEMO });
  const { images } = await call(checker, 'check', 'describeImages', { imageId });
  assert.equal(images[0]?.status, 'Available');
  assert.ok(code.includes(`imageName: '${images[0].imageName}'`), images[0].imageName);
  await checker.page.close();
});

test('the validation example printed the problems the README shows, last', async () => {
  const logged = await Promise.all(example.seen.logged);
  assert.deepEqual(logged.at(-1), [promisedProblems(code)]);
});
