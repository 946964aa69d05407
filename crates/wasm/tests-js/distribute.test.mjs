// distributeImage against the emulator: the plan lists every call; one image to 5 regions and 2
// accounts; the same through throttling and dropped connections, finishing with exactly 5 copies
// and 10 shares; a run stopped half-way and resumed from its saved state; a crashed run resumed
// from the state it last reported (the copies' ClientTokens come from the plan, so no second
// copy); cancel mid-copy (the copies are cancelled, none left Creating). Counts come from
// DescribeImages in each region and DescribeImageSharePermission.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO2_ACCOUNT, EcsError, makeClient, pkg, recordingFetch, startEmulator } from './helpers.mjs';

const { planDistribution, distributeImage, retryDistributionCell, summarizeDistribution, distributionSummaryCsv, distributionSummaryJson } = pkg;

const SOURCE_REGION = 'cn-hangzhou';
// Not eu-central-1: the demo seed's copies into it take minutes, and an account's copies into a
// region wait for one another.
const DESTINATIONS = ['cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong', 'us-west-1'];
const ACCOUNTS = [DEMO2_ACCOUNT, '1000000000000003'];
const FAST_WAIT = { minDelayMs: 20, maxDelayMs: 100, maxWaitMs: 120_000 };

/** A new Available image of the demo account in cn-hangzhou, to distribute. */
async function golden(client, name) {
  const { imageId } = await client.createImage({ regionId: SOURCE_REGION, snapshotId: 's-hangzhou-sys1', imageName: name });
  await client.waitForImageAvailable({ regionId: SOURCE_REGION, imageId }, FAST_WAIT);
  return imageId;
}

function plan(imageId, name, extra = {}) {
  return planDistribution({
    sourceRegionId: SOURCE_REGION,
    imageId,
    destinations: DESTINATIONS.map((regionId) => ({ regionId, imageName: name, description: `${name}, distributed` })),
    shareWith: ACCOUNTS,
    ...extra,
  });
}

/** Per destination: the demo account's images named `name` (every status), and each one's share accounts. */
async function census(client, name) {
  const out = {};
  for (const regionId of DESTINATIONS) {
    const { images } = await client.describeImages({ regionId, imageOwnerAlias: 'self', status: 'ALL', imageName: name, pageSize: 100 });
    const mine = images.filter((i) => i.imageName === name);
    out[regionId] = await Promise.all(
      mine.map(async (i) => {
        const shares = await client.describeImageSharePermission({ regionId, imageId: i.imageId, pageSize: 100 });
        return { imageId: i.imageId, status: i.status, family: i.imageFamily, shared: shares.accounts.map((a) => a.aliyunId).sort() };
      }),
    );
  }
  return out;
}

/** Exactly one Available copy per destination, shared with both accounts, and the state agrees. */
function assertDistributed(found, state) {
  assert.equal(state.status, 'done', JSON.stringify(summarizeDistribution(state)));
  for (const regionId of DESTINATIONS) {
    assert.equal(found[regionId].length, 1, `${regionId}: ${JSON.stringify(found[regionId])}`);
    const [copy] = found[regionId];
    assert.deepEqual([copy.status, copy.shared], ['Available', [...ACCOUNTS].sort()], regionId);
    assert.equal(state.regions.find((r) => r.regionId === regionId).imageId, copy.imageId);
  }
  const copies = Object.values(found).flat();
  assert.equal(copies.length, 5);
  assert.equal(copies.reduce((n, c) => n + c.shared.length, 0), 10);
}

let emulator;
let faulty;
before(async () => {
  [emulator, faulty] = await Promise.all([
    startEmulator(['--speed', '10']),
    startEmulator(['--speed', '200', '--seed', '7', '--fault', 'throttling=0.3', '--fault', 'drop=0.1']),
  ]);
});
after(() => Promise.all([emulator?.stop(), faulty?.stop()]));

