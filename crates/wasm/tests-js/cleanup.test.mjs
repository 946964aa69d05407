// findCleanupCandidates and deleteImages against the emulator's demo seed (crates/emulator/README.md):
// the candidates are exactly the expected set, and the pipeline's base image, the family's newest,
// the in-use image and the shared ones are kept, each with why; the DryRun check deletes nothing
// and says what would fail; the deletion deletes exactly the selected set, never twice, also when
// an answer is lost.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO2_ACCOUNT, makeClient, pkg, recordingFetch, startEmulator, withFaults } from './helpers.mjs';

const { findCleanupCandidates, deleteImages, deletionReportCsv, deletionReportJson } = pkg;

const REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1', 'us-west-1', 'eu-central-1'];

/** Older than 30 days, not in use, not the newest of a family, not a pipeline's base, not shared. */
const EXPECTED = [
  'ap-southeast-1 shop-web-v3',
  'cn-beijing analytics-base',
  'cn-hangzhou build-agent-2025',
  'cn-hangzhou reports-2025',
  'cn-hangzhou shop-web-v1',
  'cn-hangzhou shop-web-v2',
  'cn-hangzhou win2022-iis',
  'cn-shanghai shop-web-v3',
  'us-west-1 shop-web-v2',
];

const key = (i) => `${i.regionId} ${i.imageName}`;

let emulator;
before(async () => {
  emulator = await startEmulator(['--speed', '1000', '--admin']);
});
after(() => emulator?.stop());

/** The demo account's own images, every status, in every region. */
async function ownImages(client) {
  const all = [];
  for (const regionId of REGIONS) {
    const { images } = await client.describeImages({ regionId, imageOwnerAlias: 'self', status: 'ALL', pageSize: 100 });
    all.push(...images.map((i) => `${regionId} ${i.imageName}`));
  }
  return all.sort();
}

describe('findCleanupCandidates', () => {
  test("the seeded account's candidates, each with its reasons and size, and the total", async () => {
    const report = await findCleanupCandidates(makeClient(emulator), { regions: REGIONS, olderThanDays: 30 });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.candidates.map(key).sort(), EXPECTED);
    for (const c of report.candidates) {
      assert.ok(c.ageDays > 30 && c.usage === 'none' && c.sharedWith.length === 0, key(c));
      assert.ok(c.sizeGiB >= 20, `${key(c)}: ${c.sizeGiB} GiB`);
      assert.equal(c.reasons.length, 5);
      assert.match(c.reasons.join(' | '), /^not used by any instance \| made \d+ days ago \(\d{4}-\d\d-\d\d\), more than 30 \| .+ \| not the base image of any image pipeline in \S+ \| not shared with other accounts$/);
    }
    const v1 = report.candidates.find((c) => key(c) === 'cn-hangzhou shop-web-v1');
    assert.equal(v1.reasons[2], 'not the newest image of its family shop-web (shop-web-v3 is)');
    assert.equal(report.totalSizeGiB, report.candidates.reduce((s, c) => s + c.sizeGiB, 0));
  });

  test('the pipeline base image, the family newest, the in-use image and the shared ones are kept, with why', async () => {
    const report = await findCleanupCandidates(makeClient(emulator), { regions: ['cn-hangzhou', 'cn-shanghai'], olderThanDays: 30 });
    const why = (name, region = 'cn-hangzhou') => report.kept.find((k) => key(k) === `${region} ${name}`)?.why.join(' | ');
    assert.match(why('ubuntu-22-hardened'), /^the base image of the image pipeline build-agent \(ip-\w+\)$/);
    assert.match(why('shop-web-v3'), /in use: instances run it/);
    assert.match(why('shop-web-v3'), /the newest image of the family shop-web/);
    assert.match(why('shop-web-arm'), /^the newest image of the family shop-web-arm/);
    assert.equal(why('legacy-api-2025'), `shared with ${DEMO2_ACCOUNT}`);
    assert.match(why('analytics-base', 'cn-shanghai'), /newest image of the family analytics.*shared with/);
    assert.match(why('orders-db'), /^made \d+ days ago, not more than 30$/);
    assert.match(why('shop-web-v4'), /being made \(Creating\)/);
    // With includeShared, the old shared image is a candidate, flagged.
    const flagged = await findCleanupCandidates(makeClient(emulator), { regions: ['cn-hangzhou'], olderThanDays: 30, includeShared: true });
    const legacy = flagged.candidates.find((c) => c.imageName === 'legacy-api-2025');
    assert.match(legacy.flagged, new RegExp(`shared with ${DEMO2_ACCOUNT}: they lose it`));
  });

  test("a region's failure is listed; an abort rejects", async () => {
    const log = recordingFetch((url, init, entry) => (/cn-beijing/.test(JSON.stringify(entry.headers) + entry.url) ? Promise.reject(new TypeError('unreachable')) : fetch(url, init)));
    const report = await findCleanupCandidates(makeClient(emulator, { fetch: log, maxAttempts: 1 }), { regions: ['cn-beijing', 'us-west-1'], olderThanDays: 30 });
    assert.deepEqual(report.errors.map((e) => [e.regionId, e.error.kind]), [['cn-beijing', 'network']]);
    assert.deepEqual(report.candidates.map(key), ['us-west-1 shop-web-v2']);
    await assert.rejects(findCleanupCandidates(makeClient(emulator), { regions: REGIONS, olderThanDays: 30, signal: AbortSignal.abort() }));
  });
});

