// The production nginx config (web/nginx/ecsimg.conf) in front of the emulator, with Debian's nginx
// (tests/proxy/harness.mjs): the console's files, signed calls end to end, the region check, the
// one path and the methods forwarded, size limits, upstream certificates. The allowlist is tested
// in allowlist.test.mjs, the rate limits and the logs in limits.test.mjs.
//
// Run it from anywhere: `node --test tests/proxy/`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { assertRefusal, assertSecurityHeaders, CONF, CSP, EcsError, freePort, mainConf, NGINX, nginxArgs, PKG_DIST, ROOT, startProxy, VERSION } from './harness.mjs';

let proxy;
let tmp;
/** Everything the tap received. */
let seen;
before(async () => {
  proxy = await startProxy();
  ({ tmp, seen } = proxy);
});
after(() => proxy?.stop());

const raw = (path, options) => proxy.raw(path, options);
const rawLine = (line) => proxy.rawLine(line);
const client = (options) => proxy.client(options);
const errorLog = () => proxy.errorLog();

test('the shipped file passes nginx -t as it is, but for the certificate paths, the ports and the log', async () => {
  // nginx -t binds the listen addresses: free loopback ports, so that it runs without root.
  const dir = join(tmp, 'as-shipped');
  mkdirSync(dir);
  const [v4, v6] = [await freePort(), await freePort()];
  if (v4 === v6) throw new Error('freePort gave the same port twice; run again');
  const conf = readFileSync(CONF, 'utf8')
    .replace('/etc/ssl/ecsimg/fullchain.pem', join(tmp, 'tap.pem'))
    .replace('/etc/ssl/ecsimg/privkey.pem', join(tmp, 'tap.key'))
    .replace('listen 443 ', `listen 127.0.0.1:${v4} `)
    .replace('listen [::]:443 ', `listen 127.0.0.1:${v6} `)
    .replace('/var/log/nginx/ecsimg-access.log', join(dir, 'access.log'));
  writeFileSync(join(dir, 'ecsimg.conf'), conf);
  writeFileSync(join(dir, 'nginx.conf'), mainConf(tmp, join(dir, 'ecsimg.conf')));
  const check = spawnSync(NGINX, ['-t', ...nginxArgs(dir, join(dir, 'nginx.conf'))], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stderr, /test is successful/);
});

