// Retries against the emulator's injected faults: throttling, 500, 503, latency past the timeout,
// dropped connections and truncated answers. A fault on the first attempt only is recovered from;
// a fault on every attempt ends in a correctly typed error after maxAttempts; the backoff waits
// longer after throttling and honours Retry-After; every attempt is signed afresh (nonce and
// timestamp); and retried creates never create twice, thanks to the ClientToken the client adds
// once per call.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  INSTANCE,
  errorResponse,
  makeClient,
  recordSleeps,
  recordingFetch,
  rejectsEcs,
  signedFields,
  startEmulator,
  withClockOffset,
  withFaults,
  withRandom,
} from './helpers.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** One emulator whose faults the tests switch through the admin endpoint, one with seeded flaky CreateImage. */
let admin;
let flaky;
before(async () => {
  [admin, flaky] = await Promise.all([
    startEmulator(['--speed', '2000', '--admin']),
    startEmulator(['--speed', '2000', '--seed', '42', '--fault', 'drop=0.5@CreateImage', '--fault', 'truncate=0.5@CreateImage']),
  ]);
});
after(() => Promise.all([admin?.stop(), flaky?.stop()]));

const MATRIX = [
  { fault: 'throttling', rule: { throttling: 1 }, error: { kind: 'api', code: 'Throttling.User', httpStatus: 400, retryable: true, throttling: true } },
  { fault: 'internal (500)', rule: { internalError: 1 }, error: { kind: 'api', code: 'InternalError', httpStatus: 500, retryable: true, throttling: false } },
  { fault: 'unavailable (503)', rule: { unavailable: 1 }, error: { kind: 'api', code: 'ServiceUnavailable', httpStatus: 503, retryable: true, throttling: false } },
  { fault: 'latency past timeoutMs', rule: { latencyMs: 400 }, client: { timeoutMs: 80 }, error: { kind: 'timeout', retryable: true } },
  { fault: 'dropped connection', rule: { drop: 1 }, error: { kind: 'network', retryable: true } },
  { fault: 'truncated body', rule: { truncate: 1 }, error: { kind: 'network', retryable: true } },
];

describe('the fault matrix (admin endpoint)', () => {
  for (const { fault, rule, client: options, error: expected } of MATRIX) {
    test(`${fault} on the first attempt only: the retry recovers`, async () => {
      await withFaults(admin, [{ action: '*', ...rule }], async (log) => {
        const res = await makeClient(admin, { fetch: log, maxAttempts: 3, ...options }).describeImages({ imageOwnerAlias: 'system', pageSize: 5 });
        assert.equal(res.statusCode, 200);
        assert.equal(res.images.length, 5);
        assert.equal(log.calls.length, 2);
      }, { once: true });
    });

    test(`${fault} on every attempt: ${expected.kind} error after maxAttempts`, async () => {
      await admin.setFaults([{ action: '*', ...rule }]);
      const log = recordingFetch();
      try {
        const error = await rejectsEcs(makeClient(admin, { fetch: log, maxAttempts: 3, ...options }).describeImages({}), {
          ...expected,
          operation: 'DescribeImages',
          attempts: 3,
        });
        assert.equal(log.calls.length, 3);
        if (expected.kind === 'api') assert.match(error.requestId, /^[0-9A-F-]{36}$/);
        if (expected.kind === 'timeout') assert.equal(error.message, 'DescribeImages: no complete answer within 80 ms');
        if (expected.kind === 'network') assert.ok(error.cause, 'the network error has no cause');
      } finally {
        await admin.clearFaults();
      }
    });
  }

  test('a fault on one action only leaves the others alone', async () => {
    await admin.setFaults([{ action: 'CreateImage', unavailable: 1 }]);
    try {
      const client = makeClient(admin, { maxAttempts: 2 });
      assert.equal((await client.describeImages({ pageSize: 1 })).statusCode, 200);
      await rejectsEcs(client.createImage({ instanceId: INSTANCE }), { kind: 'api', code: 'ServiceUnavailable', attempts: 2 });
    } finally {
      await admin.clearFaults();
    }
  });

  test('maxAttempts: 1 turns retries off', async () => {
    await admin.setFaults([{ action: '*', internalError: 1 }]);
    const log = recordingFetch();
    try {
      await rejectsEcs(makeClient(admin, { fetch: log, maxAttempts: 1 }).describeImages({}), { code: 'InternalError', attempts: 1 });
      assert.equal(log.calls.length, 1);
    } finally {
      await admin.clearFaults();
    }
  });

  test('the default is 3 attempts', async () => {
    await admin.setFaults([{ action: '*', drop: 1 }]);
    const log = recordingFetch();
    try {
      await rejectsEcs(makeClient(admin, { fetch: log }).describeImages({}), { kind: 'network', attempts: 3 });
      assert.equal(log.calls.length, 3);
    } finally {
      await admin.clearFaults();
    }
  });
});

