// Retries by what the operation does (issue 10, Scope 2): an ambiguous failure (timeout, network
// error, 5xx, cut-off answer) is retried for reads, creates with a ClientToken, deletes and the
// changes that are safe to send twice; ExportImage (a create without a ClientToken) is never
// resent once it may have reached the service and fails with `outcomeUnknown: true`; a delete whose
// retry answers "not found" after a dropped first answer resolves as success with a note. Then the
// options that govern attempts, checked at construction, and a per-call `deadlineMs`.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  BUCKET,
  DEMO,
  EcsError,
  EcsImageClient,
  OPERATIONS,
  PKG_DIST,
  REGION,
  errorResponse,
  makeClient,
  recordingFetch,
  rejectsEcs,
  startEmulator,
  withFaults,
} from './helpers.mjs';
import { ANY_IMAGE_STATUS } from '../../../tests/support/catalogue.mjs';

const retry = await import(pathToFileURL(join(PKG_DIST, 'retry.js')).href);

/** An emulator whose ExportImage answers are all dropped (`--fault drop=1@ExportImage`; slow enough that the export is still running when checked), and one whose faults the tests switch. */
let dropExport;
let admin;
before(async () => {
  [dropExport, admin] = await Promise.all([
    startEmulator(['--speed', '20', '--fault', 'drop=1@ExportImage']),
    startEmulator(['--speed', '5000', '--admin']),
  ]);
});
after(() => Promise.all([dropExport?.stop(), admin?.stop()]));

/** A new custom image of the demo account, waited for until Available. */
async function customImage(client, snapshot = 's-hangzhou-sys1') {
  const { imageId } = await client.createImage({ snapshotId: snapshot });
  await client.waitForImageAvailable({ imageId }, { minDelayMs: 20, maxDelayMs: 50, maxWaitMs: 30_000 });
  return imageId;
}

describe('which operations are resent after an attempt that may have reached the service', () => {
  test('every operation but ExportImage: reads, creates with a ClientToken, deletes, the changes the catalogue marks resend', () => {
    const notResent = OPERATIONS.filter((op) => !retry.resendable(op)).map((op) => op.name);
    assert.deepEqual(notResent, ['ExportImage']);
    for (const op of OPERATIONS.filter((o) => o.kind === 'change')) assert.equal(op.resend, true, `${op.name} is not marked resend`);
  });

  test('a change or a create without a token that is not listed is not resent (the safe default)', () => {
    assert.equal(retry.resendable({ kind: 'change', idempotent: false, resend: false }), false);
    assert.equal(retry.resendable({ kind: 'create', idempotent: false, resend: false }), false);
    assert.equal(retry.resendable({ kind: 'create', idempotent: true, resend: false }), true);
  });

  test('ambiguous failures: no answer, an unreadable one, a 5xx; not a throttling or another 4xx', () => {
    for (const kind of ['timeout', 'network', 'decode']) assert.equal(retry.mayHaveTakenEffect({ kind }), true, kind);
    assert.equal(retry.mayHaveTakenEffect({ kind: 'api', httpStatus: 500, throttling: false }), true);
    assert.equal(retry.mayHaveTakenEffect({ kind: 'api', httpStatus: 503, throttling: false }), true);
    assert.equal(retry.mayHaveTakenEffect({ kind: 'api', httpStatus: 503, throttling: true }), false);
    assert.equal(retry.mayHaveTakenEffect({ kind: 'api', httpStatus: 400, throttling: true }), false);
    assert.equal(retry.mayHaveTakenEffect({ kind: 'api', httpStatus: 404, throttling: false }), false);
    assert.equal(retry.mayHaveTakenEffect({ kind: 'validation' }), false);
  });

  test('the "already done" codes are NotFound errors of the deletes and cancels (the build checks they are documented)', () => {
    for (const op of OPERATIONS.filter((o) => o.gone.length > 0)) {
      assert.ok(op.kind === 'delete' || op.name.startsWith('Cancel'), op.name);
      for (const code of op.gone) assert.match(code, /NotFound$/);
    }
    for (const op of OPERATIONS.filter((o) => o.kind === 'delete')) assert.ok(op.gone.length > 0, `${op.name} has no codes`);
  });
});

describe('ExportImage is never sent twice (--fault drop=1@ExportImage)', () => {
  test('the dropped answer ends the call with outcomeUnknown, after one request; exactly one export task runs', async () => {
    const client = makeClient(dropExport);
    const imageId = await customImage(client);
    const log = recordingFetch();
    const error = await rejectsEcs(makeClient(dropExport, { fetch: log }).exportImage({ imageId, OSSBucket: BUCKET }), {
      kind: 'network',
      operation: 'ExportImage',
      attempts: 1,
      outcomeUnknown: true,
    });
    assert.equal(log.calls.length, 1, 'ExportImage was resent');
    assert.ok(error.cause);
    // The one export runs: the image cannot be deleted meanwhile (the service's ImageIsExporting).
    await rejectsEcs(client.deleteImage({ imageId }), { kind: 'api', code: 'ImageIsExporting' });
  });
});