describe('deleteImages', () => {
  test('the DryRun check deletes nothing and says what would fail', async () => {
    const client = makeClient(emulator);
    const before = await ownImages(client);
    const { candidates, kept } = await findCleanupCandidates(client, { regions: REGIONS, olderThanDays: 30 });
    const shared = kept.find((k) => key(k) === 'cn-hangzhou legacy-api-2025');
    const progress = [];
    const check = await deleteImages(client, [...candidates, shared], { onProgress: (r) => progress.push(r) });
    assert.equal(check.phase, 'check');
    assert.deepEqual(check.items.filter((i) => i.status === 'would-delete').map(key).sort(), EXPECTED);
    const refused = check.items.find((i) => i.imageId === shared.imageId);
    assert.equal(refused.status, 'would-fail');
    assert.equal(refused.reason.code, 'ImageUseShared');
    assert.equal(check.count, EXPECTED.length);
    assert.equal(check.totalSizeGiB, candidates.reduce((s, c) => s + c.sizeGiB, 0));
    assert.ok(progress.length >= candidates.length);
    assert.deepEqual(await ownImages(client), before);
  });

  test('the deletion deletes exactly the selected set, never twice, a lost answer counted as deleted', async () => {
    const client = makeClient(emulator);
    const before = await ownImages(client);
    const { candidates } = await findCleanupCandidates(client, { regions: REGIONS, olderThanDays: 30 });
    const selected = candidates.filter((c) => ['build-agent-2025', 'win2022-iis', 'analytics-base'].includes(c.imageName));
    assert.equal(selected.length, 3);
    // The first DeleteImage is carried out but its answer lost: the client's retry finds it gone.
    const report = await withFaults(emulator, [{ action: 'DeleteImage', drop: 1 }], (log) => deleteImages(makeClient(emulator, { fetch: log }), selected, { confirmed: true, concurrency: 1 }), { once: true });
    assert.equal(report.phase, 'delete');
    assert.deepEqual(report.items.map((i) => i.status), ['deleted', 'deleted', 'deleted']);
    assert.match(report.items[0].note, /earlier attempt most likely did it/);
    assert.equal(report.count, 3);
    const deleted = selected.map(key);
    assert.deepEqual(await ownImages(client), before.filter((i) => !deleted.includes(i)));
    // Given the report again, nothing is asked.
    const log = recordingFetch();
    const again = await deleteImages(makeClient(emulator, { fetch: log }), report.items, { confirmed: true });
    assert.equal(log.calls.length, 0);
    assert.equal(again.count, 3);
    // An item a crashed run had asked for (deleting) and is gone counts as deleted.
    const resumed = await deleteImages(client, [{ ...report.items[1], status: 'deleting' }], { confirmed: true });
    assert.equal(resumed.items[0].status, 'deleted');
    assert.match(resumed.items[0].note, /earlier run asked/);
    // The report as CSV and JSON.
    const csv = deletionReportCsv(report).trimEnd().split('\r\n');
    assert.equal(csv[0], 'regionId,imageId,imageName,sizeGiB,status,reason,note');
    assert.equal(csv.length, 4);
    assert.deepEqual(JSON.parse(deletionReportJson(report)).map((r) => r.imageId), selected.map((s) => s.imageId));
  });
});
