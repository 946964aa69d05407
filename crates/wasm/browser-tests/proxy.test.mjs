// The same-origin proxy of server.mjs against an echo upstream (no browser): what it forwards, with
// which Host (nginx's rule, `ecs.<the call's RegionId>.aliyuncs.com`), what it refuses before
// sending anything, and that it never reaches anything but its one upstream.
// Run from the repository root: `node --test crates/wasm/browser-tests/`.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { startServer } from './server.mjs';

const LIMIT = 64 * 1024;

let upstream;
let upstreamUrl;
let server;
const received = [];

before(async () => {
  upstream = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() };
      received.push(entry);
      if (req.url.includes('Action=Drop')) return req.socket.destroy();
      if (req.url.includes('Action=Cut')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"RequestId":"cut');
        setTimeout(() => res.socket.destroy(), 20);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'echo', 'set-cookie': 'a=b' });
      res.end(JSON.stringify({ ...entry, body: entry.body.length > 100 ? `${entry.body.length} bytes` : entry.body }));
    });
  });
  await new Promise((ok) => upstream.listen(0, '127.0.0.1', ok));
  upstreamUrl = `http://127.0.0.1:${upstream.address().port}`;
  server = await startServer({ upstream: upstreamUrl, json: { '/creds.json': () => ({ accessKeyId: 'demo' }) } });
});

after(async () => {
  await server?.close();
  upstream?.closeAllConnections();
  await new Promise((ok) => upstream?.close(ok));
});

/** `fetch` that must not reach the upstream: the proxy's own answer, as `{status, body}`. */
async function refused(path, init) {
  const before = received.length;
  const res = await fetch(`${server.url}${path}`, init);
  const body = await res.text();
  assert.equal(received.length, before, `${path} reached the upstream`);
  return { status: res.status, body };
}