describe('planDistribution', () => {
  test('lists every call, in order, with a ClientToken derived from the plan', () => {
    const p = plan('m-golden', 'golden', { family: 'golden' });
    assert.equal(p.calls.length, 5 * (1 + 1 + 2 + 1));
    assert.deepEqual(
      p.calls.filter((c) => c.regionId === 'cn-shanghai').map((c) => [c.step, c.action]),
      [['copy', 'CopyImage'], ['wait', 'DescribeImages'], [`share:${ACCOUNTS[0]}`, 'ModifyImageSharePermission'], [`share:${ACCOUNTS[1]}`, 'ModifyImageSharePermission'], ['family', 'ModifyImageAttribute']],
    );
    const copy = p.calls[0].request;
    assert.deepEqual({ ...copy, clientToken: undefined }, { regionId: SOURCE_REGION, imageId: 'm-golden', destinationRegionId: 'cn-shanghai', destinationImageName: 'golden', destinationDescription: 'golden, distributed', clientToken: undefined });
    assert.match(copy.clientToken, /^ecsimg-[0-9a-f]{16}-cn-shanghai$/);
    // The same request is the same plan (and tokens); another is another.
    assert.deepEqual(plan('m-golden', 'golden', { family: 'golden' }), p);
    assert.notEqual(plan('m-other', 'golden').calls[0].request.clientToken, copy.clientToken);
    assert.deepEqual(JSON.parse(JSON.stringify(p)), p);
  });

  test('refuses no destination, a region twice, an account twice', () => {
    const base = { sourceRegionId: SOURCE_REGION, imageId: 'm-1' };
    assert.throws(() => planDistribution({ ...base, destinations: [] }), { kind: 'validation', message: /at least one region/ });
    assert.throws(() => planDistribution({ ...base, destinations: [{ regionId: 'cn-beijing' }, { regionId: 'cn-beijing' }] }), /cn-beijing twice/);
    assert.throws(() => planDistribution({ ...base, destinations: [{ regionId: 'cn-beijing' }], shareWith: ['1', '1'] }), /1 twice/);
  });
});

