// Differential tests of the npm package `ecsimg` (what users run: the wasm core and the TypeScript
// client, built by crates/wasm/build.sh) against the official Alibaba Cloud SDK: the matrix of
// official.test.mjs with the package's presign as the signer, its clock and nonce pinned through
// `ClientOptions.now` and `randomBytes`; then what its fetch really sends, in explicit endpoint and
// in proxy mode. Run from the repository root: `node --test tests/conformance/`.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { headersDiff, Mismatches, queryPairs, textDiff } from './compare.mjs';
import { CASES, CREDENTIALS, Differential, METHODS, nextNonce, rejected } from './differential.mjs';
import { asAnswer, EcsError, packageSigner, pinnedClient, pinnedClientToken } from './ecsimg-package.mjs';
import { officialEndpoint } from './official.mjs';

const VERSIONS = ['v1', 'v3'];

let differential;

before(async () => {
  differential = await Differential.start();
});

after(() => differential?.close());

/**
 * Makes the call through the client's own fetch and returns the request as it arrived. The
 * capture server's `{"RequestId"}` is not every operation's answer: a decode error is expected.
 */
async function sentByClient(client, action, request) {
  try {
    await client.call(action, request);
  } catch (e) {
    if (!(e instanceof EcsError && e.kind === 'decode')) throw e;
  }
  return differential.take();
}

/** Differences between a request as it arrived and the presigned one it should be. */
function deliveredDiffs(received, signed) {
  const url = new URL(signed.url);
  // As a server sees them: lower-case names (the presigned request says `Authorization`).
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return [
    ...textDiff('method', received.method, signed.method, 'presigned'),
    ...textDiff('path and query', received.url, `${url.pathname}${url.search}`, 'presigned'),
    ...textDiff('body', received.body, signed.body, 'presigned'),
    ...headersDiff(Object.keys(headers), received.headers, headers, 'presigned'),
  ];
}

test('V1 (HMAC-SHA1): the package presigns what the official client sends, byte for byte', (t) =>
  differential.compareV1(t, packageSigner),
);

test('V3 (ACS3-HMAC-SHA256): the package presigns what the official client sends; verified independently', (t) =>
  differential.compareV3(t, packageSigner),
);

test('parameters newer than the TS SDK: the official V1 signer and the independent V3 verifier agree', (t) =>
  differential.checkNewerParameters(t, packageSigner),
);

test('endpoints: with no endpoint given the package signs for the host the official client resolves', (t) =>
  differential.compareEndpoints(t, packageSigner),
);

test('sending: the client’s fetch delivers what it presigns, with a pinned ClientToken', async (t) => {
  const problems = new Mismatches();
  const tokens = new Set();
  for (const { op, variant } of CASES) {
    for (const signature of VERSIONS) {
      for (const method of METHODS) {
        const context = `${op.name} / ${variant.name} / ${signature} / ${method}`;
        const nonce = nextNonce();
        const credentials = CREDENTIALS.sts;
        const options = { nonce, signature, method, credentials, endpoint: `http://${differential.endpoint}` };
        const received = await sentByClient(pinnedClient(options), op.name, variant.request);
        const clientToken = queryPairs(received.url).find(([k]) => k === 'ClientToken')?.[1];
        // A create without a ClientToken gets one, made of the pinned random bytes.
        const request = { ...variant.request };
        if (request.clientToken == null && clientToken !== undefined) {
          problems.add(context, textDiff('ClientToken', clientToken, pinnedClientToken(nonce), 'the pinned bytes’ UUID'));
          request.clientToken = clientToken;
          tokens.add(op.name);
        }
        const signed = asAnswer(await pinnedClient(options).presign(op.name, request));
        problems.add(context, deliveredDiffs(received, signed));
        if (signature === 'v3') problems.add(context, rejected(await differential.verify(received, credentials.accessKeySecret), 'it'));
      }
    }
  }
  t.diagnostic(`${CASES.length * VERSIONS.length * METHODS.length} calls sent; ${tokens.size} operations got a ClientToken`);
  assert.ok(tokens.size > 0, 'no call got a ClientToken from the client: the pinned UUID is untested');
  problems.check();
});

test('explicit endpoint: an endpoint URL is the signed host and where the request goes', async () => {
  const endpoint = `http://${differential.endpoint}`;
  for (const signature of VERSIONS) {
    const client = pinnedClient({ nonce: nextNonce(), signature, credentials: CREDENTIALS.sts, endpoint });
    const signed = asAnswer(await client.presign('DescribeImages', { pageSize: 10 }));
    assert.equal(new URL(signed.url).origin, endpoint, signature);
    if (signature === 'v3') assert.equal(signed.headers.host, differential.endpoint);
  }
});

test('proxy mode: the package signs ecs.<RegionId>.aliyuncs.com, the host web/nginx/ecsimg.conf sends', async (t) => {
  const proxyBaseUrl = `http://${differential.endpoint}/api/ecs`;
  // The client's region, and the request's when it gives one: a request in another region than the
  // client's (a waiter's, a copy's) is signed for the host the proxy will send for its RegionId.
  const cases = [
    { clientRegion: 'cn-hangzhou', request: { pageSize: 10 }, region: 'cn-hangzhou' },
    { clientRegion: 'cn-shanghai', request: { pageSize: 10 }, region: 'cn-shanghai' },
    { clientRegion: 'cn-hangzhou', request: { regionId: 'ap-southeast-1', pageSize: 10 }, region: 'ap-southeast-1' },
  ];
  // cn-hangzhou is the case that matters: the official SDK's endpoint for it is another host.
  assert.equal(officialEndpoint('cn-hangzhou'), 'ecs-cn-hangzhou.aliyuncs.com');
  const problems = new Mismatches();
  for (const { clientRegion, request, region } of cases) {
    for (const method of METHODS) {
      const context = `client ${clientRegion} / request ${region} / ${method}`;
      const host = `ecs.${region}.aliyuncs.com`;
      const credentials = CREDENTIALS.sts;
      const options = { nonce: nextNonce(), signature: 'v3', method, credentials, regionId: clientRegion, proxyBaseUrl };
      const signed = asAnswer(await pinnedClient(options).presign('DescribeImages', request));
      const received = await sentByClient(pinnedClient(options), 'DescribeImages', request);
      // What the proxy does: the upstream host from the first RegionId, the path `/`.
      const proxied = {
        ...received,
        url: received.url.replace(/^\/api\/ecs\//, '/'),
        headers: { ...received.headers, host: `ecs.${new URL(received.url, proxyBaseUrl).searchParams.get('RegionId')}.aliyuncs.com` },
      };
      const verified = await differential.verify(proxied, credentials.accessKeySecret);
      problems.add(context, [
        ...textDiff('signed host', signed.headers.host, host, 'expected'),
        ...textDiff('URL', signed.url.slice(0, proxyBaseUrl.length + 2), `${proxyBaseUrl}/?`, 'expected'),
        ...textDiff('path at the proxy', received.url.split('?')[0], '/api/ecs/', 'expected'),
        ...textDiff('host the proxy sends', proxied.headers.host, host, 'expected'),
        ...rejected(verified, `it over Host ${proxied.headers.host}`),
      ]);
    }
  }
  t.diagnostic(`${cases.length * METHODS.length} calls through the proxy path`);
  problems.check();
});
