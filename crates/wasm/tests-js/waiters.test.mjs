// Waiters against the emulator's lifecycles (at --speed 200: a CreateImage takes 100 ms, a copy
// 150 ms, an import 200 ms, a pipeline execution 175 ms; a second emulator at --speed 40 for the
// progress reports and the cancel, whose windows must not race a busy machine): the image
// available (with growing progress), copied, imported and deleted; the execution SUCCESS; failure
// states as kind `waiter`; maxWaitMs as kind `timeout`; abort as kind `aborted`.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BROKEN_SNAPSHOT,
  BUCKET,
  INSTANCE,
  OTHER_REGION,
  PUBLIC_IMAGE,
  QCOW2_OBJECT,
  REGION,
  makeClient,
  recordSleeps,
  rejectsEcs,
  startEmulator,
} from './helpers.mjs';

const FAST = { minDelayMs: 2, maxDelayMs: 8, maxWaitMs: 5_000 };
const EXECUTION_ORDER = ['PREPARING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'RELEASING', 'SUCCESS'];

let emulator;
let slowEmulator;
let client;
let slow;
before(async () => {
  [emulator, slowEmulator] = await Promise.all([startEmulator(['--speed', '200']), startEmulator(['--speed', '40'])]);
  client = makeClient(emulator);
  slow = makeClient(slowEmulator);
  // Loads the wasm core before any timing matters.
  await Promise.all([client.describeImages({ pageSize: 1 }), slow.describeImages({ pageSize: 1 })]);
});
after(() => Promise.all([emulator?.stop(), slowEmulator?.stop()]));

/** Every onProgress report of a wait. */
function progressLog() {
  const seen = [];
  return { seen, onProgress: (p) => seen.push(p) };
}

function assertNonDecreasing(values, what) {
  for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1], `${what} went down: ${values.join(' ')}`);
}

async function pipeline(buildContent, api = client) {
  const { imagePipelineId } = await api.createImagePipeline({ baseImageType: 'IMAGE', baseImage: PUBLIC_IMAGE, buildContent });
  const { executionId } = await api.startImagePipelineExecution({ imagePipelineId });
  return executionId;
}