describe('backoff', () => {
  /**
   * Every attempt failing by `rule`: the waits the client asked for between attempts (recorded at
   * setTimeout), and the gaps between the starts of consecutive attempts (wall clock).
   */
  async function backoff(rule, options) {
    await admin.setFaults([{ action: '*', ...rule }]);
    const log = recordingFetch();
    try {
      const { sleeps } = await recordSleeps(() => rejectsEcs(makeClient(admin, { fetch: log, ...options }).describeImages({})));
      const gaps = log.calls.slice(1).map((c, i) => c.at - log.calls[i].at);
      return { sleeps, gaps };
    } finally {
      await admin.clearFaults();
    }
  }

  test('throttling waits on the longer base (defaults: 1000 ms vs 200 ms), doubling per attempt', async () => {
    // Full jitter pinned at 0.1: the waits are 0.1 × base × 2^(attempt-1).
    await withRandom(0.1, async () => {
      const throttled = await backoff({ throttling: 1 }, { retry: undefined, maxAttempts: 3 });
      const overloaded = await backoff({ unavailable: 1 }, { retry: undefined, maxAttempts: 3 });
      const dropped = await backoff({ drop: 1 }, { retry: undefined, maxAttempts: 3 });
      assert.deepEqual(throttled.sleeps, [100, 200]);
      assert.deepEqual(overloaded.sleeps, [20, 40]);
      assert.deepEqual(dropped.sleeps, [20, 40]);
      // And the client really waited that long between attempts.
      assert.ok(throttled.gaps[0] >= 100 && throttled.gaps[1] >= 200, `throttled gaps: ${throttled.gaps}`);
      assert.ok(overloaded.gaps[0] >= 20 && overloaded.gaps[1] >= 40, `503 gaps: ${overloaded.gaps}`);
    });
  });

  test('the retry options: both bases, and maxDelayMs caps the wait', async () => {
    await withRandom(0.999, async () => {
      const retry = { baseDelayMs: 30, throttlingBaseDelayMs: 40, maxDelayMs: 60 };
      assert.deepEqual((await backoff({ throttling: 1 }, { retry, maxAttempts: 4 })).sleeps, [39, 59, 59]);
      assert.deepEqual((await backoff({ internalError: 1 }, { retry, maxAttempts: 4 })).sleeps, [29, 59, 59]);
    });
  });

  test('the jitter spreads the waits over [0, ceiling)', async () => {
    await withRandom(0, async () => {
      assert.deepEqual((await backoff({ throttling: 1 }, { retry: undefined, maxAttempts: 3 })).sleeps, [0, 0]);
    });
  });

  test('Retry-After (seconds) on a 400 Throttling is a floor for the wait', async () => {
    const log = recordingFetch(async (url, init, entry, calls) => {
      if (calls.length === 1) return errorResponse(400, 'Throttling', 'Request was denied due to request throttling.', { 'retry-after': '1' });
      return fetch(url, init);
    });
    const { result: res, sleeps } = await recordSleeps(() => makeClient(admin, { fetch: log, retry: undefined }).describeImages({ pageSize: 1 }));
    assert.equal(res.statusCode, 200);
    assert.equal(log.calls.length, 2);
    assert.deepEqual(sleeps, [1000]);
    const gap = log.calls[1].at - log.calls[0].at;
    assert.ok(gap >= 1000, `waited ${gap} ms after Retry-After: 1`);
  });

  test('a Retry-After longer than maxDelayMs ends the call with the error, without a wait', async () => {
    const log = recordingFetch(async () => errorResponse(400, 'Throttling', 'Request was denied due to request throttling.', { 'retry-after': '3600' }));
    const client = makeClient(admin, { fetch: log, retry: undefined });
    const { sleeps } = await recordSleeps(() => rejectsEcs(client.describeImages({}), { kind: 'api', code: 'Throttling', attempts: 1 }));
    assert.deepEqual(sleeps, []);
    assert.equal(log.calls.length, 1);
  });

  test('Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 3_000).toUTCString();
    const log = recordingFetch(async (url, init, entry, calls) => {
      if (calls.length === 1) return errorResponse(503, 'ServiceUnavailable', 'busy', { 'retry-after': at });
      return fetch(url, init);
    });
    // Only the wait is checked: abort it once it has been asked for.
    const controller = new AbortController();
    const { sleeps } = await recordSleeps(async () => {
      const call = makeClient(admin, { fetch: log, retry: undefined }).describeImages({}, { abortSignal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await rejectsEcs(call, { kind: 'aborted' });
    });
    assert.equal(sleeps.length, 1);
    assert.ok(sleeps[0] > 1_000 && sleeps[0] <= 3_000, `waited ${sleeps[0]} ms for ${at}`);
  });
});

describe('every attempt is signed afresh', () => {
  for (const mode of ['v3', 'v1']) {
    test(`a new nonce and the current timestamp on each attempt, all accepted by the emulator (${mode})`, async () => {
      await admin.setFaults([{ action: '*', unavailable: 1 }]);
      // The clock jumps 7 s after each attempt (well inside the 15-minute window).
      const log = recordingFetch((url, init) => fetch(url, init));
      try {
        const error = await withClockOffset(
          () => 7_000 * log.calls.length,
          () => rejectsEcs(makeClient(admin, { fetch: log, maxAttempts: 4, signatureVersion: mode }).describeImages({})),
        );
        // 503 comes after the signature, timestamp and nonce checks: each attempt passed them.
        assert.equal(error.code, 'ServiceUnavailable');
      } finally {
        await admin.clearFaults();
      }
      const signed = log.calls.map(signedFields);
      assert.equal(signed.length, 4);
      assert.equal(new Set(signed.map((s) => s.nonce)).size, 4, `nonces repeat: ${signed.map((s) => s.nonce)}`);
      for (const s of signed) assert.match(s.nonce, /^[0-9a-f]{32}$/);
      const times = signed.map((s) => Date.parse(s.timestamp));
      for (let i = 1; i < times.length; i++) {
        const step = times[i] - times[i - 1];
        assert.ok(step >= 6_000 && step <= 8_000, `timestamps ${signed.map((s) => s.timestamp)}`);
      }
    });
  }
});

describe('retried creates never create twice', () => {
  /** What each attempt of a call ran into, seen through the fetch wrapper. */
  function outcomeFetch(outcomes) {
    return recordingFetch(async (url, init) => {
      let res;
      try {
        res = await fetch(url, init);
      } catch (e) {
        outcomes.push('dropped');
        throw e;
      }
      try {
        const body = await res.arrayBuffer();
        outcomes.push(res.status === 200 ? 'ok' : `HTTP ${res.status}`);
        return new Response(body, { status: res.status, headers: res.headers });
      } catch (e) {
        outcomes.push('truncated');
        throw e;
      }
    });
  }

  async function selfImages(client) {
    const res = await client.describeImages({ imageOwnerAlias: 'self', status: 'ALL', pageSize: 100 });
    assert.equal(res.totalCount, res.images.length);
    return res.images;
  }

  const N = 10;
  for (const mode of ['v3', 'v1']) {
    test(`${N} createImage calls under drop=0.5 and truncate=0.5: one image per successful call (${mode})`, async (t) => {
      const outcomes = [];
      const log = outcomeFetch(outcomes);
      const client = makeClient(flaky, { fetch: log, maxAttempts: 20, signatureVersion: mode });
      const before = new Set((await selfImages(makeClient(flaky))).map((i) => i.imageId));
      const created = [];
      const tokens = [];
      for (let i = 0; i < N; i++) {
        const first = log.calls.length;
        const res = await client.createImage({ instanceId: INSTANCE, imageName: `flaky-${mode}-${i}` });
        created.push(res.imageId);
        const attempts = log.calls.slice(first).map(signedFields);
        assert.equal(attempts.at(-1).action, 'CreateImage');
        // One ClientToken for every attempt of this call; a fresh nonce for each.
        const callTokens = new Set(attempts.map((a) => a.clientToken));
        assert.equal(callTokens.size, 1, `attempts of call ${i} carried different ClientTokens: ${[...callTokens]}`);
        assert.match(attempts[0].clientToken, UUID);
        assert.equal(new Set(attempts.map((a) => a.nonce)).size, attempts.length);
        tokens.push(attempts[0].clientToken);
      }
      assert.equal(new Set(tokens).size, N, 'two calls shared a ClientToken');
      t.diagnostic(`${log.calls.length} attempts for ${N} calls: ${outcomes.join(' ')}`);
      // The faults really happened (the dice are seeded, so this run is repeatable).
      assert.ok(outcomes.includes('dropped') && outcomes.includes('truncated'), outcomes.join(' '));
      assert.ok(log.calls.length > N, `no retries: ${outcomes.join(' ')}`);
      assert.equal(outcomes.filter((o) => o === 'ok').length, N);

      const images = (await selfImages(makeClient(flaky))).filter((i) => !before.has(i.imageId));
      assert.equal(new Set(created).size, N, 'two calls answered the same image');
      assert.equal(images.length, created.length, `${images.length} images for ${created.length} successful calls (${log.calls.length} attempts)`);
      assert.deepEqual(images.map((i) => i.imageId).sort(), [...created].sort());
      assert.deepEqual(images.map((i) => i.imageName).sort(), Array.from({ length: N }, (_, i) => `flaky-${mode}-${i}`).sort());
    });
  }

  test("the caller's own ClientToken is used as given, and a repeat answers the same image", async () => {
    const log = recordingFetch();
    const client = makeClient(admin, { fetch: log });
    const clientToken = 'tests-js-own-token-1';
    const first = await client.createImage({ instanceId: INSTANCE, imageName: 'own-token', clientToken });
    const again = await client.createImage({ instanceId: INSTANCE, imageName: 'own-token', clientToken });
    assert.equal(again.imageId, first.imageId);
    assert.deepEqual(log.calls.map((c) => signedFields(c).clientToken), [clientToken, clientToken]);
    const mine = await client.describeImages({ imageOwnerAlias: 'self', status: 'ALL', imageName: 'own-token' });
    assert.equal(mine.images.filter((i) => i.imageName === 'own-token').length, 1);
  });

  test('without crypto.randomUUID (a page on plain HTTP off localhost), the ClientToken is still a random UUID', async () => {
    const log = recordingFetch();
    const client = makeClient(admin, { fetch: log });
    const own = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(globalThis.crypto), 'randomUUID');
    Object.defineProperty(Object.getPrototypeOf(globalThis.crypto), 'randomUUID', { value: undefined, configurable: true });
    try {
      await client.createImage({ instanceId: INSTANCE, imageName: 'no-random-uuid-1' });
      await client.createImage({ instanceId: INSTANCE, imageName: 'no-random-uuid-2' });
    } finally {
      Object.defineProperty(Object.getPrototypeOf(globalThis.crypto), 'randomUUID', own);
    }
    const tokens = log.calls.map((c) => signedFields(c).clientToken);
    for (const token of tokens) assert.match(token, UUID);
    assert.notEqual(tokens[0], tokens[1]);
  });

  test('operations that create nothing get no ClientToken', async () => {
    const log = recordingFetch();
    await makeClient(admin, { fetch: log }).describeImages({ pageSize: 1 });
    assert.equal(signedFields(log.calls[0]).clientToken, null);
  });
});
