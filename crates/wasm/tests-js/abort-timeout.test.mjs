// Cancellation and timeouts: an AbortSignal stops a call in flight and during a backoff sleep
// (kind `aborted`, not retried); `timeoutMs` bounds each attempt (kind `timeout`, retryable).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeClient, recordingFetch, rejectsEcs, startEmulator, withFaults, withRandom } from './helpers.mjs';

let emulator;
before(async () => {
  emulator = await startEmulator(['--speed', '2000', '--admin']);
});
after(() => emulator?.stop());

describe('abortSignal', () => {
  test('aborts a call in flight', () =>
    withFaults(emulator, [{ action: '*', latencyMs: 2_000 }], async () => {
      const log = recordingFetch();
      const controller = new AbortController();
      const reason = new Error('the user closed the dialog');
      // Aborted once the request is out, whatever time signing took on a loaded machine.
      const sendThenAbort = (...args) => {
        setTimeout(() => controller.abort(reason), 50);
        return log(...args);
      };
      const started = Date.now();
      const error = await rejectsEcs(makeClient(emulator, { fetch: sendThenAbort, maxAttempts: 3 }).describeImages({}, { abortSignal: controller.signal }), {
        kind: 'aborted',
        operation: 'DescribeImages',
        retryable: false,
        attempts: 1,
      });
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 1_000, `took ${elapsed} ms to abort`);
      assert.equal(error.message, 'DescribeImages: aborted');
      assert.equal(error.cause, reason, 'the abort reason is not the cause');
      assert.equal(log.calls.length, 1, 'an aborted call was retried');
    }));

  test('aborts a call during its backoff sleep', () =>
    withFaults(emulator, [{ action: '*', throttling: 1 }], async () => {
      const controller = new AbortController();
      // The first answer (Throttling) arrives; the client sleeps 5 s; the abort comes 30 ms in.
      const log = recordingFetch(async (url, init) => {
        const res = await fetch(url, init);
        setTimeout(() => controller.abort(), 30);
        return res;
      });
      const client = makeClient(emulator, { fetch: log, maxAttempts: 3, retry: { throttlingBaseDelayMs: 10_000, maxDelayMs: 10_000 } });
      const started = Date.now();
      const error = await withRandom(0.5, () =>
        rejectsEcs(client.describeImages({}, { abortSignal: controller.signal }), { kind: 'aborted', attempts: 1 }),
      );
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 1_000, `took ${elapsed} ms to abort the sleep`);
      assert.equal(log.calls.length, 1);
      assert.ok(error.cause instanceof Error && error.cause.name === 'AbortError', String(error.cause));
    }));

  test('an already aborted signal sends nothing', async () => {
    const log = recordingFetch();
    const error = await rejectsEcs(makeClient(emulator, { fetch: log }).createImage({ instanceId: 'i-hangzhou-web1' }, { abortSignal: AbortSignal.abort() }), {
      kind: 'aborted',
      attempts: 0,
    });
    assert.equal(error.operation, 'CreateImage');
    assert.equal(log.calls.length, 0);
  });

  test('a signal that never fires changes nothing', async () => {
    const res = await makeClient(emulator).describeImages({ pageSize: 1 }, { abortSignal: new AbortController().signal });
    assert.equal(res.statusCode, 200);
  });
});

describe('timeoutMs', () => {
  test('latency past the client timeout: kind timeout, retryable, each attempt bounded', () =>
    withFaults(emulator, [{ action: '*', latencyMs: 1_000 }], async () => {
      const log = recordingFetch();
      const started = Date.now();
      const error = await rejectsEcs(makeClient(emulator, { fetch: log, timeoutMs: 100, maxAttempts: 2 }).describeImages({}), {
        kind: 'timeout',
        operation: 'DescribeImages',
        retryable: true,
        attempts: 2,
      });
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 200 && elapsed < 800, `two 100 ms attempts took ${elapsed} ms`);
      assert.equal(error.message, 'DescribeImages: no complete answer within 100 ms');
      assert.equal(log.calls.length, 2);
    }));

  test('the per-call timeoutMs overrides the client one', () =>
    withFaults(emulator, [{ action: '*', latencyMs: 1_000 }], async () => {
      const client = makeClient(emulator, { timeoutMs: 30_000, maxAttempts: 1 });
      const started = Date.now();
      await rejectsEcs(client.describeImages({}, { timeoutMs: 60 }), { kind: 'timeout', attempts: 1 });
      assert.ok(Date.now() - started < 600);
    }));

  test('latency under the timeout is just slow', () =>
    withFaults(emulator, [{ action: '*', latencyMs: 50 }], async () => {
      const started = Date.now();
      const res = await makeClient(emulator, { timeoutMs: 1_000, maxAttempts: 1 }).describeImages({ pageSize: 1 });
      assert.equal(res.statusCode, 200);
      assert.ok(Date.now() - started >= 50);
    }));
});
