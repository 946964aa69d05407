// The proxy's rate limits per client address and its logs (web/nginx/ecsimg.conf): 20 calls a
// second with bursts of 40, 20 calls in flight, 429 Throttling.User beyond (which the npm client
// backs off from and retries); an access log without query strings, so without a V1 call's
// Signature and SecurityToken. The tests run in order: they share one nginx and its allowance.
//
// Run it from anywhere: `node --test tests/proxy/`.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { assertRefusal, DEMO, EcsError, startProxy, VERSION } from './harness.mjs';

const RATE_PER_SECOND = 20;
const BURST = 40;
const IN_FLIGHT = 20;
/** A call the proxy lets through (the emulator refuses it: it is not signed). */
const UNSIGNED = `/api/ecs/?RegionId=cn-hangzhou&Action=DescribeImages&Version=${VERSION}`;
const TOKEN = 'sts-token-that-must-not-be-logged';

let proxy;
before(async () => {
  proxy = await startProxy();
});
after(() => proxy?.stop());

/** The access log's lines for the API. */
const apiLines = () => proxy.accessLog().split('\n').filter((line) => line.includes('/api/ecs/'));

test('the access log records signed V1 and V3 calls without their query: no Signature, no SecurityToken', async () => {
  const calls = [];
  for (const signatureVersion of ['v1', 'v3']) {
    for (const method of ['GET', 'POST']) {
      const res = await proxy.client({ signatureVersion, method }).describeImages({ pageSize: 1 });
      assert.equal(res.statusCode, 200);
      calls.push(method);
      // With an STS token, which V1 sends in the query (the emulator does not know it: refused).
      const sts = proxy.client({ signatureVersion, method, credentials: { ...DEMO, securityToken: TOKEN } });
      const err = await sts.describeImages({ pageSize: 1 }).then(() => null, (e) => e);
      assert.ok(err instanceof EcsError && err.kind === 'api', String(err));
      calls.push(method);
    }
  }
  assert.ok(proxy.seen.some((r) => r.url.includes('Signature=') && r.url.includes(`SecurityToken=${TOKEN}`)), 'V1 sent both in the query');

  const lines = apiLines();
  assert.equal(lines.length, calls.length, proxy.accessLog());
  for (const [i, line] of lines.entries()) {
    assert.ok(line.includes(`"${calls[i]} /api/ecs/ HTTP/1.1" `), line);
    assert.match(line, / action=DescribeImages region=cn-hangzhou /, line);
  }
  const log = proxy.accessLog();
  for (const secret of ['?', 'Signature', 'SecurityToken', TOKEN, 'AccessKeyId', 'demo-secret']) {
    assert.ok(!log.includes(secret), `the access log holds ${secret}:\n${log}`);
  }
});

test(`more than ${IN_FLIGHT} calls in flight from one address get 429 Throttling.User`, async () => {
  // The tap holds each call, so that all of them are in flight together.
  const before = proxy.seen.length;
  const answers = await Promise.all(Array.from({ length: IN_FLIGHT + 5 }, () => proxy.raw(UNSIGNED, { headers: { 'x-tap-hold': '1000' } })));
  const throttled = answers.filter((a) => a.status === 429);
  assert.equal(throttled.length, 5, answers.map((a) => a.status).join(' '));
  for (const answer of throttled) assertRefusal(answer, 429, 'Throttling.User', 'limit_conn');
  assert.equal(proxy.seen.length, before + IN_FLIGHT);
});

/**
 * Calls in flight at once while flooding: the more, the faster a slow machine sends them, but with
 * the npm client's call fewer than the 20 that limit_conn allows, so each 429 is limit_req's.
 */
const WORKERS = 16;
/** How many calls of the npm client may find a slot that has just refilled before one is refused. */
const TRIES = 50;

/**
 * Unsigned calls from WORKERS loops, each sending its next call once the last is answered (as fast
 * as this machine goes), until `enough(answers)` is true (asked after each answer) or 30 s have
 * passed. Resolves to the answers, in the order they came.
 */
