// The service's error answers as EcsErrors of kind `api` (code, HTTP status, request ID, the
// diagnosis link, the server's string-to-sign beside ours), which are not retried; answers that
// cannot be read as kind `decode`.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, REQUEST_ID, errorResponse, makeClient, recordingFetch, rejectsEcs, startEmulator } from './helpers.mjs';

let emulator;
before(async () => {
  emulator = await startEmulator(['--speed', '2000']);
});
after(() => emulator?.stop());

describe('a wrong AccessKey secret', () => {
  for (const [mode, method] of [['v3', 'POST'], ['v1', 'POST'], ['v3', 'GET'], ['v1', 'GET']]) {
    test(`SignatureDoesNotMatch with both strings-to-sign, not retried (${mode} ${method})`, async () => {
      const log = recordingFetch();
      const client = makeClient(emulator, {
        signatureVersion: mode,
        method,
        fetch: log,
        maxAttempts: 5,
        credentials: { ...DEMO, accessKeySecret: 'not-the-secret' },
      });
      const error = await rejectsEcs(client.describeImages({ imageOwnerAlias: 'system', pageSize: 3 }), {
        kind: 'api',
        operation: 'DescribeImages',
        code: 'SignatureDoesNotMatch',
        httpStatus: 400,
        retryable: false,
        throttling: false,
        clockSkew: false,
        attempts: 1,
      });
      assert.equal(log.calls.length, 1, 'a signature error was retried');
      assert.match(error.requestId, REQUEST_ID);
      assert.equal(error.hostId, emulator.host);
      assert.equal(
        error.recommend,
        `https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Ecs&requestId=${error.requestId}`,
      );
      assert.ok(error.serverStringToSign, 'no server string-to-sign');
      // Only the key differs, so the server signed exactly what we signed.
      assert.equal(error.serverStringToSign, error.clientStringToSign);
      if (mode === 'v3') {
        assert.match(error.clientStringToSign, /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
      } else {
        assert.ok(error.clientStringToSign.startsWith(`${method}&%2F&AccessKeyId%3Ddemo%26Action%3DDescribeImages`), error.clientStringToSign);
        // The nonce of the request sent is the one in the string-to-sign.
        assert.ok(error.clientStringToSign.includes(`SignatureNonce%3D${log.calls[0].params.get('SignatureNonce')}`));
      }
      assert.ok(error.message.startsWith('DescribeImages: SignatureDoesNotMatch (HTTP 400): '), error.message);
      assert.ok(error.stack.includes('SignatureDoesNotMatch'));
    });
  }
});

describe('other service errors', () => {
  test('an unknown AccessKeyId', async () => {
    const log = recordingFetch();
    const client = makeClient(emulator, { fetch: log, credentials: { accessKeyId: 'nobody', accessKeySecret: 'x' } });
    const error = await rejectsEcs(client.describeImages({}), { kind: 'api', code: 'InvalidAccessKeyId.NotFound', retryable: false, attempts: 1 });
    assert.equal(error.serverStringToSign, undefined);
    assert.equal(error.clientStringToSign, undefined);
    assert.equal(log.calls.length, 1);
  });

  test('an unknown region and an unknown image: their documented codes, not retried', async () => {
    const log = recordingFetch();
    const client = makeClient(emulator, { fetch: log });
    await rejectsEcs(client.describeImages({ regionId: 'cn-nowhere' }), { kind: 'api', code: 'InvalidRegionId.NotFound', attempts: 1 });
    const error = await rejectsEcs(client.describeImageSharePermission({ imageId: 'm-doesnotexist' }), { kind: 'api', attempts: 1, retryable: false });
    assert.match(error.code, /^InvalidImageId\.NotFound$/);
    assert.equal(error.httpStatus, 404);
    assert.equal(log.calls.length, 2);
  });

  test('a service error the catalogue does not list still comes back typed', async () => {
    const client = makeClient(emulator, { fetch: async () => errorResponse(403, 'Forbidden.RAM', 'User not authorized to operate on the specified resource.') });
    const error = await rejectsEcs(client.describeImages({}), { kind: 'api', code: 'Forbidden.RAM', httpStatus: 403, retryable: false, attempts: 1 });
    assert.equal(error.requestId, '00000000-0000-4000-8000-000000000000');
    assert.equal(error.hostId, 'ecs.aliyuncs.com');
  });
});

describe('answers that cannot be read: kind decode', () => {
  test('an HTML 502 from a proxy is retryable; after the last attempt it is a decode error', async () => {
    const log = recordingFetch(async () => new Response('<html><body>Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const client = makeClient(emulator, { fetch: log, maxAttempts: 2 });
    const error = await rejectsEcs(client.describeImages({}), { kind: 'decode', httpStatus: 502, retryable: true, attempts: 2 });
    assert.equal(error.message, 'DescribeImages answer (HTTP 502) could not be read: the body is not JSON (expected value at line 1 column 1)');
    assert.equal(log.calls.length, 2);
  });

  test('a 200 that is not JSON is not retried', async () => {
    const log = recordingFetch(async () => new Response('OK', { status: 200 }));
    const client = makeClient(emulator, { fetch: log, maxAttempts: 3 });
    await rejectsEcs(client.describeImages({}), { kind: 'decode', httpStatus: 200, retryable: false, attempts: 1 });
    assert.equal(log.calls.length, 1);
  });

  test('a 200 whose JSON stops half-way is retryable, and a retry recovers', async () => {
    let first = true;
    const log = recordingFetch(async (url, init) => {
      const res = await fetch(url, init);
      if (!first) return res;
      first = false;
      const text = await res.text();
      return new Response(text.slice(0, text.length >> 1), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const client = makeClient(emulator, { fetch: log, maxAttempts: 1 });
    const error = await rejectsEcs(client.describeImages({ imageOwnerAlias: 'system' }), { kind: 'decode', retryable: true, attempts: 1 });
    assert.match(error.message, /^DescribeImages answer \(HTTP 200\) could not be read: the body ends before the JSON does \(\d+ bytes\)$/);
    first = true;
    const retrying = makeClient(emulator, { fetch: log, maxAttempts: 2 });
    const res = await retrying.describeImages({ imageOwnerAlias: 'system' });
    assert.ok(res.images.length > 0);
    assert.equal(log.calls.length, 3);
  });
});
