// The client's steps, each alone, without a server: the ClientToken of a create, the clock-skew
// correction, refreshing STS credentials, the backoff decision, and what a waiter's poll concludes
// from the generated tables; and those tables against the catalogue they are generated from.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { EcsError, OPERATIONS, PKG_DIST, ROOT } from './helpers.mjs';

const load = (file) => import(pathToFileURL(join(PKG_DIST, file)).href);
const { refreshesCredentials, retryDelay, skewCorrection, uuid, withClientToken } = await load('retry.js');
const { probe } = await load('waiters.js');
const { NOT_FOUND, WAITERS } = await load('generated/operations.js');

const CATALOGUE = JSON.parse(readFileSync(join(ROOT, 'crates/core/catalogue/ecs.json'), 'utf8'));
const op = (name) => OPERATIONS.find((o) => o.name === name);
const counting = () => {
  let n = 0;
  return (length) => Uint8Array.from({ length }, () => n++);
};

describe('the ClientToken', () => {
  test('a create gets a version 4 UUID, the same body otherwise', () => {
    const body = withClientToken(op('CreateImage'), { regionId: 'r', imageName: 'x' }, counting());
    assert.equal(body.clientToken, '00010203-0405-4607-8809-0a0b0c0d0e0f');
    assert.deepEqual({ ...body, clientToken: undefined }, { regionId: 'r', imageName: 'x', clientToken: undefined });
    assert.match(uuid(new Uint8Array(16).fill(255)), /^ffffffff-ffff-4fff-bfff-ffffffffffff$/);
  });

  test("the caller's token is kept, and an operation without one gets none", () => {
    const given = { clientToken: 'mine' };
    assert.equal(withClientToken(op('CopyImage'), given, counting()), given);
    const body = { imageId: 'm-1' };
    assert.equal(withClientToken(op('DeleteImage'), body, counting()), body);
  });
});

describe('the clock-skew correction', () => {
  const skewed = new EcsError({ kind: 'api', message: 'skew', clockSkew: true });
  const now = Date.parse('2026-01-01T00:00:00Z');

  test("the server's Date minus our clock", () => {
    assert.equal(skewCorrection(skewed, { date: 'Thu, 01 Jan 2026 00:05:00 GMT' }, now), 300_000);
  });

  test('none without a clock-skew error, a Date header, or one that parses', () => {
    const other = new EcsError({ kind: 'api', message: 'other' });
    assert.equal(skewCorrection(other, { date: 'Thu, 01 Jan 2026 00:05:00 GMT' }, now), undefined);
    assert.equal(skewCorrection(skewed, {}, now), undefined);
    assert.equal(skewCorrection(skewed, undefined, now), undefined);
    assert.equal(skewCorrection(skewed, { date: 'yesterday-ish' }, now), undefined);
  });
});

describe('retries', () => {
  const expired = new EcsError({ kind: 'api', message: 'expired', code: 'InvalidSecurityToken.Expired' });
  const provider = () => ({ accessKeyId: 'a', accessKeySecret: 'b' });
  const half = () => 0.5;

  test('an expired STS token is retried only when a provider can refresh it', () => {
    assert.equal(refreshesCredentials(expired, { credentialsProvider: provider }), true);
    assert.equal(refreshesCredentials(expired, {}), false);
    assert.equal(retryDelay(expired, 1, undefined, {}, 0, half), undefined);
    assert.equal(retryDelay(expired, 1, undefined, { credentialsProvider: provider }, 0, half), 100);
  });

  test('full jitter over a doubling base, longer after throttling', () => {
    const busy = new EcsError({ kind: 'api', message: 'busy', retryable: true });
    const throttled = new EcsError({ kind: 'api', message: 'slow down', retryable: true, throttling: true });
    assert.deepEqual([1, 2, 3].map((attempt) => retryDelay(busy, attempt, undefined, {}, 0, half)), [100, 200, 400]);
    assert.equal(retryDelay(throttled, 1, undefined, {}, 0, half), 500);
  });

  test("a Retry-After is a floor, and one beyond maxDelayMs ends the call", () => {
    const busy = new EcsError({ kind: 'api', message: 'busy', retryable: true });
    assert.equal(retryDelay(busy, 1, { 'retry-after': '3' }, {}, 0, half), 3000);
    assert.equal(retryDelay(busy, 1, { 'retry-after': '60' }, {}, 0, half), undefined);
  });

  test('errors that will not go away, and aborts, are not retried', () => {
    const invalid = new EcsError({ kind: 'api', message: 'no', code: 'InvalidImageName.Malformed' });
    const aborted = new EcsError({ kind: 'aborted', message: 'stop', retryable: true });
    assert.equal(retryDelay(invalid, 1, undefined, {}, 0, half), undefined);
    assert.equal(retryDelay(aborted, 1, undefined, {}, 0, half), undefined);
  });
});

