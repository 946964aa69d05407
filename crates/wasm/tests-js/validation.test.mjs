// Validation before anything is signed or sent: every problem of a request in one EcsError, the
// exact messages, unknown fields refused (also when lenient), and lenient strictness sending a value
// that breaks a documented limit, which the emulator then refuses with its own code.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EcsImageClient, INSTANCE, REGION, makeClient, recordingFetch, rejectsEcs, startEmulator } from './helpers.mjs';

let emulator;
before(async () => {
  emulator = await startEmulator(['--speed', '2000']);
});
after(() => emulator?.stop());

/** A request to CreateImage that breaks five rules at once. */
const BROKEN = {
  instanceId: INSTANCE,
  imageName: 'x',
  description: 'http://example.com',
  architecture: 'mips',
  tag: [{ key: 'aliyun-owned', value: 'v' }],
};
const BROKEN_MESSAGES = [
  'CreateImage.architecture: must be one of "i386", "x86_64", "arm64", got "mips"',
  'CreateImage.description: must not start with "http://", got "http://example.com"',
  'CreateImage.imageName: must be 2 to 128 characters, got 1',
  'CreateImage.tag[0].key: must not start with "aliyun", got "aliyun-owned"',
];

describe('strict validation (the default)', () => {
  for (const mode of ['v3', 'v1']) {
    test(`a request breaking several rules: one validation error listing them all, nothing sent (${mode})`, async () => {
      const log = recordingFetch();
      const client = makeClient(emulator, { fetch: log, signatureVersion: mode });
      const error = await rejectsEcs(client.createImage(BROKEN), { kind: 'validation', operation: 'CreateImage', retryable: false });
      assert.deepEqual(error.problems.map((p) => p.message), BROKEN_MESSAGES);
      assert.equal(error.message, BROKEN_MESSAGES.join('\n'));
      assert.deepEqual(
        error.problems.map(({ path, wirePath, kind }) => ({ path, wirePath, kind })),
        [
          { path: 'architecture', wirePath: 'Architecture', kind: 'enum' },
          { path: 'description', wirePath: 'Description', kind: 'format' },
          { path: 'imageName', wirePath: 'ImageName', kind: 'length' },
          { path: 'tag[0].key', wirePath: 'Tag.1.Key', kind: 'format' },
        ],
      );
      assert.equal(error.httpStatus, undefined);
      assert.equal(log.calls.length, 0, 'a request was sent');
    });
  }

  test('unknown fields, wrong types and cross-parameter rules, all at once', async () => {
    const log = recordingFetch();
    const client = makeClient(emulator, { fetch: log });
    const error = await rejectsEcs(client.createImage({ imageNme: 'misspelt', tag: 'not-a-list' }), { kind: 'validation' });
    assert.deepEqual(
      error.problems.map((p) => [p.kind, p.path, p.message]),
      [
        ['unknown', 'imageNme', 'CreateImage.imageNme: is not a known parameter (did you mean imageName?)'],
        ['type', 'tag', 'CreateImage.tag: must be an array, got string "not-a-list"'],
        ['required', '', 'CreateImage: one of instanceId, diskDeviceMapping, snapshotId is required'],
      ],
    );
    assert.equal(log.calls.length, 0);
  });

  test('an unknown nested field and a list too long', async () => {
    const log = recordingFetch();
    const client = makeClient(emulator, { fetch: log });
    const tags = Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const error = await rejectsEcs(client.createImage({ instanceId: INSTANCE, tag: [{ key: 'a', valu: 'b' }, ...tags] }), { kind: 'validation' });
    assert.deepEqual(
      error.problems.map((p) => [p.kind, p.path, p.wirePath, p.message]).sort(),
      [
        ['items', 'tag', 'Tag', 'CreateImage.tag: must have at most 20 items, got 22'],
        ['unknown', 'tag[0].valu', 'Tag.1.valu', 'CreateImage.tag[0].valu: is not a known parameter (did you mean tag[0].value?)'],
      ],
    );
    assert.equal(log.calls.length, 0);
  });

  test('the wire spelling (ImageName) is not the SDK spelling (imageName): unknown', async () => {
    const client = makeClient(emulator, { fetch: recordingFetch() });
    const error = await rejectsEcs(client.describeImages({ PageSize: 5 }), { kind: 'validation' });
    assert.deepEqual(error.problems.map((p) => p.message), ['DescribeImages.PageSize: is not a known parameter (did you mean pageSize?)']);
  });

  test('an unknown operation', async () => {
    const client = makeClient(emulator, { fetch: recordingFetch() });
    const error = await rejectsEcs(client.call('RunInstances', {}), { kind: 'validation' });
    assert.match(error.message, /"RunInstances" is not an operation/);
  });

  test('validate() lists the same problems and sends nothing; [] for a valid request', async () => {
    const log = recordingFetch();
    const client = makeClient(emulator, { fetch: log });
    const problems = await client.validate('CreateImage', BROKEN);
    assert.deepEqual(problems.map((p) => p.message), BROKEN_MESSAGES);
    assert.deepEqual(await client.validate('createImage', { instanceId: INSTANCE, imageName: 'fine-name' }), []);
    assert.equal(log.calls.length, 0);
  });

  test('a region that does not look like one is refused; the client region fills in a missing one', async () => {
    const log = recordingFetch();
    const client = makeClient(emulator, { fetch: log });
    await rejectsEcs(client.describeImages({ regionId: 'not a region!' }), { kind: 'validation' });
    assert.equal(log.calls.length, 0);
    const res = await client.describeImages({ pageSize: 1 });
    assert.equal(res.regionId, REGION);
    assert.equal(log.calls[0].params.get('RegionId'), REGION);
  });

  test('regionId: undefined is a region not given: the client region fills it in', async () => {
    const log = recordingFetch();
    const client = makeClient(emulator, { fetch: log });
    const region = undefined;
    assert.equal((await client.describeImages({ regionId: region, pageSize: 1 })).regionId, REGION);
    assert.deepEqual(await client.validate('DescribeImages', { regionId: region }), []);
    assert.ok((await client.presign('DescribeImages', { regionId: region })).params.some(([k, v]) => k === 'RegionId' && v === REGION));
    const image = await client.waitForImageAvailable({ imageId: 'aliyun_3_x64_20G_alibase_20250915.vhd', regionId: region }, { minDelayMs: 1 });
    assert.equal(image.status, 'Available');
    assert.ok(log.calls.every((c) => c.params.get('RegionId') === REGION));
  });

  test('options are checked when the client is made', () => {
    assert.throws(() => new EcsImageClient({ credentials: { accessKeyId: 'a', accessKeySecret: 'b' } }), { kind: 'validation' });
    assert.throws(() => new EcsImageClient({ regionId: REGION }), { kind: 'validation' });
  });
});

