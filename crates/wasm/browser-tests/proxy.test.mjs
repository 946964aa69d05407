// The same-origin proxy of server.mjs against an echo upstream (no browser): what it forwards, what
// it refuses, and that it never reaches anything but its one upstream.
// Run from the repository root: `node --test crates/wasm/browser-tests/`.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { startServer } from './server.mjs';

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
      res.end(JSON.stringify(entry));
    });
  });
  await new Promise((ok) => upstream.listen(0, '127.0.0.1', ok));
  upstreamUrl = `http://127.0.0.1:${upstream.address().port}`;
  server = await startServer({ upstream: upstreamUrl });
});

after(async () => {
  await server?.close();
  upstream?.closeAllConnections();
  await new Promise((ok) => upstream?.close(ok));
});

test('forwards /api/ecs/* with the prefix stripped, Host set to the upstream, and only the signed-call headers', async () => {
  const res = await fetch(`${server.url}/api/ecs/?Action=DescribeImages&RegionId=cn-hangzhou`, {
    method: 'POST',
    headers: {
      authorization: 'ACS3-HMAC-SHA256 Credential=demo,SignedHeaders=host,Signature=00',
      'x-acs-action': 'DescribeImages',
      'x-acs-date': '2026-01-01T00:00:00Z',
      'content-type': 'application/x-www-form-urlencoded',
      cookie: 'session=secret',
      origin: 'http://127.0.0.1:1',
      referer: 'http://127.0.0.1:1/page',
      'x-forwarded-host': 'evil.example',
    },
    body: 'A=1',
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-upstream'), 'echo');
  assert.equal(res.headers.get('set-cookie'), null, 'upstream cookies are not passed to the page');
  const seen = await res.json();
  assert.equal(seen.method, 'POST');
  assert.equal(seen.url, '/?Action=DescribeImages&RegionId=cn-hangzhou');
  assert.equal(seen.headers.host, new URL(upstreamUrl).host);
  assert.equal(seen.headers.authorization, 'ACS3-HMAC-SHA256 Credential=demo,SignedHeaders=host,Signature=00');
  assert.equal(seen.headers['x-acs-action'], 'DescribeImages');
  assert.equal(seen.headers['x-acs-date'], '2026-01-01T00:00:00Z');
  assert.equal(seen.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(seen.body, 'A=1');
  for (const dropped of ['cookie', 'origin', 'referer', 'x-forwarded-host']) assert.equal(seen.headers[dropped], undefined, dropped);
  assert.deepEqual(server.log.at(-1), {
    method: 'POST',
    path: '/?Action=DescribeImages&RegionId=cn-hangzhou',
    action: 'DescribeImages',
    signature: 'v3',
    status: 200,
  });
});

test('`/api/ecs` alone maps to the upstream root; other paths stay on the upstream', async () => {
  for (const [path, expected] of [
    ['/api/ecs', '/'],
    ['/api/ecs?Action=X', '/?Action=X'],
    ['/api/ecs//evil.example/x?y=1', '//evil.example/x?y=1'],
    ['/api/ecs/http://evil.example/', '/http://evil.example/'],
  ]) {
    const before = received.length;
    const res = await fetch(`${server.url}${path}`);
    assert.equal(res.status, 200, path);
    assert.equal(received.length, before + 1, `${path} did not reach the upstream`);
    assert.equal(received.at(-1).url, expected, path);
    assert.equal(received.at(-1).headers.host, new URL(upstreamUrl).host, path);
  }
});

test('does not forward other prefixes, other methods or large bodies', async () => {
  const before = received.length;
  assert.equal((await fetch(`${server.url}/api/ecsx/?Action=X`)).status, 404);
  assert.equal((await fetch(`${server.url}/api/other/?Action=X`)).status, 404);
  assert.equal((await fetch(`${server.url}/api/ecs/?Action=X`, { method: 'PUT' })).status, 405);
  assert.equal((await fetch(`${server.url}/api/ecs/?Action=X`, { method: 'DELETE' })).status, 405);
  const big = 'x'.repeat((1 << 20) + 1);
  assert.equal((await fetch(`${server.url}/api/ecs/?Action=X`, { method: 'POST', body: big })).status, 413);
  assert.equal(received.length, before, 'something reached the upstream');
});

test('an upstream that closes without answering gives 502; one that stops mid-answer, a network error', async () => {
  const dropped = await fetch(`${server.url}/api/ecs/?Action=Drop`);
  assert.equal(dropped.status, 502);
  assert.match(await dropped.text(), /bad gateway/);
  assert.equal(server.log.at(-1).status, 'dropped');
  await assert.rejects(async () => {
    const cut = await fetch(`${server.url}/api/ecs/?Action=Cut`);
    await cut.text();
  });
  assert.equal(server.log.at(-1).status, 'cut');
});

test('serves the page and the package, not files outside them', async () => {
  const page = await fetch(`${server.url}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  const wasm = await fetch(`${server.url}/pkg/dist/wasm/ecsimg_wasm_bg.wasm`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const js = await fetch(`${server.url}/pkg/dist/browser.js`);
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
  for (const path of ['/pkg/../../Cargo.toml', '/%2e%2e/%2e%2e/Cargo.toml', '/pkg/%2e%2e/%2e%2e/%2e%2e/Cargo.toml', '/nope.js']) {
    const res = await fetch(`${server.url}${path}`);
    assert.ok([403, 404].includes(res.status), `${path}: ${res.status}`);
  }
});