describe('against switched faults (admin endpoint)', () => {
  const firstOnly = (rules, fn) => withFaults(admin, rules, fn, { once: true });
  const always = (rules, fn) => withFaults(admin, rules, fn);

  test('a DeleteImage whose answer is dropped and retried resolves as success, with a note', async () => {
    const client = makeClient(admin);
    const imageId = await customImage(client);
    const res = await firstOnly([{ action: 'DeleteImage', drop: 1 }], async (log) => {
      const res = await makeClient(admin, { fetch: log }).deleteImage({ imageId });
      assert.equal(log.calls.length, 2);
      return res;
    });
    assert.match(res.note, /^DeleteImage: an earlier attempt got no answer and the retry was answered InvalidImageId\.NotFound/);
    assert.match(res.requestId, /^[0-9A-F-]{36}$/);
    const left = await client.describeImages({ imageId, status: ANY_IMAGE_STATUS });
    assert.equal(left.images.length, 0);
  });

  test('a DeleteImage of an image that never existed still fails: not found without an earlier ambiguous attempt', async () => {
    const error = await rejectsEcs(makeClient(admin).deleteImage({ imageId: 'm-doesnotexist00000001' }), { kind: 'api', code: 'InvalidImageId.NotFound' });
    assert.equal(error.outcomeUnknown, false);
  });

  test('a successful delete carries no note', async () => {
    const client = makeClient(admin);
    const imageId = await customImage(client);
    const res = await client.deleteImage({ imageId });
    assert.equal(res.note, undefined);
  });

  test('ModifyImageAttribute (sets values: safe to send twice) is retried after a dropped answer', async () => {
    const client = makeClient(admin);
    const imageId = await customImage(client);
    await firstOnly([{ action: 'ModifyImageAttribute', drop: 1 }], async (log) => {
      const res = await makeClient(admin, { fetch: log }).modifyImageAttribute({ imageId, description: 'twice is fine' });
      assert.equal(res.statusCode, 200);
      assert.equal(log.calls.length, 2);
    });
    const { images } = await client.describeImages({ imageId });
    assert.equal(images[0].description, 'twice is fine');
  });

  test('ExportImage after a 500 is not resent either (the service may have started the task)', async () => {
    await always([{ action: 'ExportImage', internalError: 1 }], async (log) => {
      await rejectsEcs(makeClient(admin, { fetch: log }).exportImage({ imageId: 'm-doesnotexist00000001', OSSBucket: BUCKET }), {
        kind: 'api',
        code: 'InternalError',
        attempts: 1,
        outcomeUnknown: true,
      });
      assert.equal(log.calls.length, 1);
    });
  });

  test('ExportImage refused by throttling is retried (the service said it did nothing), outcome known', async () => {
    await always([{ action: 'ExportImage', throttling: 1 }], async (log) => {
      await rejectsEcs(makeClient(admin, { fetch: log }).exportImage({ imageId: 'm-doesnotexist00000001', OSSBucket: BUCKET }), {
        code: 'Throttling.User',
        attempts: 3,
        outcomeUnknown: false,
      });
      assert.equal(log.calls.length, 3);
    });
  });

  test('a create with a ClientToken is retried; when every answer is dropped its outcome is unknown', async () => {
    await always([{ action: 'CreateImage', drop: 1 }], async (log) => {
      await rejectsEcs(makeClient(admin, { fetch: log }).createImage({ snapshotId: 's-hangzhou-sys1' }), { kind: 'network', attempts: 3, outcomeUnknown: true });
      assert.equal(log.calls.length, 3);
      assert.equal(new Set(log.calls.map((c) => c.params.get('ClientToken'))).size, 1);
    });
  });

  test('a read whose answers are all dropped fails with its outcome known (a read changes nothing)', async () => {
    await always([{ action: 'DescribeImages', drop: 1 }], async (log) => {
      await rejectsEcs(makeClient(admin, { fetch: log }).describeImages({}), { kind: 'network', attempts: 3, outcomeUnknown: false });
    });
  });
});

