// presign(): a signed request that is not sent (method, url, headers, body, string-to-sign,
// params); toCurl() output run by curl against the emulator (200 the first time, refused the second:
// the nonce is single-use); toAliyunCli() quoting; and the AccessKey secret appearing nowhere: not in
// the presigned object, the commands, the client, or any error's message, stack or fields.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { inspect, promisify } from 'node:util';
import {
  DEMO,
  INSTANCE,
  REGION,
  errorResponse,
  makeClient,
  recordingFetch,
  rejectsEcs,
  startEmulator,
  toAliyunCli,
  toCurl,
} from './helpers.mjs';
import { startProxy } from '../../../tests/support/proxy-server.mjs';

const run = promisify(execFile);
const SECRET = DEMO.accessKeySecret;
const WRONG_SECRET = 'wrong-Secret-4f1c9e';

let emulator;
before(async () => {
  emulator = await startEmulator(['--speed', '2000', '--admin']);
});
after(() => emulator?.stop());

/** Runs a command line with sh and returns [HTTP status, body] (curl prints the status last). */
async function runCurl(command) {
  const { stdout } = await run('sh', ['-c', `${command} -s -w '\\n%{http_code}'`], { timeout: 10_000 });
  const at = stdout.lastIndexOf('\n');
  return [Number(stdout.slice(at + 1)), stdout.slice(0, at)];
}

/** Every form a secret could leak in. */
function leaks(text, secret = SECRET) {
  const forms = [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex'), encodeURIComponent(secret)];
  return forms.filter((form) => text.includes(form));
}

function assertNoSecret(what, text, secret = SECRET) {
  assert.deepEqual(leaks(text, secret), [], `${what} holds the secret`);
}

/** Everything an error shows: message, stack, fields, and its causes. */
function everything(error) {
  const parts = [];
  for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    parts.push(String(e.message), String(e.stack), inspect(e, { depth: null, showHidden: true }));
    try {
      parts.push(JSON.stringify(e));
    } catch {
      // circular causes are inspected above
    }
  }
  return parts.join('\n');
}