describe('images', () => {
  let imageId;

  test('waitForImageAvailable: progress grows to 100, the image is returned', async () => {
    // 500 ms of Creating on the slow emulator, polled every 10 to 20 ms.
    const created = await slow.createImage({ instanceId: INSTANCE, imageName: 'wait-available' });
    const { seen, onProgress } = progressLog();
    const image = await slow.waitForImageAvailable({ imageId: created.imageId }, { minDelayMs: 10, maxDelayMs: 20, maxWaitMs: 5_000, onProgress });
    assert.equal(image.imageId, created.imageId);
    assert.equal(image.status, 'Available');
    assert.equal(image.imageName, 'wait-available');
    const percents = seen.map((p) => p.percent);
    assertNonDecreasing(percents, 'percent');
    assertNonDecreasing(seen.map((p) => p.elapsedMs), 'elapsedMs');
    assert.ok(new Set(percents.filter((p) => p > 0 && p < 100)).size >= 3, `no progress in between: ${percents.join(' ')}`);
    assert.equal(seen[0].status, 'Creating');
    assert.deepEqual([seen.at(-1).status, seen.at(-1).percent], ['Available', 100]);
    assert.ok(seen.every((p) => ['Creating', 'Available'].includes(p.status)), seen.map((p) => p.status).join(' '));
    // The image the next tests copy and delete.
    imageId = (await client.createImage({ instanceId: INSTANCE, imageName: 'wait-source' })).imageId;
    assert.equal((await client.waitForImageAvailable({ imageId }, FAST)).status, 'Available');
  });

  test('waitForImageCopied: the copy, in its destination region', async () => {
    const copy = await client.copyImage({ imageId, destinationRegionId: OTHER_REGION, destinationImageName: 'wait-copied' });
    const { seen, onProgress } = progressLog();
    const image = await client.waitForImageCopied({ regionId: OTHER_REGION, imageId: copy.imageId }, { ...FAST, onProgress });
    assert.equal(image.imageId, copy.imageId);
    assert.equal(image.status, 'Available');
    assert.equal(image.isCopied, true);
    assert.equal(image.imageName, 'wait-copied');
    assert.ok(seen.length >= 2);
    assertNonDecreasing(seen.map((p) => p.percent), 'percent');
    assert.equal(seen.at(-1).percent, 100);
    // Looked for in the source region, the copy does not exist.
    await rejectsEcs(client.waitForImageCopied({ regionId: REGION, imageId: copy.imageId }, { ...FAST, maxWaitMs: 20 }), { kind: 'timeout', code: 'NotFound' });
  });

  test('waitForImageImported', async () => {
    const imported = await client.importImage({
      imageName: 'wait-imported',
      diskDeviceMapping: [{ OSSBucket: BUCKET, OSSObject: QCOW2_OBJECT, format: 'QCOW2' }],
    });
    const { seen, onProgress } = progressLog();
    const image = await client.waitForImageImported({ imageId: imported.imageId }, { ...FAST, onProgress });
    assert.equal(image.status, 'Available');
    assert.equal(image.diskDeviceMappings[0].importOSSObject, QCOW2_OBJECT);
    assert.ok(seen.length >= 2);
    assertNonDecreasing(seen.map((p) => p.percent), 'percent');
  });

  test('waitForImageDeleted: resolves once the image is gone', async () => {
    const { seen, onProgress } = progressLog();
    const waiting = client.waitForImageDeleted({ imageId }, { ...FAST, onProgress });
    await new Promise((r) => setTimeout(r, 20));
    await client.deleteImage({ imageId, force: true });
    assert.equal(await waiting, undefined);
    assert.equal(seen[0].status, 'Available');
    assert.deepEqual([seen.at(-1).status, seen.at(-1).percent], ['NotFound', 100]);
    assert.equal((await client.describeImages({ imageId, status: 'ALL' })).totalCount, 0);
  });

  test('CreateFailed (an image from s-hangzhou-broken1) is a waiter error', async () => {
    const { imageId: broken } = await client.createImage({ snapshotId: BROKEN_SNAPSHOT, imageName: 'wait-broken' });
    const error = await rejectsEcs(client.waitForImageAvailable({ imageId: broken }, FAST), {
      kind: 'waiter',
      code: 'CreateFailed',
      message: 'waitForImageAvailable: reached CreateFailed',
      retryable: false,
    });
    assert.equal(error.httpStatus, undefined);
  });

  test('maxWaitMs exceeded is a timeout naming the last status', async () => {
    const { imageId: pending } = await slow.createImage({ instanceId: INSTANCE, imageName: 'wait-timeout' });
    const started = Date.now();
    const error = await rejectsEcs(slow.waitForImageAvailable({ imageId: pending }, { minDelayMs: 5, maxWaitMs: 25 }), {
      kind: 'timeout',
      code: 'Creating',
      message: 'waitForImageAvailable: still Creating after 25 ms',
    });
    assert.ok(Date.now() - started >= 25);
    assert.ok(error instanceof Error);
  });

  test('the delay between polls starts at minDelayMs and grows by half up to maxDelayMs', async () => {
    const { seen, onProgress } = progressLog();
    const { sleeps } = await recordSleeps(() =>
      rejectsEcs(client.waitForImageAvailable({ imageId: 'm-neverexisted' }, { minDelayMs: 10, maxDelayMs: 30, maxWaitMs: 200, onProgress }), {
        kind: 'timeout',
        code: 'NotFound',
        message: 'waitForImageAvailable: still NotFound after 200 ms',
      }),
    );
    // 10, 15, 23 (ceil 22.5), then capped at 30; the last sleep is what is left of maxWaitMs.
    assert.deepEqual(sleeps.slice(0, 4), [10, 15, 23, 30]);
    assert.ok(sleeps.slice(4, -1).every((ms) => ms === 30), sleeps.join(' '));
    assert.ok(sleeps.at(-1) <= 30);
    assert.equal(seen.length, sleeps.length + 1);
    assert.ok(seen.at(-1).elapsedMs >= 200, `gave up at ${seen.at(-1).elapsedMs} ms`);
  });

  test('the default first delay is 2 s', async () => {
    const controller = new AbortController();
    // Abort as soon as the first poll is reported, which is just before the first sleep.
    const onProgress = () => setTimeout(() => controller.abort(), 5);
    const { sleeps } = await recordSleeps(() =>
      rejectsEcs(client.waitForImageAvailable({ imageId: 'm-neverexisted' }, { abortSignal: controller.signal, onProgress }), { kind: 'aborted' }),
    );
    assert.deepEqual(sleeps, [2_000]);
  });

  test('abortSignal stops a wait', async () => {
    const { imageId: pending } = await slow.createImage({ instanceId: INSTANCE, imageName: 'wait-aborted' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 15);
    const started = Date.now();
    await rejectsEcs(slow.waitForImageAvailable({ imageId: pending }, { minDelayMs: 5, maxDelayMs: 5, abortSignal: controller.signal }), {
      kind: 'aborted',
    });
    assert.ok(Date.now() - started < 400);
  });
});

describe('pipeline executions', () => {
  test('waitForPipelineExecution: SUCCESS through the stages in order', async () => {
    const executionId = await pipeline('RUN echo built');
    const { seen, onProgress } = progressLog();
    const execution = await client.waitForPipelineExecution({ executionId }, { ...FAST, onProgress });
    assert.equal(execution.executionId, executionId);
    assert.equal(execution.status, 'SUCCESS');
    assert.match(execution.imageId, /^m-/);
    const statuses = [...new Set(seen.map((p) => p.status))];
    const positions = statuses.map((s) => EXECUTION_ORDER.indexOf(s));
    assert.ok(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1])), statuses.join(' → '));
    assert.ok(statuses.length >= 3, statuses.join(' → '));
    assertNonDecreasing(seen.map((p) => p.percent), 'percent');
    assert.equal(seen.at(-1).percent, 100);
    // The output image is there.
    const image = await client.waitForImageAvailable({ imageId: execution.imageId }, FAST);
    assert.equal(image.status, 'Available');
  });

  test('FAILED (a build step `RUN exit 1`) is a waiter error', async () => {
    const executionId = await pipeline('RUN exit 1');
    await rejectsEcs(client.waitForPipelineExecution({ executionId }, FAST), {
      kind: 'waiter',
      code: 'FAILED',
      message: 'waitForPipelineExecution: reached FAILED',
    });
    const { imagePipelineExecution } = await client.describeImagePipelineExecutions({ executionId });
    assert.equal(imagePipelineExecution[0].errorCode, 'BuildCommandFailed');
  });

  test('CANCELLED is a waiter error', async () => {
    // On the slow emulator the execution is cancellable (PREPARING, BUILDING) for 375 ms.
    const executionId = await pipeline('RUN echo never finishes', slow);
    await slow.cancelImagePipelineExecution({ executionId });
    const { seen, onProgress } = progressLog();
    await rejectsEcs(slow.waitForPipelineExecution({ executionId }, { ...FAST, onProgress }), { kind: 'waiter', code: 'CANCELLED' });
    assert.ok(['CANCELLING', 'CANCELLED'].includes(seen[0].status), seen[0].status);
  });

  test('maxWaitMs and abort', async () => {
    const executionId = await pipeline('RUN echo slow', slow);
    await rejectsEcs(slow.waitForPipelineExecution({ executionId }, { minDelayMs: 5, maxWaitMs: 15 }), { kind: 'timeout' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await rejectsEcs(slow.waitForPipelineExecution({ executionId }, { minDelayMs: 5, maxDelayMs: 5, abortSignal: controller.signal }), { kind: 'aborted' });
  });
});