describe('distributeImage', () => {
  test('one image to 5 regions and 2 accounts, with progress and a summary', async () => {
    const client = makeClient(emulator);
    const imageId = await golden(client, 'golden-a');
    const states = [];
    const state = await distributeImage(client, plan(imageId, 'golden-a', { family: 'golden' }), { onProgress: (s) => states.push(s), wait: FAST_WAIT });
    const found = await census(client, 'golden-a');
    assertDistributed(found, state);
    assert.ok(Object.values(found).flat().every((c) => c.family === 'golden'));
    // Progress: serialisable, reported after every change, with percentages on the way.
    assert.ok(states.length > 5 * 5 * 2);
    for (const s of states) assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
    const waits = states.flatMap((s) => s.regions.map((r) => r.cells.find((c) => c.step === 'wait').percent));
    assert.ok(waits.some((p) => p > 0 && p < 100), 'no percentage on the way');
    assert.ok(state.calls >= 5 * 5);
    // The summary: per region the new image and who it is shared with.
    const rows = summarizeDistribution(state);
    assert.deepEqual(rows.map((r) => [r.regionId, r.imageId, r.status, r.sharedWith, r.family]), DESTINATIONS.map((regionId) => [regionId, found[regionId][0].imageId, 'done', ACCOUNTS, 'golden']));
    const csv = distributionSummaryCsv(state).trimEnd().split('\r\n');
    assert.equal(csv[0], 'regionId,imageId,status,sharedWith,family,failures');
    assert.equal(csv.length, 6);
    assert.match(csv[1], new RegExp(`^cn-shanghai,${found['cn-shanghai'][0].imageId},done,${ACCOUNTS.join(' ')},golden,$`));
    assert.deepEqual(JSON.parse(distributionSummaryJson(state)), rows);
    // Running the finished state again makes no call.
    const again = await distributeImage(client, state, { wait: FAST_WAIT });
    assert.equal(again.calls, state.calls);
  });

  test('through throttling (30 %) and dropped connections (10 %): exactly 5 copies and 10 shares', async () => {
    const client = makeClient(faulty, { maxAttempts: 10 });
    const imageId = await golden(client, 'golden-f');
    let state = await distributeImage(client, plan(imageId, 'golden-f'), { wait: FAST_WAIT });
    // A cell whose every attempt failed is retried alone, as a caller would.
    for (let round = 0; round < 3 && state.status === 'failed'; round++) {
      for (const region of state.regions) for (const cell of region.cells) if (cell.status === 'failed') state = retryDistributionCell(state, region.regionId, cell.step);
      state = await distributeImage(client, state, { wait: FAST_WAIT });
    }
    assertDistributed(await census(client, 'golden-f'), state);
  });

  test('stopped half-way, then resumed from the saved state: no duplicate', async () => {
    const client = makeClient(emulator);
    const imageId = await golden(client, 'golden-r');
    const controller = new AbortController();
    let saved;
    const onProgress = (s) => {
      saved = JSON.stringify(s);
      const copied = s.regions.filter((r) => r.cells.find((c) => c.step === 'copy').status === 'done').length;
      if (copied >= 3) controller.abort();
    };
    const stopped = await distributeImage(client, plan(imageId, 'golden-r'), { onProgress, signal: controller.signal, concurrency: 3, wait: FAST_WAIT });
    assert.equal(stopped.status, 'cancelled');
    assert.equal(JSON.parse(saved).status, 'cancelled');
    const state = await distributeImage(client, JSON.parse(saved), { wait: FAST_WAIT });
    assertDistributed(await census(client, 'golden-r'), state);
  });

  test('a crashed run resumed from the last state it reported: the same copies, no second one', async () => {
    const client = makeClient(emulator);
    const imageId = await golden(client, 'golden-c');
    // The "crash": once every copy was asked for, the network is gone for good.
    let saved;
    let down = false;
    const log = recordingFetch((url, init) => (down ? Promise.reject(new TypeError('network down')) : fetch(url, init)));
    const onProgress = (s) => {
      if (down) return;
      saved = JSON.stringify(s);
      if (s.regions.every((r) => r.imageId)) down = true;
    };
    const crashed = await distributeImage(makeClient(emulator, { fetch: log, maxAttempts: 1 }), plan(imageId, 'golden-c'), { onProgress, wait: FAST_WAIT });
    assert.equal(crashed.status, 'failed');
    const resumed = JSON.parse(saved);
    const first = Object.fromEntries(resumed.regions.map((r) => [r.regionId, r.imageId]));
    // Forget the IDs too, as if the answers had been lost: the plan's ClientTokens bring them back.
    for (const region of resumed.regions) {
      delete region.imageId;
      region.cells.find((c) => c.step === 'copy').status = 'running';
    }
    const state = await distributeImage(client, resumed, { wait: FAST_WAIT });
    assertDistributed(await census(client, 'golden-c'), state);
    assert.deepEqual(Object.fromEntries(state.regions.map((r) => [r.regionId, r.imageId])), first);
  });

  test('cancel mid-copy: the copies in flight are cancelled, none is left Creating, and the state says so', async () => {
    const client = makeClient(emulator);
    const imageId = await golden(client, 'golden-x');
    const controller = new AbortController();
    const onProgress = (s) => {
      if (s.regions.every((r) => r.imageId)) controller.abort();
    };
    const state = await distributeImage(client, plan(imageId, 'golden-x'), { onProgress, signal: controller.signal, concurrency: 5, wait: FAST_WAIT });
    assert.equal(state.status, 'cancelled');
    for (const region of state.regions) {
      const copy = region.cells.find((c) => c.step === 'copy');
      assert.equal(copy.status, 'cancelled', region.regionId);
      assert.match(copy.note, /was cancelled \(CancelCopyImage\)/);
      assert.equal(region.imageId, undefined);
      assert.equal(region.cancelledCopies, 1);
    }
    const found = await census(client, 'golden-x');
    assert.deepEqual(Object.values(found).flat(), []);
    // Resumed, it copies again under new ClientTokens and finishes.
    const resumed = await distributeImage(client, state, { wait: FAST_WAIT });
    assertDistributed(await census(client, 'golden-x'), resumed);
  });

  test('a failed cell fails alone, with the reason', async () => {
    const client = makeClient(emulator);
    const imageId = await golden(client, 'golden-e');
    const p = planDistribution({ sourceRegionId: SOURCE_REGION, imageId, destinations: [{ regionId: 'cn-shanghai', imageName: 'golden-e' }], shareWith: [DEMO2_ACCOUNT, '1000000000000001'] });
    const state = await distributeImage(client, p, { wait: FAST_WAIT });
    assert.equal(state.status, 'failed');
    const cells = Object.fromEntries(state.regions[0].cells.map((c) => [c.step, c]));
    assert.equal(cells[`share:${DEMO2_ACCOUNT}`].status, 'done');
    // Sharing with oneself is refused: that cell alone fails, with the service's code.
    assert.equal(cells['share:1000000000000001'].status, 'failed');
    assert.equal(cells['share:1000000000000001'].error.code, 'InvalidAccount.Forbbiden');
    assert.throws(() => retryDistributionCell(state, 'cn-shanghai', 'copy'), EcsError);
    assert.equal(retryDistributionCell(state, 'cn-shanghai', 'share:1000000000000001').regions[0].cells[3].status, 'pending');
  });
});