describe('presign', () => {
  for (const [mode, method] of [['v3', 'POST'], ['v1', 'POST'], ['v3', 'GET'], ['v1', 'GET']]) {
    test(`returns the signed request without sending it, and its curl runs once (${mode} ${method})`, async () => {
      const log = recordingFetch();
      const client = makeClient(emulator, { signatureVersion: mode, method, fetch: log });
      const signed = await client.presign('DescribeImages', { imageOwnerAlias: 'system', pageSize: 2 });
      assert.equal(log.calls.length, 0, 'presign sent something');
      assert.deepEqual(
        Object.keys(signed).sort(),
        ['action', 'body', 'canonicalRequest', 'headers', 'method', 'params', 'stringToSign', 'url', 'warnings'],
      );
      assert.equal(signed.action, 'DescribeImages');
      assert.equal(signed.method, method);
      assert.ok(signed.url.startsWith(`${emulator.url}/?`), signed.url);
      assert.equal(typeof signed.body, 'string');
      assert.deepEqual(signed.params, [['ImageOwnerAlias', 'system'], ['PageSize', '2'], ['RegionId', REGION]]);
      const headers = Object.fromEntries(signed.headers.map(([k, v]) => [k.toLowerCase(), v]));
      assert.equal(headers['x-acs-action'], 'DescribeImages');
      assert.equal(headers['x-acs-version'], '2014-05-26');
      const query = new URL(signed.url).searchParams;
      if (mode === 'v3') {
        assert.match(signed.stringToSign, /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
        assert.match(headers.authorization, /^ACS3-HMAC-SHA256 Credential=demo,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/);
        assert.match(headers['x-acs-signature-nonce'], /^[0-9a-f]{32}$/);
        assert.ok(signed.canonicalRequest.startsWith(`${method}\n/\nImageOwnerAlias=system&PageSize=2&RegionId=${REGION}\n`), signed.canonicalRequest);
        assert.equal(query.get('Signature'), null);
      } else {
        assert.equal(headers.authorization, undefined);
        assert.equal(signed.canonicalRequest, null);
        assert.ok(signed.stringToSign.startsWith(`${method}&%2F&AccessKeyId%3Ddemo%26Action%3DDescribeImages`), signed.stringToSign);
        assert.match(query.get('Signature'), /^[A-Za-z0-9+/]{27}=$/);
        assert.equal(query.get('SignatureNonce').length, 32);
      }

      const curl = toCurl(signed);
      assert.ok(curl.startsWith(`curl -X ${method} '${signed.url}'`), curl);
      assert.ok(!/-H 'host:/i.test(curl), 'curl sets Host from the URL');
      assertNoSecret('curl', curl);
      const [status, body] = await runCurl(curl);
      assert.equal(status, 200, body);
      const json = JSON.parse(body);
      assert.equal(json.Images.Image.length, 2);
      assert.equal(json.PageSize, 2);
      // The nonce is single-use: the same command again is refused.
      const [again, refused] = await runCurl(curl);
      assert.equal(again, 400);
      assert.equal(JSON.parse(refused).Code, 'SignatureNonceUsed');
    });
  }

  test('a CreateImage curl with a quote in a value creates the image; the CLI line quotes the same way', async () => {
    const client = makeClient(emulator);
    const request = { instanceId: INSTANCE, imageName: 'from-curl', description: "it's made by curl", tag: [{ key: 'k', value: 'a b' }] };
    const signed = await client.presign('CreateImage', request);
    // The client adds a ClientToken to creating calls it sends; presign signs the request as given.
    assert.deepEqual(signed.params, [
      ['Description', "it's made by curl"],
      ['ImageName', 'from-curl'],
      ['InstanceId', INSTANCE],
      ['RegionId', REGION],
      ['Tag.1.Key', 'k'],
      ['Tag.1.Value', 'a b'],
    ]);
    const [status, body] = await runCurl(toCurl(signed));
    assert.equal(status, 200, body);
    const { ImageId } = JSON.parse(body);
    const { images } = await client.describeImages({ imageId: ImageId, status: 'ALL' });
    assert.equal(images[0].description, "it's made by curl");
    assert.deepEqual(images[0].tags.map((t) => [t.tagKey, t.tagValue]), [['k', 'a b']]);

    const cli = toAliyunCli(signed);
    assert.equal(
      cli,
      "aliyun ecs CreateImage --Description 'it'\\''s made by curl' --ImageName 'from-curl' --InstanceId 'i-hangzhou-web1' --RegionId 'cn-hangzhou' --Tag.1.Key 'k' --Tag.1.Value 'a b'",
    );
    // What a shell makes of it: the words the CLI would get.
    const { stdout } = await run('sh', ['-c', cli.replace(/^aliyun /, "printf '%s\\n' ")]);
    assert.deepEqual(stdout.split('\n').slice(0, -1), [
      'ecs', 'CreateImage', '--Description', "it's made by curl", '--ImageName', 'from-curl', '--InstanceId', INSTANCE,
      '--RegionId', REGION, '--Tag.1.Key', 'k', '--Tag.1.Value', 'a b',
    ]);
    assertNoSecret('the CLI line', cli);
  });

  test('toAliyunCli renders `aliyun ecs Action --Key value` for every signature mode alike', async () => {
    const v3 = await makeClient(emulator).presign('describeImages', { imageId: 'm-1' });
    const v1 = await makeClient(emulator, { signatureVersion: 'v1', method: 'GET' }).presign('DescribeImages', { imageId: 'm-1' });
    const line = "aliyun ecs DescribeImages --ImageId 'm-1' --RegionId 'cn-hangzhou'";
    assert.equal(toAliyunCli(v3), line);
    assert.equal(toAliyunCli(v1), line);
  });

  test('presign validates like a call does', async () => {
    await rejectsEcs(makeClient(emulator).presign('CreateImage', { imageName: 'x' }), { kind: 'validation' });
  });

  test('through a proxy: the request goes to proxyBaseUrl, the signature names the Host the proxy sends', async () => {
    // No endpoint: each call signs ecs.<its own regionId>.aliyuncs.com, the Host the shipped proxy
    // sets (not cn-hangzhou's SDK endpoint ecs-cn-hangzhou.aliyuncs.com), and the strict emulator
    // behind a proxy that sets it as nginx does accepts it, for the client's region and another.
    const proxy = await startProxy(emulator.url);
    try {
      for (const [regionId, other] of [['cn-hangzhou', 'cn-shanghai'], ['cn-beijing', 'cn-hangzhou']]) {
        const log = recordingFetch();
        const client = makeClient(emulator, { regionId, endpoint: undefined, proxyBaseUrl: proxy.url, fetch: log });
        const signed = await client.presign('DescribeImages', {});
        assert.ok(signed.url.startsWith(`${proxy.url}/?`), signed.url);
        assert.ok(signed.canonicalRequest.includes(`\nhost:ecs.${regionId}.aliyuncs.com\n`), signed.canonicalRequest);
        assert.equal((await client.describeImages({ pageSize: 1 })).regionId, regionId);
        assert.equal((await client.describeImages({ regionId: other, pageSize: 1 })).regionId, other);
        assert.ok(log.calls.every((call) => call.url.startsWith(proxy.url)));
      }
      assert.deepEqual(proxy.log.map((e) => e.status), [200, 200, 200, 200]);
    } finally {
      await proxy.close();
    }
  });

  test('a call signed for another Host than it arrives with is refused, as at the service', async () => {
    // Sent straight to the emulator: it arrives with Host 127.0.0.1:PORT, not the host signed.
    const client = makeClient(emulator, { endpoint: undefined, proxyBaseUrl: emulator.url, maxAttempts: 1 });
    await rejectsEcs(client.describeImages({ pageSize: 1 }), { kind: 'api', code: 'SignatureDoesNotMatch' });
  });
});

describe('the secret appears nowhere', () => {
  test('not in presigned requests, their commands, or the client', async () => {
    for (const [mode, method] of [['v3', 'POST'], ['v1', 'POST'], ['v3', 'GET'], ['v1', 'GET']]) {
      const client = makeClient(emulator, { signatureVersion: mode, method });
      const signed = await client.presign('CreateImage', { instanceId: INSTANCE, imageName: 'no-secret', tag: [{ key: 'k', value: 'v' }] });
      assertNoSecret(`presign ${mode} ${method}`, JSON.stringify(signed));
      assertNoSecret(`presign ${mode} ${method}`, inspect(signed, { depth: null, showHidden: true }));
      assertNoSecret(`toCurl ${mode} ${method}`, toCurl(signed));
      assertNoSecret(`toAliyunCli ${mode} ${method}`, toAliyunCli(signed));
      assertNoSecret('the client', inspect(client, { depth: null, showHidden: true }));
      assertNoSecret('the client', JSON.stringify(client));
    }
  });

  test('not in any error: validation, api, network, timeout, aborted, decode', async () => {
    const errors = {};
    const client = (options) => makeClient(emulator, { maxAttempts: 1, ...options });
    errors.validation = await rejectsEcs(client().createImage({ imageName: 'x', bogus: true }), { kind: 'validation' });
    errors.credentials = await rejectsEcs(client({ credentials: undefined, credentialsProvider: () => ({ accessKeyId: '', accessKeySecret: SECRET }) }).describeImages({}), {
      kind: 'validation',
    });
    errors.api = await rejectsEcs(client({ credentials: { accessKeyId: 'demo', accessKeySecret: WRONG_SECRET } }).createImage({ instanceId: INSTANCE }), {
      kind: 'api',
      code: 'SignatureDoesNotMatch',
    });
    errors.apiV1 = await rejectsEcs(client({ signatureVersion: 'v1', credentials: { accessKeyId: 'demo', accessKeySecret: WRONG_SECRET } }).createImage({ instanceId: INSTANCE }), {
      kind: 'api',
    });
    errors.network = await rejectsEcs(client({ endpoint: 'http://127.0.0.1:1' }).describeImages({}), { kind: 'network' });
    await emulator.setFaults([{ action: '*', latencyMs: 500 }]);
    try {
      errors.timeout = await rejectsEcs(client({ timeoutMs: 30 }).describeImages({}), { kind: 'timeout' });
      errors.aborted = await rejectsEcs(client().describeImages({}, { abortSignal: AbortSignal.timeout(30) }), { kind: 'aborted' });
    } finally {
      await emulator.clearFaults();
    }
    errors.decode = await rejectsEcs(client({ fetch: async () => new Response('{"RequestId": "x", "Ima', { status: 200 }) }).describeImages({}), { kind: 'decode' });
    errors.forbidden = await rejectsEcs(client({ fetch: async () => errorResponse(403, 'Forbidden', 'no') }).describeImages({}), { kind: 'api' });
    for (const [name, error] of Object.entries(errors)) {
      assertNoSecret(`the ${name} error`, everything(error));
      assertNoSecret(`the ${name} error`, everything(error), WRONG_SECRET);
    }
  });
});
