// A local clock 20 minutes off: the first attempt is refused with InvalidTimeStamp.Expired, the
// client takes the server's time from the answer's Date header, signs again and succeeds, and
// remembers the offset for later calls. `Date.now` is faked in this process only.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorResponse, makeClient, recordingFetch, rejectsEcs, signedFields, startEmulator, withClockOffset } from './helpers.mjs';

const TWENTY_MINUTES = 20 * 60_000;

let emulator;
before(async () => {
  emulator = await startEmulator(['--speed', '2000']);
});
after(() => emulator?.stop());

/** Records each answer's status, error code and Date header; `edit` may change the headers. */
function answerLog(edit = () => {}) {
  const answers = [];
  const log = recordingFetch(async (url, init) => {
    const res = await fetch(url, init);
    const text = await res.text();
    const headers = new Headers(res.headers);
    edit(headers, answers.length);
    answers.push({ status: res.status, code: res.status === 200 ? undefined : JSON.parse(text).Code, date: headers.get('date') });
    return new Response(text, { status: res.status, headers });
  });
  return { log, answers };
}

test('the emulator sends a Date header, on errors and on success', async () => {
  const refused = await fetch(`${emulator.url}/?Action=DescribeImages`);
  assert.equal(refused.status, 400);
  const date = refused.headers.get('date');
  assert.ok(date, 'no Date header');
  assert.ok(Math.abs(Date.parse(date) - Date.now()) < 5_000, date);
  const res = await makeClient(emulator).describeImages({ pageSize: 1 });
  assert.ok(Math.abs(Date.parse(res.headers.date) - Date.now()) < 5_000, res.headers.date);
});

describe('a clock 20 minutes off is corrected by the Date header', () => {
  for (const mode of ['v3', 'v1']) {
    for (const [direction, offset] of [['ahead', TWENTY_MINUTES], ['behind', -TWENTY_MINUTES]]) {
      test(`${direction}, ${mode}`, async () => {
        const { log, answers } = answerLog();
        const client = makeClient(emulator, { fetch: log, signatureVersion: mode, maxAttempts: 1 });
        await withClockOffset(() => offset, async () => {
          const res = await client.describeImages({ pageSize: 1 });
          assert.equal(res.statusCode, 200);
          assert.equal(res.images.length, 1);
          // The first attempt was refused for its timestamp; the Date header gave the server's time.
          assert.deepEqual(answers.map((a) => [a.status, a.code]), [[400, 'InvalidTimeStamp.Expired'], [200, undefined]]);
          assert.ok(answers[0].date);
          const [first, second] = log.calls.map((c) => Date.parse(signedFields(c).timestamp));
          const realNow = Date.now() - offset;
          assert.ok(Math.abs(first - (realNow + offset)) < 5_000, 'the first attempt was not signed with the local clock');
          assert.ok(Math.abs(second - realNow) < 5_000, 'the second attempt was not signed with the server time');
          // The offset is remembered: the next call is right the first time.
          await client.describeImages({ pageSize: 1 });
          assert.equal(log.calls.length, 3);
          assert.deepEqual(answers.at(-1).status, 200);
        });
      });
    }
  }
});

test('a clock-skew refusal without a Date header is an api error with clockSkew set, not retried', async () => {
  const { log, answers } = answerLog((headers) => headers.delete('date'));
  const client = makeClient(emulator, { fetch: log, maxAttempts: 3 });
  const error = await withClockOffset(() => TWENTY_MINUTES, () =>
    rejectsEcs(client.describeImages({}), { kind: 'api', code: 'InvalidTimeStamp.Expired', httpStatus: 400, clockSkew: true, retryable: false, attempts: 1 }),
  );
  assert.match(error.message, /InvalidTimeStamp\.Expired/);
  assert.equal(answers.length, 1);
});

test('the correction is tried once per call: a Date header that is itself wrong does not loop', async () => {
  // Every answer claims a time 40 minutes ahead: the corrected attempt is refused too.
  const { log, answers } = answerLog((headers) => headers.set('date', new Date(Date.now() + 2 * TWENTY_MINUTES).toUTCString()));
  const client = makeClient(emulator, { fetch: log, maxAttempts: 3 });
  await withClockOffset(() => TWENTY_MINUTES, () =>
    rejectsEcs(client.describeImages({}), { kind: 'api', code: 'InvalidTimeStamp.Expired', clockSkew: true }),
  );
  assert.equal(answers.length, 2);
});

test('a Date header that does not parse is not used, and does not spoil later calls', async () => {
  const log = recordingFetch(async (url, init, entry, calls) => {
    if (calls.length === 1) return errorResponse(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.', { date: 'not a date' });
    return fetch(url, init);
  });
  const client = makeClient(emulator, { fetch: log, maxAttempts: 3 });
  await rejectsEcs(client.describeImages({}), { kind: 'api', code: 'InvalidTimeStamp.Expired', clockSkew: true, attempts: 1 });
  const res = await client.describeImages({ pageSize: 1 });
  assert.equal(res.statusCode, 200);
  const [, second] = log.calls.map((c) => Date.parse(signedFields(c).timestamp));
  assert.ok(Math.abs(second - Date.now()) < 5_000);
});