test('serves the console with the security headers and revalidated caching', async () => {
  const page = await raw('/');
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'], /^text\/html/);
  assert.match(page.body.toString(), /<title>ecsimg console<\/title>/);
  assertSecurityHeaders(page.headers, '/');
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.ok(page.headers.etag && page.headers['last-modified'], 'validators for revalidation');
  const again = await raw('/', { headers: { 'if-none-match': page.headers.etag } });
  assert.equal(again.status, 304);

  const boot = await raw('/boot.js');
  assert.equal(boot.status, 200);
  assert.match(boot.headers['content-type'], /^application\/javascript/);
  assertSecurityHeaders(boot.headers, '/boot.js');

  const wasmPath = '/ecsimg/wasm/ecsimg_wasm_bg.wasm';
  const wasm = await raw(wasmPath);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers['content-type'], 'application/wasm', 'streaming compilation needs application/wasm');
  assert.deepEqual(wasm.body, readFileSync(join(PKG_DIST, 'wasm/ecsimg_wasm_bg.wasm')));
  // The build's gzip copy, sent as it is; a file without one is compressed on the fly.
  const gz = await raw(wasmPath, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.deepEqual(gz.body, readFileSync(join(tmp, 'site', `${wasmPath}.gz`)));
  assert.deepEqual(gunzipSync(gz.body), wasm.body);
  const js = await raw('/boot.js', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(js.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(js.body).toString(), readFileSync(join(ROOT, 'web/boot.js'), 'utf8'));

  const missing = await raw('/missing.js');
  assert.equal(missing.status, 404, 'no fallback to index.html');
  assertSecurityHeaders(missing.headers, '404');
  assert.equal((await raw('/', { method: 'POST' })).status, 405);
});

test('signed V3 and V1 calls (POST and GET) go through /api/ecs/ to the region endpoint and succeed', async () => {
  for (const signatureVersion of ['v3', 'v1']) {
    for (const method of ['POST', 'GET']) {
      const what = `${signatureVersion} ${method}`;
      const c = client({ signatureVersion, method });
      const before = seen.length;
      const res = await c.describeImages({ imageOwnerAlias: 'system', pageSize: 100 });
      assert.equal(res.statusCode, 200, what);
      assert.ok(res.totalCount > 20 && res.images.length > 20, `${what}: a full page of public images`);
      assertSecurityHeaders(res.headers, what);
      assert.equal(res.headers['cache-control'], 'no-store', `${what}: the upstream's Cache-Control replaced`);
      assert.equal(res.headers['set-cookie'], undefined, `${what}: no upstream cookies`);

      assert.equal(seen.length, before + 1, `${what}: one request upstream`);
      const got = seen.at(-1);
      assert.equal(got.method, method, what);
      assert.equal(got.servername, 'ecs.cn-hangzhou.aliyuncs.com', `${what}: SNI`);
      assert.equal(got.headers.host, 'ecs.cn-hangzhou.aliyuncs.com', `${what}: Host as configured`);
      // The query arrives byte for byte as signed and sent, at the endpoint's root.
      const sent = new URL(proxy.lastSentUrl);
      assert.equal(sent.pathname, '/api/ecs/', what);
      assert.equal(got.url, `/${sent.search}`, `${what}: the query is passed on as sent`);
      if (signatureVersion === 'v3') {
        assert.match(got.headers.authorization, /^ACS3-HMAC-SHA256 Credential=demo,SignedHeaders=host;x-acs-action;/, what);
        for (const h of ['x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
          assert.ok(got.headers[h], `${what}: ${h} passed on`);
        }
      } else {
        assert.match(got.url, /[?&]Signature=[^&]+/, what);
      }
      for (const dropped of ['cookie', 'referer', 'origin']) assert.equal(got.headers[dropped], undefined, `${what}: ${dropped} stripped`);
    }
  }
});

test('a V3 call for another region than the client’s is signed for, and sent to, that region’s Host', async () => {
  const c = client({ regionId: 'cn-hangzhou' });
  const page = await c.describeImages({ regionId: 'cn-shanghai', pageSize: 1 });
  assert.equal(page.regionId, 'cn-shanghai');
  assert.equal(seen.at(-1).headers.host, 'ecs.cn-shanghai.aliyuncs.com');
  assert.equal(seen.at(-1).servername, 'ecs.cn-shanghai.aliyuncs.com');
});

test('a call that changes state, in another region, gets that region’s endpoint', async () => {
  const c = client({ regionId: 'cn-shanghai' });
  const created = await c.createImage({ snapshotId: 's-shanghai-sys1', imageName: 'through-nginx', tag: [{ key: 'via', value: 'nginx' }] });
  assert.match(created.imageId, /^m-/);
  assert.equal(seen.at(-1).headers.host, 'ecs.cn-shanghai.aliyuncs.com');
  assert.equal(seen.at(-1).servername, 'ecs.cn-shanghai.aliyuncs.com');
  const image = await c.waitForImageAvailable({ imageId: created.imageId }, { maxWaitMs: 20_000, minDelayMs: 50, maxDelayMs: 200 });
  assert.equal(image.imageName, 'through-nginx');
  assert.equal(seen.at(-1).headers.host, 'ecs.cn-shanghai.aliyuncs.com');
});

test('a malformed RegionId is refused with 400 and never forwarded', async () => {
  const before = seen.length;
  for (const query of [
    'Action=DescribeImages',
    'RegionId=',
    'RegionId=cn-hangzhou.evil.com',
    'RegionId=../',
    'RegionId=..%2F',
    'RegionId=cn-hangzhou%2F..%2Fx',
    'RegionId=cn-hangzhou%2eevil.com',
    'RegionId=evil.com%23',
    'RegionId=cn-hangzhou:443',
    'RegionId=cn-hangzhou@evil.com',
    'RegionId=cn%20hangzhou',
    'RegionId=CN-HANGZHOU',
    `RegionId=${'a'.repeat(64)}`,
    // A hyphen at either end, which the core's region check refuses too.
    'RegionId=-cn',
    'RegionId=cn-',
    // nginx reads the first RegionId, whatever its case: that one must be valid.
    'regionid=evil.com&RegionId=cn-hangzhou',
  ]) {
    for (const method of ['GET', 'POST']) {
      const res = await raw(`/api/ecs/?${query}`, { method });
      assert.equal(res.status, 400, `${method} ${query}`);
      assert.match(res.headers['content-type'], /^application\/json/);
      assert.equal(JSON.parse(res.body).Code, 'InvalidRegionId.Malformed', query);
      assertSecurityHeaders(res.headers, query);
      assert.equal(res.headers['cache-control'], 'no-store', query);
    }
  }
  assert.equal(seen.length, before, 'nothing reached the upstream');

  // Through the client, the refusal is an API error with the code.
  const err = await client({ regionId: 'cn-hangzhou.evil.com', endpoint: 'ecs.cn-hangzhou.aliyuncs.com' })
    .describeImages({})
    .then(() => null, (e) => e);
  assert.ok(err instanceof EcsError, String(err));
  if (err.kind === 'api') assert.equal(err.code, 'InvalidRegionId.Malformed');
  else assert.equal(err.kind, 'validation', `${err.kind}: ${err.message}`);
  assert.equal(seen.length, before);
});

test('nothing but /api/ecs/ is forwarded', async () => {
  const before = seen.length;
  const q = `RegionId=cn-hangzhou&Action=DescribeImages&Version=${VERSION}`;
  for (const path of [
    `/api/other?${q}`,
    `/api/ecs?${q}`,
    `/api/ecs/x?${q}`,
    `/api/ecsx/?${q}`,
    `/api/ecs/../x?${q}`,
    `/api/ecs/%2e%2e/x?${q}`,
    `/api/ecs/..%2fx?${q}`,
    `/api/ecs//evil.example/?${q}`,
    `/api/ecs/http://evil.example/?${q}`,
    `/api/?${q}`,
    `/api/ecs/%3F${q}`,
  ]) {
    const res = await raw(path);
    assert.ok([400, 404].includes(res.status), `${path}: ${res.status}`);
    assertSecurityHeaders(res.headers, path);
  }
  // nginx is not a forward proxy: CONNECT is refused, and a request in absolute form is served
  // here as if the host were not there.
  assert.ok([400, 405].includes(await rawLine('CONNECT evil.example:443 HTTP/1.1')));
  assert.equal(await rawLine(`GET http://evil.example/x.js?${q} HTTP/1.1`), 404);
  assert.equal(await rawLine(`GET http://evil.example/api/other?${q} HTTP/1.1`), 404);
  assert.equal(seen.length, before, 'nothing reached the upstream');
  // Forwarded, and refused by the emulator: the call is not signed.
  assert.equal(await rawLine(`GET http://evil.example/api/ecs/?${q} HTTP/1.1`), 400);
  assert.equal(seen.length, before + 1);
  assert.equal(seen.at(-1).headers.host, 'ecs.cn-hangzhou.aliyuncs.com', 'to the region endpoint, not evil.example');
});

test('methods other than GET and POST are refused', async () => {
  const before = seen.length;
  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE']) {
    const res = await raw('/api/ecs/?RegionId=cn-hangzhou&Action=DescribeImages', { method });
    assert.equal(res.status, 405, method);
    assert.equal(res.headers['content-security-policy'], CSP, method);
  }
  assert.equal(seen.length, before, 'nothing reached the upstream');
});

test('a body over 64 KiB is refused with 413, and a smaller one with 403 (the calls travel in the query)', async () => {
  const before = seen.length;
  const url = `/api/ecs/?RegionId=cn-hangzhou&Action=DescribeImages&Version=${VERSION}`;
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  const big = await raw(url, { method: 'POST', headers, body: 'x'.repeat(64 * 1024 + 1) });
  assert.equal(big.status, 413);
  assertSecurityHeaders(big.headers, '413');
  assertRefusal(await raw(url, { method: 'POST', headers, body: 'x'.repeat(64 * 1024) }), 403, 'Forbidden.Body', '64 KiB');
  assert.equal(seen.length, before, 'neither was forwarded');
});

test('a long query (up to 64 KiB of request line) is passed on; a longer one gets 414', async () => {
  const before = seen.length;
  const long = `/api/ecs/?RegionId=cn-hangzhou&Action=DescribeImages&Version=${VERSION}&Description=${'%E9%95%9C'.repeat(5000)}`;
  const res = await raw(long);
  assert.equal(seen.length, before + 1, `a ${long.length}-byte request line reached the upstream`);
  assert.equal(seen.at(-1).url, long.slice('/api/ecs'.length));
  assert.equal(res.status, 400, 'refused by the emulator: the call is not signed');
  const tooLong = await raw(`/api/ecs/?RegionId=cn-hangzhou&X=${'x'.repeat(70_000)}`);
  assert.equal(tooLong.status, 414);
  assert.equal(seen.length, before + 1);
});

test('the upstream certificate must name the region’s endpoint', async () => {
  // us-west-1 is a valid region, but the tap's certificate does not carry its endpoint's name,
  // just as a man in the middle's would not.
  const before = seen.length;
  const res = await raw(`/api/ecs/?RegionId=us-west-1&Action=DescribeImages&Version=${VERSION}`, { method: 'POST' });
  assert.equal(res.status, 502);
  assert.equal(seen.length, before, 'no request went over the unverified connection');
  assert.match(errorLog(), /upstream SSL certificate does not match "ecs\.us-west-1\.aliyuncs\.com"/);
});
