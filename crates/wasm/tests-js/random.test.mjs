// The default random source (js/random.ts): the platform's CSPRNG drawn ahead in a pool, each byte
// handed out once, and the nonces it makes different from call to call.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { EcsImageClient, PKG_DIST } from './helpers.mjs';

const { cryptoRandomBytes } = await import(pathToFileURL(join(PKG_DIST, 'random.js')).href);

test('each draw is fresh bytes of the length asked, across pool refills and beyond the pool', () => {
  const seen = new Set();
  for (let i = 0; i < 1000; i++) {
    const bytes = cryptoRandomBytes(16);
    assert.equal(bytes.length, 16);
    seen.add(Buffer.from(bytes).toString('hex'));
  }
  assert.equal(seen.size, 1000, 'no 16 bytes handed out twice');
  assert.equal(cryptoRandomBytes(10_000).length, 10_000);
  const a = cryptoRandomBytes(4);
  a.fill(0);
  assert.notDeepEqual(cryptoRandomBytes(4), new Uint8Array(4), 'a draw is a copy: changing it changes nothing else');
});

test('every presign has its own nonce', async () => {
  const client = new EcsImageClient({ regionId: 'cn-hangzhou', credentials: { accessKeyId: 'id', accessKeySecret: 'secret' } });
  const nonces = new Set();
  for (let i = 0; i < 50; i++) {
    const signed = await client.presign('DescribeImages', {});
    nonces.add(signed.headers.find(([name]) => name === 'x-acs-signature-nonce')[1]);
  }
  assert.equal(nonces.size, 50);
});
