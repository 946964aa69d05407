// STS credentials (AccessKey, secret and security token, from the emulator's --config), and the
// credentialsProvider, called before every attempt so refreshed credentials are used.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNT, REGION, makeClient, recordingFetch, rejectsEcs, signedFields, startEmulator } from './helpers.mjs';

const ACCOUNT = Number(DEMO_ACCOUNT);
const FIRST = { accessKeyId: 'STS.first', accessKeySecret: 'sts-first-secret', securityToken: 'CAIS+first/token==' };
const SECOND = { accessKeyId: 'STS.second', accessKeySecret: 'sts-second-secret', securityToken: 'CAIS+second/token==' };
const EXPIRED = { accessKeyId: 'STS.expired', accessKeySecret: 'sts-expired-secret', securityToken: 'CAIS+expired/token==' };
const PLAIN = { accessKeyId: 'plain', accessKeySecret: 'plain-secret' };

let emulator;
before(async () => {
  const key = (k, expiration) => ({ ...k, accountId: ACCOUNT, ...(expiration ? { expiration } : {}) });
  emulator = await startEmulator(['--speed', '2000', '--admin'], {
    keys: [key(PLAIN), key(FIRST, '2099-01-01T00:00:00Z'), key(SECOND, '2099-01-01T00:00:00Z'), key(EXPIRED, '2020-01-01T00:00:00Z')],
  });
});
after(() => emulator?.stop());

describe('an STS key from --config', () => {
  for (const mode of ['v3', 'v1']) {
    test(`is accepted with its token, which travels signed (${mode})`, async () => {
      const log = recordingFetch();
      const res = await makeClient(emulator, { fetch: log, signatureVersion: mode, credentials: FIRST }).describeImages({ imageOwnerAlias: 'self', status: 'ALL' });
      assert.equal(res.regionId, REGION);
      const signed = signedFields(log.calls[0]);
      assert.equal(signed.accessKeyId, 'STS.first');
      assert.equal(signed.securityToken, FIRST.securityToken);
      if (mode === 'v3') assert.match(log.calls[0].headers.authorization, /SignedHeaders=[^,]*x-acs-security-token/);
    });

    test(`is refused without its token, with another token, and once expired (${mode})`, async () => {
      const client = (credentials) => makeClient(emulator, { signatureVersion: mode, credentials, maxAttempts: 3 });
      const { securityToken, ...withoutToken } = FIRST;
      await rejectsEcs(client(withoutToken).describeImages({}), { kind: 'api', code: 'MissingSecurityToken', attempts: 1 });
      await rejectsEcs(client({ ...FIRST, securityToken: SECOND.securityToken }).describeImages({}), {
        kind: 'api',
        code: 'InvalidSecurityToken.MismatchWithAccessKey',
        attempts: 1,
      });
      await rejectsEcs(client(EXPIRED).describeImages({}), { kind: 'api', code: 'InvalidSecurityToken.Expired', retryable: false, attempts: 1 });
      await rejectsEcs(client({ ...FIRST, accessKeySecret: 'wrong' }).describeImages({}), { kind: 'api', code: 'SignatureDoesNotMatch', attempts: 1 });
    });
  }

  test('a plain key from --config replaces the demo ones', async () => {
    assert.equal((await makeClient(emulator, { credentials: PLAIN }).describeImages({ pageSize: 1 })).statusCode, 200);
    await rejectsEcs(makeClient(emulator).describeImages({}), { kind: 'api', code: 'InvalidAccessKeyId.NotFound' });
  });
});

describe('credentialsProvider', () => {
  test('is called before every attempt, and the refreshed credentials sign the retry', async () => {
    await emulator.setFaults([{ action: '*', unavailable: 1 }]);
    const issued = [];
    const credentialsProvider = async () => {
      const next = issued.length === 0 ? FIRST : SECOND;
      issued.push(next.accessKeyId);
      return next;
    };
    const log = recordingFetch(async (url, init, entry, calls) => {
      try {
        return await fetch(url, init);
      } finally {
        if (calls.length === 1) await emulator.clearFaults();
      }
    });
    try {
      const client = makeClient(emulator, { credentials: undefined, credentialsProvider, fetch: log, maxAttempts: 3 });
      const res = await client.createImage({ instanceId: 'i-hangzhou-web1', imageName: 'sts-refreshed' });
      assert.match(res.imageId, /^m-/);
    } finally {
      await emulator.clearFaults();
    }
    assert.deepEqual(issued, ['STS.first', 'STS.second']);
    const signed = log.calls.map(signedFields);
    assert.deepEqual(signed.map((s) => [s.accessKeyId, s.securityToken]), [
      ['STS.first', FIRST.securityToken],
      ['STS.second', SECOND.securityToken],
    ]);
    // The refresh changes the signature, not the call: the ClientToken stays.
    assert.equal(signed[0].clientToken, signed[1].clientToken);
  });

  test('is called once per attempt across calls, presign included; synchronous providers work too', async () => {
    let calls = 0;
    const client = makeClient(emulator, { credentials: undefined, credentialsProvider: () => (calls++, FIRST) });
    await client.describeImages({ pageSize: 1 });
    await client.describeImages({ pageSize: 1 });
    assert.equal(calls, 2);
    const signed = await client.presign('DescribeImages', {});
    assert.equal(calls, 3);
    assert.ok(signed.headers.some(([name, value]) => name.toLowerCase() === 'x-acs-security-token' && value === FIRST.securityToken));
  });

  test('takes precedence over credentials', async () => {
    const log = recordingFetch();
    await makeClient(emulator, { credentials: PLAIN, credentialsProvider: () => SECOND, fetch: log }).describeImages({ pageSize: 1 });
    assert.equal(signedFields(log.calls[0]).accessKeyId, 'STS.second');
  });

  test('a provider that fails fails the call, and nothing is sent', async () => {
    const log = recordingFetch();
    const client = makeClient(emulator, { credentials: undefined, credentialsProvider: async () => Promise.reject(new Error('the STS endpoint is down')), fetch: log });
    await assert.rejects(client.describeImages({}), (e) => /the STS endpoint is down/.test(String(e?.message)) || /the STS endpoint is down/.test(String(e?.cause?.message)));
    assert.equal(log.calls.length, 0);
  });

  test('credentials without a secret are a validation error, and nothing is sent', async () => {
    const log = recordingFetch();
    const client = makeClient(emulator, { credentials: undefined, credentialsProvider: () => ({ accessKeyId: 'STS.first' }), fetch: log });
    await rejectsEcs(client.describeImages({}), { kind: 'validation' });
    assert.equal(log.calls.length, 0);
  });
});
