// V3 calls for another region than the client's, from the page through the proxy to the strict
// emulator. The proxy sends each call with `Host: ecs.<its RegionId>.aliyuncs.com` (as nginx does)
// and the emulator verifies over that Host only, so these pass only if the client signs each call
// for its own region, not the client's: a cn-hangzhou client describing cn-shanghai, paginating it,
// copying an image there and then waiting for the copy and cancelling another one there.
// Run from the repository root: `node --test crates/wasm/browser-tests/`.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from './server.mjs';
import {
  call,
  DEMO,
  inPage,
  launchBrowser,
  makeClient,
  openHarness,
  prepare,
  regionOf,
  startEmulator,
  unexpectedConsole,
  wait,
} from './support.mjs';
import { ANY_IMAGE_STATUS } from '../../../tests/support/catalogue.mjs';

const HOME = 'cn-hangzhou';
const AWAY = 'cn-shanghai';
// Seeded in cn-hangzhou for the demo account (crates/emulator/README.md).
const INSTANCES = ['i-hangzhou-web1', 'i-hangzhou-build1'];

let emulator;
let browser;
let server;
let where;

before(async () => {
  prepare();
  // --speed 200: an image in 100 ms, a copy in 150 ms; long enough for a queued copy to be
  // cancelled without a race, short enough for the waiters.
  [emulator, browser] = await Promise.all([startEmulator(['--speed', '200']), launchBrowser()]);
  server = await startServer({ upstream: emulator.url });
  where = await openHarness(browser, server);
  // The README's settings: a region, the proxy, no endpoint.
  await makeClient(where, 'home', { regionId: HOME, credentials: DEMO });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await emulator?.stop();
});

/** The calls forwarded since log index `from`, as `[action, host, status]`. */
function forwardedSince(from) {
  return server.log.slice(from).map((e) => [e.action, e.host, e.status]);
}

test(`a ${HOME} client describes and paginates ${AWAY}`, async () => {
  const from = server.log.length;
  const res = await call(where, 'home', 'describeImages', { regionId: AWAY, imageOwnerAlias: 'system', pageSize: 5 });
  assert.equal(res.regionId, AWAY);
  assert.equal(res.images.length, 5);
  const pages = await inPage(where, 'paginate', 'home', 'DescribeImages', { regionId: AWAY, imageOwnerAlias: 'system' }, { pageSize: 20 });
  assert.equal(pages.ok, true, JSON.stringify(pages.error));
  assert.ok(pages.value.pages.length >= 2, 'one page only: the paginator was not exercised');
  assert.ok(pages.value.pages.every((p) => p.regionId === AWAY));
  assert.equal(pages.value.items.length, pages.value.pages[0].totalCount);
  const calls = forwardedSince(from);
  assert.ok(calls.length >= 1 + 2 * pages.value.pages.length);
  for (const c of calls) assert.deepEqual(c, ['DescribeImages', `ecs.${AWAY}.aliyuncs.com`, 200]);
});

test(`CopyImage ${HOME} → ${AWAY}; in ${AWAY}, CancelCopyImage on a queued copy and the waiter on the first`, async () => {
  // Two images to copy (the same image cannot be copied into one region twice at once).
  const sources = await Promise.all(
    INSTANCES.map((instanceId, i) => call(where, 'home', 'createImage', { instanceId, imageName: `regions-source-${i}` })),
  );
  for (const { imageId } of sources) await wait(where, 'home', 'waitForImageAvailable', { imageId });

  const from = server.log.length;
  // CopyImage goes to the source region; its answer names the copy in the destination.
  const copies = [];
  for (const [i, { imageId }] of sources.entries()) {
    copies.push(await call(where, 'home', 'copyImage', { imageId, destinationRegionId: AWAY, destinationImageName: `regions-copy-${i}` }));
  }
  // An account copies one image at a time into a region: the second copy waits for the first, so
  // it is still in progress when it is cancelled.
  const cancelled = await call(where, 'home', 'cancelCopyImage', { regionId: AWAY, imageId: copies[1].imageId });
  assert.equal(cancelled.statusCode, 200);
  // e2e.test.mjs waits with waitForImageCopied; the generic waiter takes the region as well.
  const { value: copy, progress } = await wait(where, 'home', 'waitForImageAvailable', { regionId: AWAY, imageId: copies[0].imageId });
  assert.equal(copy.imageId, copies[0].imageId);
  assert.equal(copy.imageName, 'regions-copy-0');
  assert.equal(copy.isCopied, true);
  assert.equal(progress.at(-1).status, 'Available');
  const gone = await call(where, 'home', 'describeImages', { regionId: AWAY, imageId: copies[1].imageId, status: ANY_IMAGE_STATUS });
  assert.deepEqual(gone.images, [], 'the cancelled copy is still there');

  // Each call went out with its own region's Host, which the emulator verified the V3 signature over.
  const calls = forwardedSince(from);
  const byAction = (action) => calls.filter(([a]) => a === action);
  assert.deepEqual(byAction('CopyImage'), [
    ['CopyImage', `ecs.${HOME}.aliyuncs.com`, 200],
    ['CopyImage', `ecs.${HOME}.aliyuncs.com`, 200],
  ]);
  assert.deepEqual(byAction('CancelCopyImage'), [['CancelCopyImage', `ecs.${AWAY}.aliyuncs.com`, 200]]);
  assert.ok(byAction('DescribeImages').length >= 2);
  for (const c of byAction('DescribeImages')) assert.deepEqual(c, ['DescribeImages', `ecs.${AWAY}.aliyuncs.com`, 200]);
});

test('every call was signed V3, sent with its RegionId\'s Host and answered 200; the page logged nothing', () => {
  assert.ok(server.log.length > 0);
  for (const entry of server.log) {
    assert.equal(entry.signature, 'v3', entry.path);
    assert.equal(entry.host, `ecs.${regionOf(entry)}.aliyuncs.com`, entry.path);
    assert.equal(entry.status, 200, `${entry.action}: ${entry.status}`);
  }
  assert.deepEqual([...new Set(server.log.map((e) => regionOf(e)))].sort(), [HOME, AWAY]);
  assert.deepEqual(unexpectedConsole(where.seen), []);
  assert.deepEqual(where.seen.pageErrors, []);
});