describe("a waiter's poll", () => {
  test('images: progress while Creating, 100 when Available, failed on CreateFailed, waiting while not found', () => {
    const waiter = WAITERS.waitForImageAvailable;
    assert.deepEqual(probe(waiter, { status: 'Creating', progress: '42%' }), {
      status: 'Creating',
      percent: 42,
      outcome: 'waiting',
      value: { status: 'Creating', progress: '42%' },
    });
    assert.deepEqual([probe(waiter, { status: 'Available', progress: '90%' }).percent, probe(waiter, { status: 'Available' }).outcome], [100, 'done']);
    assert.equal(probe(waiter, { status: 'CreateFailed' }).outcome, 'failed');
    assert.deepEqual(probe(waiter, undefined), { status: NOT_FOUND, percent: 0, outcome: 'waiting' });
  });

  test('a delete is done when nothing is found, and waits whatever the status', () => {
    const waiter = WAITERS.waitForImageDeleted;
    assert.deepEqual(probe(waiter, undefined), { status: NOT_FOUND, percent: 100, outcome: 'done' });
    assert.deepEqual(probe(waiter, { status: 'Available' }), { status: 'Available', percent: 0, outcome: 'waiting' });
  });

  test('executions: the percentage by status', () => {
    const waiter = WAITERS.waitForPipelineExecution;
    const percents = ['PREPARING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'RELEASING', 'SUCCESS'].map((status) => probe(waiter, { status }).percent);
    assert.deepEqual(percents, [10, 30, 60, 80, 95, 100]);
    assert.equal(probe(waiter, { status: 'TEST_FAILED' }).outcome, 'failed');
    assert.equal(probe(waiter, { status: 'SOMETHING_NEW' }).outcome, 'waiting');
  });
});

describe('the generated tables follow the catalogue', () => {
  test("each operation's kind, and its largest page from the size parameter's range", () => {
    for (const entry of CATALOGUE.operations) {
      const generated = op(entry.name);
      assert.equal(generated.kind, entry.kind, entry.name);
      if (!entry.pagination) continue;
      const size = entry.params.find((p) => p.name === (entry.pagination.style === 'page' ? 'PageSize' : 'MaxResults'));
      assert.equal(generated.pagination.maxSize, size.range[1], entry.name);
    }
  });

  test('every waiter, with the done and failed statuses of its lifecycle', () => {
    assert.deepEqual(Object.keys(WAITERS).sort(), CATALOGUE.waiters.map((w) => w.name).sort());
    for (const w of CATALOGUE.waiters) {
      const lifecycle = CATALOGUE.lifecycles.find((l) => l.kind === w.lifecycle);
      assert.deepEqual(WAITERS[w.name].lifecycle.done, lifecycle.done, w.name);
      assert.deepEqual(WAITERS[w.name].lifecycle.failed, lifecycle.failed, w.name);
      assert.equal(WAITERS[w.name].until, w.until, w.name);
    }
  });
});