describe('deletes and cancels whose retry answers "not found" (fake service)', () => {
  const base = { regionId: REGION, credentials: DEMO, endpoint: 'http://127.0.0.1:9', retry: { baseDelayMs: 1, throttlingBaseDelayMs: 1, maxDelayMs: 2 } };
  const cases = [
    ['cancelCopyImage', { imageId: 'm-1' }, 'InvalidImageId.NotFound'],
    ['cancelImagePipelineExecution', { executionId: 'exec-1' }, 'InvalidImagePipelineExecution.NotFound'],
    ['cancelImagePipelineExecution', { executionId: 'exec-1' }, 'InvalidImagePipelineExecutionId.NotFound'],
    ['deleteImageComponent', { imageComponentId: 'ic-1' }, 'InvalidImageComponent.NotFound'],
    ['deleteImagePipeline', { imagePipelineId: 'ip-1' }, 'InvalidImagePipeline.NotFound'],
  ];
  for (const [method, request, code] of cases) {
    test(`${method}: a lost first answer, then ${code}: success with a note`, async () => {
      const log = recordingFetch(async (url, init, entry, calls) => {
        if (calls.length === 1) throw new TypeError('fetch failed');
        return errorResponse(404, code, 'gone');
      });
      const res = await new EcsImageClient({ ...base, fetch: log })[method](request);
      assert.equal(log.calls.length, 2);
      assert.match(res.note, new RegExp(`answered ${code.replace(/\./g, '\\.')}`));
    });
  }

  test('after a refusal (throttling), "not found" is the answer: an error', async () => {
    const log = recordingFetch(async (url, init, entry, calls) =>
      calls.length === 1 ? errorResponse(400, 'Throttling.User', 'slow down') : errorResponse(404, 'InvalidImageId.NotFound', 'gone'),
    );
    await rejectsEcs(new EcsImageClient({ ...base, fetch: log }).deleteImage({ imageId: 'm-1' }), { code: 'InvalidImageId.NotFound', attempts: 2, outcomeUnknown: false });
  });

  test('another code after a lost answer is still an error, its outcome unknown', async () => {
    const log = recordingFetch(async (url, init, entry, calls) => {
      if (calls.length === 1) throw new TypeError('fetch failed');
      return errorResponse(403, 'ImageIsCreating', 'busy');
    });
    await rejectsEcs(new EcsImageClient({ ...base, fetch: log }).deleteImage({ imageId: 'm-1' }), { code: 'ImageIsCreating', attempts: 2, outcomeUnknown: true });
  });
});

describe('options that govern attempts', () => {
  const base = { regionId: REGION, credentials: DEMO };
  const refused = (options, name) => {
    assert.throws(
      () => new EcsImageClient({ ...base, ...options }),
      (e) => e instanceof EcsError && e.kind === 'validation' && e.message.includes(name),
      JSON.stringify(options),
    );
  };

  test('maxAttempts: NaN, below 1, not whole, infinite, not a number', () => {
    for (const maxAttempts of [NaN, 0, -1, 1.5, Infinity, '3']) refused({ maxAttempts }, 'maxAttempts');
  });

  test('timeoutMs: NaN, 0, negative, infinite', () => {
    for (const timeoutMs of [NaN, 0, -5, Infinity]) refused({ timeoutMs }, 'timeoutMs');
  });

  test('retry delays: NaN, negative, infinite', () => {
    for (const key of ['baseDelayMs', 'throttlingBaseDelayMs', 'maxDelayMs']) {
      for (const value of [NaN, -1, Infinity]) refused({ retry: { [key]: value } }, `retry.${key}`);
    }
  });

  test('valid values are accepted', () => {
    new EcsImageClient({ ...base, maxAttempts: 1, timeoutMs: 1, retry: { baseDelayMs: 0, throttlingBaseDelayMs: 0, maxDelayMs: 0 } });
  });

  test('a call refuses a timeoutMs or deadlineMs out of range, sending nothing', async () => {
    const log = recordingFetch(() => assert.fail('sent'));
    const client = new EcsImageClient({ ...base, fetch: log });
    for (const options of [{ timeoutMs: NaN }, { deadlineMs: 0 }, { deadlineMs: NaN }, { deadlineMs: -1 }]) {
      const error = await rejectsEcs(client.describeImages({}, options), { kind: 'validation' });
      assert.match(error.message, new RegExp(Object.keys(options)[0]));
    }
    assert.equal(log.calls.length, 0);
  });
});

describe('deadlineMs bounds the whole call', () => {
  const base = { regionId: REGION, credentials: DEMO, endpoint: 'http://127.0.0.1:9' };

  test('an attempt that hangs ends at the deadline, not at timeoutMs', async () => {
    const hang = (url, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    const client = new EcsImageClient({ ...base, fetch: hang, timeoutMs: 20_000 });
    const started = Date.now();
    await rejectsEcs(client.describeImages({}, { deadlineMs: 150 }), { kind: 'timeout', operation: 'DescribeImages' });
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
  });

  test('retries and their waits stop at the deadline', async () => {
    const log = recordingFetch(async () => errorResponse(503, 'ServiceUnavailable', 'busy'));
    const client = new EcsImageClient({ ...base, fetch: log, maxAttempts: 50, retry: { baseDelayMs: 40, maxDelayMs: 80 } });
    const started = Date.now();
    await rejectsEcs(client.describeImages({}, { deadlineMs: 300 }), { kind: 'timeout', outcomeUnknown: false });
    const took = Date.now() - started;
    assert.ok(took < 1_500, `took ${took} ms`);
    assert.ok(log.calls.length >= 2 && log.calls.length < 50, `${log.calls.length} attempts`);
  });

  test('a call that answers in time is not affected', async () => {
    const emulatorClient = makeClient(admin);
    const res = await emulatorClient.describeImages({ pageSize: 1 }, { deadlineMs: 10_000 });
    assert.equal(res.statusCode, 200);
  });
});
