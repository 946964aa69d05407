// How the client classifies each retryable and clock-skew answer the service documents (issue 10,
// Scope 2), through the wasm decoder and the retry loop: HTTP 429 as throttling, 504 and every
// 5xx, ServiceBusy, ServiceUnavailable, InternalError, UnknownError, Throttling*, and the clock
// codes IllegalTimestamp, InvalidTimeStamp, InvalidTimeStamp.Expired (retried once, corrected by
// the answer's Date). The Rust side is tested in crates/core/src/response/error.rs.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO, EcsImageClient, REGION, errorResponse, recordSleeps, recordingFetch, rejectsEcs } from './helpers.mjs';

const FAST = { baseDelayMs: 1, throttlingBaseDelayMs: 50, maxDelayMs: 100 };

function client(fetch, options = {}) {
  return new EcsImageClient({ regionId: REGION, credentials: DEMO, endpoint: 'http://127.0.0.1:9', fetch, retry: FAST, maxAttempts: 2, ...options });
}

const RETRYABLE = [
  { status: 400, code: 'Throttling', throttling: true },
  { status: 400, code: 'Throttling.User', throttling: true },
  { status: 400, code: 'Throttling.Api', throttling: true },
  { status: 429, code: 'Throttling.User', throttling: true },
  { status: 429, code: 'TooManyRequests', throttling: true },
  { status: 503, code: 'ServiceBusy', throttling: false },
  { status: 400, code: 'ServiceBusy', throttling: false },
  { status: 503, code: 'ServiceUnavailable', throttling: false },
  { status: 500, code: 'InternalError', throttling: false },
  { status: 500, code: 'UnknownError', throttling: false },
  { status: 502, code: 'BadGateway', throttling: false },
  { status: 504, code: 'GatewayTimeout', throttling: false },
];

describe('retryable answers', () => {
  for (const { status, code, throttling } of RETRYABLE) {
    test(`${status} ${code}: retryable${throttling ? ', as throttling (the longer base delay)' : ''}`, async () => {
      const log = recordingFetch(async () => errorResponse(status, code, 'try again'));
      const { sleeps } = await recordSleeps(() =>
        rejectsEcs(client(log).describeImages({}), { kind: 'api', code, httpStatus: status, retryable: true, throttling, clockSkew: false, attempts: 2 }),
      );
      assert.equal(log.calls.length, 2);
      // Full jitter under Math.random: below the base, throttling's being the longer one.
      assert.equal(sleeps.length, 1);
      assert.ok(sleeps[0] < (throttling ? FAST.throttlingBaseDelayMs : FAST.baseDelayMs) + 1);
    });
  }

  test('a 429 or 504 whose body is not the service\'s JSON (a proxy\'s page) is retried too', async () => {
    for (const status of [429, 504]) {
      const log = recordingFetch(async () => new Response('<html>busy</html>', { status, headers: { 'content-type': 'text/html' } }));
      await rejectsEcs(client(log).describeImages({}), { kind: 'decode', retryable: true, attempts: 2 });
      assert.equal(log.calls.length, 2, String(status));
    }
  });

  test('a non-retryable answer is not retried', async () => {
    for (const [status, code] of [[400, 'InvalidParameter'], [403, 'Forbidden.RAM'], [404, 'InvalidImageId.NotFound'], [400, 'InvalidTimeStamp.Format']]) {
      const log = recordingFetch(async () => errorResponse(status, code, 'no'));
      await rejectsEcs(client(log).describeImages({}), { code, retryable: false, throttling: false, clockSkew: false, attempts: 1 });
      assert.equal(log.calls.length, 1, code);
    }
  });

  test('ExportImage after a 429 is retried (refused, not ambiguous); after a 504 it is not', async () => {
    const throttled = recordingFetch(async () => errorResponse(429, 'Throttling.User', 'slow down'));
    await rejectsEcs(client(throttled).exportImage({ imageId: 'm-1', OSSBucket: 'my-bucket' }), { attempts: 2, outcomeUnknown: false });
    const gateway = recordingFetch(async () => errorResponse(504, 'GatewayTimeout', 'late'));
    await rejectsEcs(client(gateway).exportImage({ imageId: 'm-1', OSSBucket: 'my-bucket' }), { attempts: 1, outcomeUnknown: true });
  });
});

describe('clock-skew answers', () => {
  for (const code of ['IllegalTimestamp', 'InvalidTimeStamp', 'InvalidTimeStamp.Expired']) {
    test(`${code}: flagged as clock skew, corrected by the Date header and tried once more`, async () => {
      const serverTime = Date.parse('2030-01-01T00:00:00Z');
      const log = recordingFetch(async (url, init, entry, calls) =>
        calls.length === 1
          ? errorResponse(400, code, 'off', { date: new Date(serverTime).toUTCString() })
          : new Response(JSON.stringify({ RequestId: 'R', TotalCount: 0, Images: { Image: [] } }), { status: 200 }),
      );
      const res = await client(log, { maxAttempts: 1 }).describeImages({});
      assert.equal(res.statusCode, 200);
      assert.equal(log.calls.length, 2);
      assert.match(log.calls[1].headers['x-acs-date'], /^2030-01-01T00:00:0/);
    });

    test(`${code} without a Date header: a clock-skew error, not retried`, async () => {
      const log = recordingFetch(async () => errorResponse(400, code, 'off'));
      await rejectsEcs(client(log).describeImages({}), { code, clockSkew: true, retryable: false, attempts: 1 });
      assert.equal(log.calls.length, 1);
    });
  }
});