async function flood(enough) {
  const answers = [];
  const deadline = Date.now() + 30_000;
  const worker = async () => {
    while (!enough(answers) && Date.now() < deadline) answers.push(await proxy.raw(UNSIGNED));
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return answers;
}

/** `body(calm)` while a flood keeps the allowance spent; the flood ends when `calm()` is called or `body` ends. */
async function whileFlooding(body) {
  let calm = false;
  const flooding = flood(() => calm);
  try {
    return await body(() => (calm = true));
  } finally {
    calm = true;
    await flooding;
  }
}

/** A fetch that records each attempt's status, when it was sent and when it was answered, and calls `onThrottled` on a 429. */
function observedFetch(attempts, onThrottled) {
  return async (url, init) => {
    const sent = performance.now();
    const res = await fetch(url, init);
    attempts.push({ status: res.status, sent, answered: performance.now() });
    if (res.status === 429) onThrottled();
    return res;
  };
}

test(`a burst above ${RATE_PER_SECOND} calls a second (and ${BURST} more) gets 429 Throttling.User, which the client retries`, async (t) => {
  // Let the allowance refill: it drains by the rate, from at most BURST.
  await sleep((1000 * BURST) / RATE_PER_SECOND + 100);
  // The first call and the burst pass at once, and more at the rate while calls arrive: in T
  // seconds, at most this many. However slow the machine, once more than that have been answered,
  // one of them was refused.
  const started = performance.now();
  const allowance = () => BURST + 1 + Math.ceil(((performance.now() - started) / 1000) * RATE_PER_SECOND);
  const answers = await flood((answered) => answered.some((a) => a.status === 429) || answered.length > allowance());
  const refusal = answers.find((a) => a.status === 429);
  const passed = answers.filter((a) => a.status !== 429).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  t.diagnostic(`${passed} of ${answers.length} calls passed in ${seconds} s`);
  assert.ok(refusal, `no 429 in ${answers.length} calls in ${seconds} s`);
  assert.ok(passed >= BURST + 1 && passed <= allowance(), `${passed} calls passed in ${seconds} s`);
  assertRefusal(refusal, 429, 'Throttling.User', 'limit_req');
  assert.equal(refusal.headers['retry-after'], '1', 'Retry-After');

  // The npm client reports it as throttling, worth another attempt (a call may find a slot that
  // has just refilled: it is tried again until one is refused) ...
  const once = proxy.client({ signatureVersion: 'v1', method: 'GET' });
  const err = await whileFlooding(async () => {
    for (let i = 0; i < TRIES; i++) {
      const refused = await once.describeImages({ pageSize: 1 }).then(() => null, (e) => e);
      if (refused) return refused;
    }
    return null;
  });
  assert.ok(err instanceof EcsError, `${TRIES} calls, none refused: ${err}`);
  assert.equal(err.kind, 'api', err.message);
  assert.equal(err.code, 'Throttling.User');
  assert.equal(err.httpStatus, 429);
  assert.equal(err.throttling, true);
  assert.equal(err.retryable, true);

  // ... and, allowed more attempts, waits (Retry-After: 1 at least) until the allowance has
  // refilled. The flood stops at the first 429, so the retry finds the allowance refilled.
  const attempts = await whileFlooding(async (calm) => {
    for (let i = 0; i < TRIES; i++) {
      const seen = [];
      const patient = proxy.client({ signatureVersion: 'v1', method: 'GET', maxAttempts: 4, retry: { throttlingBaseDelayMs: 100 }, fetch: observedFetch(seen, calm) });
      const res = await patient.describeImages({ pageSize: 1 });
      assert.equal(res.statusCode, 200);
      if (seen.length > 1) return seen;
    }
    return [];
  });
  assert.deepEqual(attempts.map((a) => a.status), [429, 200], `${TRIES} calls, none refused first`);
  assert.ok(attempts[1].answered - attempts[0].sent >= 1000, 'waited at least Retry-After');

  // Throttled calls are logged without their query; error.log gets no "limiting requests" line,
  // which would quote the request line and its Signature.
  const lines = apiLines().filter((line) => / 429 /.test(line));
  const refused = answers.filter((a) => a.status === 429).length + 2;
  assert.ok(lines.length >= refused, `${lines.length} lines with 429, ${refused} answers seen here`);
  assert.ok(!proxy.accessLog().includes('?'), 'no query in the access log');
  assert.doesNotMatch(proxy.errorLog(), /limiting (requests|connections)|Signature=/);
});
