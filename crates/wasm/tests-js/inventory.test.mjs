// listImagesEverywhere against the emulator's demo seed: every region paged to its end, at most
// `concurrency` regions at once, a region's failure alone; and the SharedBackoff the workflows
// give their calls: one call throttled holds the others back.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorResponse, makeClient, pkg, recordingFetch, startEmulator } from './helpers.mjs';

const { listImagesEverywhere, SharedBackoff } = pkg;
const REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'us-west-1', 'ap-southeast-1'];

let emulator;
before(async () => {
  emulator = await startEmulator(['--speed', '1000']);
});
after(() => emulator?.stop());

async function collect(iterator) {
  const results = [];
  for await (const result of iterator) results.push(result);
  return results;
}

describe('listImagesEverywhere', () => {
  test('pages every region to its end, each region once, with the filters given', async () => {
    const client = makeClient(emulator);
    const results = await collect(listImagesEverywhere(client, { regions: REGIONS, imageOwnerAlias: 'self', status: 'ALL', pageSize: 2 }));
    assert.deepEqual(results.map((r) => r.regionId).sort(), [...REGIONS].sort());
    for (const result of results) {
      assert.ok(!('error' in result), `${result.regionId}: ${result.error?.message}`);
      const { totalCount } = await client.describeImages({ regionId: result.regionId, imageOwnerAlias: 'self', status: 'ALL', pageSize: 1 });
      assert.equal(result.images.length, totalCount, result.regionId);
      assert.ok(result.images.every((i) => i.imageOwnerAlias === 'self'));
    }
    const hangzhou = results.find((r) => r.regionId === 'cn-hangzhou').images.map((i) => i.imageName);
    assert.ok(hangzhou.includes('build-agent-2025') && hangzhou.includes('shop-web-v3'), hangzhou.join());
  });

  test('hands each page to onPage as it arrives, before its region is yielded', async () => {
    const client = makeClient(emulator);
    const seen = [];
    const iterator = listImagesEverywhere(client, {
      regions: ['cn-hangzhou', 'cn-shanghai'],
      imageOwnerAlias: 'self',
      status: 'ALL',
      pageSize: 3,
      onPage: (page) => seen.push({ ...page, at: 'page' }),
    });
    for await (const result of iterator) seen.push({ regionId: result.regionId, images: result.images, at: 'region' });
    for (const regionId of ['cn-hangzhou', 'cn-shanghai']) {
      const events = seen.filter((e) => e.regionId === regionId);
      const region = events.at(-1);
      assert.equal(region.at, 'region', 'the pages come before the region');
      const pages = events.filter((e) => e.at === 'page');
      assert.ok(pages.every((p) => p.images.length <= 3 && p.totalCount === region.images.length), regionId);
      assert.deepEqual(pages.flatMap((p) => p.images.map((i) => i.imageId)), region.images.map((i) => i.imageId));
    }
    assert.ok(seen.filter((e) => e.regionId === 'cn-hangzhou' && e.at === 'page').length > 1, 'several pages in cn-hangzhou');
  });

  test('asks at most `concurrency` regions at once', async () => {
    let inFlight = 0;
    let most = 0;
    const log = recordingFetch(async (url, init) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      try {
        return await fetch(url, init);
      } finally {
        inFlight--;
      }
    });
    const results = await collect(listImagesEverywhere(makeClient(emulator, { fetch: log }), { regions: REGIONS, concurrency: 2, imageOwnerAlias: 'system' }));
    assert.equal(results.length, REGIONS.length);
    assert.equal(most, 2);
  });

  test("a region's failure is its own; the others are listed", async () => {
    const log = recordingFetch((url, init, entry) =>
      /cn-beijing/.test(entry.url + entry.body + JSON.stringify(entry.headers)) ? errorResponse(403, 'Forbidden.RAM', 'not allowed here') : fetch(url, init),
    );
    const results = await collect(listImagesEverywhere(makeClient(emulator, { fetch: log }), { regions: REGIONS, imageOwnerAlias: 'self' }));
    const failed = results.filter((r) => 'error' in r);
    assert.deepEqual(failed.map((r) => [r.regionId, r.error.code]), [['cn-beijing', 'Forbidden.RAM']]);
    assert.equal(results.filter((r) => 'images' in r).length, REGIONS.length - 1);
  });

  test('an abort ends the listing with an aborted error', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(collect(listImagesEverywhere(makeClient(emulator), { regions: REGIONS, signal: controller.signal })), { kind: 'aborted' });
  });
});

describe('SharedBackoff', () => {
  test('one call throttled holds back the calls sharing the budget, not the others', async () => {
    let first = true;
    const log = recordingFetch((url, init) => {
      if (first) {
        first = false;
        return errorResponse(400, 'Throttling.User', 'Request was denied due to user flow control.', { 'retry-after': '0.3' });
      }
      return fetch(url, init);
    });
    const client = makeClient(emulator, { fetch: log, retry: { baseDelayMs: 1, throttlingBaseDelayMs: 1, maxDelayMs: 1000 } });
    const backoff = new SharedBackoff();
    const throttled = client.describeImages({ pageSize: 1 }, { backoff });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await Promise.all([client.describeImages({ pageSize: 1 }, { backoff }), throttled]);
    assert.ok(Date.now() - started >= 200, 'the second call was not held back');
    assert.equal(backoff.throttles, 1);
    assert.ok(backoff.heldMs >= 300);
    const alone = Date.now();
    await client.describeImages({ pageSize: 1 });
    assert.ok(Date.now() - alone < 200);
  });
});