describe("strictness: 'lenient'", () => {
  test('a value breaking a documented limit is sent, and the emulator answers its own code', async () => {
    const log = recordingFetch();
    const client = makeClient(emulator, { fetch: log, strictness: 'lenient' });
    // ImageName has 2 to 128 characters: the service refuses a 1-character one itself.
    const error = await rejectsEcs(client.createImage({ instanceId: INSTANCE, imageName: 'x' }), {
      kind: 'api',
      code: 'InvalidImageName.Malformed',
      httpStatus: 400,
      retryable: false,
      attempts: 1,
    });
    assert.match(error.requestId, /^[0-9A-F-]{36}$/);
    assert.equal(log.calls.length, 1);
    assert.equal(log.calls[0].params.get('ImageName'), 'x');

    // PageSize is 1 to 100.
    await rejectsEcs(client.describeImages({ pageSize: 500 }), { kind: 'api', code: 'InvalidParameter', httpStatus: 400 });
    assert.equal(log.calls.length, 2);
    assert.equal(log.calls[1].params.get('PageSize'), '500');
  });

  test('the limit is reported as a warning by presign', async () => {
    const client = makeClient(emulator, { strictness: 'lenient' });
    const signed = await client.presign('CreateImage', { instanceId: INSTANCE, imageName: 'x' });
    assert.deepEqual(signed.warnings.map((w) => w.message), ['CreateImage.imageName: must be 2 to 128 characters, got 1']);
  });

  test('unknown fields and wrong types are still refused, and nothing is sent', async () => {
    const log = recordingFetch();
    const client = makeClient(emulator, { fetch: log, strictness: 'lenient' });
    const error = await rejectsEcs(client.describeImages({ bogus: 1, pageSize: 'ten' }), { kind: 'validation' });
    assert.deepEqual(error.problems.map((p) => [p.kind, p.path]), [['unknown', 'bogus'], ['type', 'pageSize']]);
    assert.equal(log.calls.length, 0);
  });
});
