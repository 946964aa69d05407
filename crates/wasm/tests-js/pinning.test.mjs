// ClientOptions.now and randomBytes: the clock and the randomness a client signs with, pinned for
// tests and replays (the conformance suite compares the package with the official SDK this way).
// Pinned, the same call signs to the same bytes; `now` also drives the clock-skew correction; and a
// pinned nonce is refused the second time, which is why production must keep them random.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO, EcsImageClient, makeClient, recordingFetch, rejectsEcs, signedFields, startEmulator } from './helpers.mjs';

const TWENTY_MINUTES = 20 * 60_000;
const PINNED = '2016-02-23T12:46:24Z';

let emulator;
before(async () => {
  emulator = await startEmulator(['--speed', '2000']);
});
after(() => emulator?.stop());

/** A `randomBytes` whose n-th draw is n repeated (01..., 02..., ...); `draws` counts them. */
function counting() {
  const source = (length) => new Uint8Array(length).fill(++source.draws);
  source.draws = 0;
  return source;
}

const hex = (byte) => byte.toString(16).padStart(2, '0').repeat(16);
/** A presigned request's headers by lower-case name, as `signedFields` and a server read them. */
const headerMap = (signed) => Object.fromEntries(signed.headers.map(([name, value]) => [name.toLowerCase(), value]));

test('pinned, presign gives the same request twice: the timestamp from now, the nonce from randomBytes', async () => {
  for (const signatureVersion of ['v3', 'v1']) {
    const sign = () =>
      new EcsImageClient({ regionId: 'cn-hangzhou', credentials: DEMO, signatureVersion, now: () => Date.parse(PINNED) + 999, randomBytes: counting() })
        .presign('DeleteImage', { imageId: 'm-1' });
    const [first, second] = [await sign(), await sign()];
    assert.deepEqual(first, second, signatureVersion);
    const entry = { url: first.url, headers: headerMap(first), params: new URL(first.url).searchParams };
    const fields = signedFields(entry);
    // Whole seconds: the 999 ms are dropped.
    assert.equal(fields.timestamp, PINNED);
    assert.equal(fields.nonce, hex(1));
  }
});

test('the README example signs as it says', async () => {
  // crates/wasm/package/README.md, "Testing: pinning the clock and nonce".
  let draws = 0;
  const client = new EcsImageClient({
    regionId: 'cn-hangzhou',
    credentials: { accessKeyId: 'test', accessKeySecret: 'test' },
    now: () => Date.parse('2016-02-23T12:46:24Z'),
    randomBytes: (length) => new Uint8Array(length).fill(++draws),
  });
  const headers = headerMap(await client.presign('DeleteImage', { imageId: 'm-1' }));
  assert.equal(headers['x-acs-date'], '2016-02-23T12:46:24Z');
  assert.equal(headers['x-acs-signature-nonce'], '01010101010101010101010101010101');
});

test('a create’s ClientToken is drawn from randomBytes once per call, a nonce per attempt', async () => {
  const randomBytes = counting();
  const log = recordingFetch();
  const client = makeClient(emulator, { fetch: log, randomBytes });
  await client.createImageComponent({ name: 'pinned-component', content: 'RUN echo pinned' });
  const [call] = log.calls.map(signedFields);
  // The first draw is the token (a version 4 UUID of 0x01 bytes), the second the nonce.
  assert.equal(call.clientToken, '01010101-0101-4101-8101-010101010101');
  assert.equal(call.nonce, hex(2));
  assert.equal(randomBytes.draws, 2);
});

test('now drives the clock-skew correction: a clock 20 minutes ahead is corrected by the Date header', async () => {
  const log = recordingFetch();
  const client = makeClient(emulator, { fetch: log, maxAttempts: 1, now: () => Date.now() + TWENTY_MINUTES });
  const res = await client.describeImages({ pageSize: 1 });
  assert.equal(res.statusCode, 200);
  const [refused, corrected] = log.calls.map((c) => Date.parse(signedFields(c).timestamp));
  assert.ok(Math.abs(refused - (Date.now() + TWENTY_MINUTES)) < 5_000, 'the first attempt was not signed with the given clock');
  assert.ok(Math.abs(corrected - Date.now()) < 5_000, 'the second attempt was not signed with the server time');
});

test('a pinned nonce is refused the second time: production must keep randomBytes random', async () => {
  const client = makeClient(emulator, { maxAttempts: 1, randomBytes: (length) => new Uint8Array(length).fill(7) });
  await client.describeImages({ pageSize: 1 });
  await rejectsEcs(client.describeImages({ pageSize: 1 }), { kind: 'api', code: 'SignatureNonceUsed' });
});

test('by default every call signs with a fresh random nonce', async () => {
  const log = recordingFetch();
  const client = makeClient(emulator, { fetch: log });
  await client.describeImages({ pageSize: 1 });
  await client.describeImages({ pageSize: 1 });
  const [a, b] = log.calls.map((c) => signedFields(c).nonce);
  assert.match(a, /^[0-9a-f]{32}$/);
  assert.notEqual(a, b);
});