test('forwards /api/ecs/* with the prefix stripped, Host from the RegionId, and the browser-only headers dropped', async () => {
  const res = await fetch(`${server.url}/api/ecs/?Action=DescribeImages&RegionId=cn-hangzhou`, {
    method: 'POST',
    headers: {
      authorization: 'ACS3-HMAC-SHA256 Credential=demo,SignedHeaders=host,Signature=00',
      'x-acs-action': 'DescribeImages',
      'x-acs-date': '2026-01-01T00:00:00Z',
      'content-type': 'application/x-www-form-urlencoded',
      'accept-language': 'en',
      cookie: 'session=secret',
      origin: 'http://127.0.0.1:1',
      referer: 'http://127.0.0.1:1/page',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-for': '10.0.0.1',
    },
    body: 'A=1',
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-upstream'), 'echo');
  assert.equal(res.headers.get('set-cookie'), null, 'upstream cookies are not passed to the page');
  const seen = await res.json();
  assert.equal(seen.method, 'POST');
  assert.equal(seen.url, '/?Action=DescribeImages&RegionId=cn-hangzhou');
  // The Host nginx sends, which the client signs: neither the upstream's nor X-Forwarded-Host.
  assert.equal(seen.headers.host, 'ecs.cn-hangzhou.aliyuncs.com');
  assert.equal(seen.headers.authorization, 'ACS3-HMAC-SHA256 Credential=demo,SignedHeaders=host,Signature=00');
  assert.equal(seen.headers['x-acs-action'], 'DescribeImages');
  assert.equal(seen.headers['x-acs-date'], '2026-01-01T00:00:00Z');
  assert.equal(seen.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(seen.headers['accept-language'], 'en', 'other headers pass, as through nginx');
  assert.equal(seen.body, 'A=1');
  for (const dropped of ['cookie', 'origin', 'referer', 'x-forwarded-host', 'x-forwarded-for']) assert.equal(seen.headers[dropped], undefined, dropped);
  // `sent` (what the upstream got) is tests/support/ecs-proxy.mjs's record, checked above.
  const { sent: _, ...entry } = server.log.at(-1);
  assert.deepEqual(entry, {
    method: 'POST',
    path: '/?Action=DescribeImages&RegionId=cn-hangzhou',
    action: 'DescribeImages',
    signature: 'v3',
    host: 'ecs.cn-hangzhou.aliyuncs.com',
    status: 200,
  });
});

test("Host is ecs.<the call's first RegionId>.aliyuncs.com, as nginx's $arg_RegionId", async () => {
  for (const [query, host] of [
    ['Action=DescribeImages&RegionId=cn-shanghai', 'ecs.cn-shanghai.aliyuncs.com'],
    // A CopyImage's query names the destination first (sorted), and is sent to the source region.
    ['Action=CopyImage&DestinationRegionId=cn-shanghai&ImageId=m-1&RegionId=cn-hangzhou', 'ecs.cn-hangzhou.aliyuncs.com'],
    ['RegionId=ap-southeast-1&RegionId=cn-beijing', 'ecs.ap-southeast-1.aliyuncs.com'],
    // Any DNS label: whether the region exists is the service's answer, not the proxy's.
    ['RegionId=xx-nowhere-9', 'ecs.xx-nowhere-9.aliyuncs.com'],
  ]) {
    const res = await fetch(`${server.url}/api/ecs/?${query}`);
    assert.equal(res.status, 200, query);
    assert.equal((await res.json()).headers.host, host, query);
    assert.equal(server.log.at(-1).host, host, query);
  }
});

test('a missing or malformed RegionId is refused with 400 before anything is sent', async () => {
  for (const query of [
    '',
    '?Action=DescribeImages',
    '?RegionId=',
    '?XRegionId=cn-hangzhou',
    '?DestinationRegionId=cn-hangzhou',
    '?RegionId=CN-HANGZHOU',
    '?RegionId=cn%2Dhangzhou',
    '?RegionId=evil.example',
    '?RegionId=cn-hangzhou.evil.example',
    '?RegionId=cn-hangzhou%2F..',
    '?RegionId=cn-hangzhou:80',
    `?RegionId=${'a'.repeat(64)}`,
    '?RegionId=-cn',
    '?RegionId=cn-',
  ]) {
    const { status, body } = await refused(`/api/ecs/${query}`);
    assert.equal(status, 400, query);
    assert.equal(JSON.parse(body).Code, 'InvalidRegionId.Malformed', query);
    assert.equal(server.log.at(-1).status, 400, query);
    assert.equal(server.log.at(-1).host, null, query);
  }
});

test('`/api/ecs` alone maps to the upstream root; other paths stay on the upstream', async () => {
  for (const [path, expected] of [
    ['/api/ecs?Action=X&RegionId=cn-hangzhou', '/?Action=X&RegionId=cn-hangzhou'],
    ['/api/ecs//evil.example/x?RegionId=cn-hangzhou', '//evil.example/x?RegionId=cn-hangzhou'],
    ['/api/ecs/http://evil.example/?RegionId=cn-hangzhou', '/http://evil.example/?RegionId=cn-hangzhou'],
  ]) {
    const before = received.length;
    const res = await fetch(`${server.url}${path}`);
    assert.equal(res.status, 200, path);
    assert.equal(received.length, before + 1, `${path} did not reach the upstream`);
    assert.equal(received.at(-1).url, expected, path);
    assert.equal(received.at(-1).headers.host, 'ecs.cn-hangzhou.aliyuncs.com', path);
  }
});

test('bodies up to 64 KiB pass; larger ones are refused with 413, however they arrive', async () => {
  const q = '/api/ecs/?Action=X&RegionId=cn-hangzhou';
  const ok = await fetch(`${server.url}${q}`, { method: 'POST', body: 'x'.repeat(LIMIT) });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).body, `${LIMIT} bytes`);
  assert.equal((await refused(q, { method: 'POST', body: 'x'.repeat(LIMIT + 1) })).status, 413);
  assert.equal((await refused(q, { method: 'POST', body: 'x'.repeat(4 * LIMIT) })).status, 413);
  // In small chunks, without a Content-Length.
  const chunked = new ReadableStream({
    start(controller) {
      for (let i = 0; i <= LIMIT / 1024; i++) controller.enqueue(new Uint8Array(1024).fill(120));
      controller.close();
    },
  });
  assert.equal((await refused(q, { method: 'POST', body: chunked, duplex: 'half' })).status, 413);
  assert.equal(server.log.at(-1).status, 413);
});

test('does not forward other prefixes or other methods', async () => {
  assert.equal((await refused('/api/ecsx/?Action=X&RegionId=cn-hangzhou')).status, 404);
  assert.equal((await refused('/api/other/?Action=X&RegionId=cn-hangzhou')).status, 404);
  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const { status, body } = await refused('/api/ecs/?Action=X&RegionId=cn-hangzhou', { method });
    assert.equal(status, 405, method);
    assert.equal(JSON.parse(body).Code, 'UnsupportedHTTPMethod', method);
  }
});

test('an upstream that closes without answering gives 502; one that stops mid-answer, a network error', async () => {
  const dropped = await fetch(`${server.url}/api/ecs/?Action=Drop&RegionId=cn-hangzhou`);
  assert.equal(dropped.status, 502);
  assert.match(await dropped.text(), /bad gateway/);
  assert.equal(server.log.at(-1).status, 'dropped');
  await assert.rejects(async () => {
    const cut = await fetch(`${server.url}/api/ecs/?Action=Cut&RegionId=cn-hangzhou`);
    await cut.text();
  });
  assert.equal(server.log.at(-1).status, 'cut');
});

test('serves the page, the package and the JSON routes, not files outside them', async () => {
  const page = await fetch(`${server.url}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  const wasm = await fetch(`${server.url}/pkg/dist/wasm/ecsimg_wasm_bg.wasm`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const js = await fetch(`${server.url}/pkg/dist/browser.js`);
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
  const creds = await fetch(`${server.url}/creds.json`);
  assert.match(creds.headers.get('content-type'), /^application\/json/);
  assert.deepEqual(await creds.json(), { accessKeyId: 'demo' });
  for (const path of ['/pkg/../../Cargo.toml', '/%2e%2e/%2e%2e/Cargo.toml', '/pkg/%2e%2e/%2e%2e/%2e%2e/Cargo.toml', '/nope.js', '/creds.json/x']) {
    const res = await fetch(`${server.url}${path}`);
    assert.ok([403, 404].includes(res.status), `${path}: ${res.status}`);
  }
});
