// The proxy relays only ecsimg's calls: the image operations of ECS 2014-05-26, named in the query
// (V1) or in x-acs-* headers (V3), with no second way for a server to read another operation (a
// repeated or percent-encoded parameter name, a body). web/nginx/ecsimg.conf refuses anything else
// with 403 in the service's error shape, before a signature is checked, so the tests take a
// request signed by the npm package's presign and change what they need.
//
// Run it from anywhere: `node --test tests/proxy/`.

import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { after, before, test } from 'node:test';
import { ACTIONS, assertRefusal, EcsError, startProxy, VERSION } from './harness.mjs';

let proxy;
before(async () => {
  proxy = await startProxy();
});
after(() => proxy?.stop());

/** A DescribeImages call signed by the npm package: { method, path, headers: [name, value][] }. */
async function signed({ signatureVersion = 'v3', method = 'POST' } = {}) {
  const c = proxy.client({ signatureVersion, method });
  const p = await c.presign('DescribeImages', { imageOwnerAlias: 'system', pageSize: 1 });
  const url = new URL(p.url);
  // A browser cannot set Host; the proxy does.
  const headers = p.headers.filter(([name]) => name !== 'host');
  return { method: p.method, path: `${url.pathname}${url.search}`, headers };
}

/** The headers with `name` set to `value` (removed when `value` is undefined). */
function withHeader(headers, name, value) {
  const rest = headers.filter(([n]) => n.toLowerCase() !== name);
  return value === undefined ? rest : [...rest, [name, value]];
}

function send({ method, path, headers }, body) {
  return proxy.raw(path, { method, headers: headers.flat(), body });
}

/** Sends each request and checks the proxy refused it with `code` and forwarded nothing. */
async function assertRefused(requests, code) {
  const before = proxy.seen.length;
  for (const [what, request] of requests) assertRefusal(await send(request), 403, code, what);
  assert.equal(proxy.seen.length, before, `${code}: nothing reached the upstream`);
}

test('every operation ecsimg calls passes the allowlist, named the V1 way or the V3 way', async () => {
  assert.equal(ACTIONS.length, 23);
  for (const [i, action] of ACTIONS.entries()) {
    const before = proxy.seen.length;
    // Not signed: the emulator refuses them, but only after the proxy let them through.
    const v1 = i % 2 === 0;
    const res = v1
      ? await proxy.raw(`/api/ecs/?RegionId=cn-hangzhou&Action=${action}&Version=${VERSION}`)
      : await proxy.raw('/api/ecs/?RegionId=cn-hangzhou', { method: 'POST', headers: { 'x-acs-action': action, 'x-acs-version': VERSION } });
    assert.equal(proxy.seen.length, before + 1, `${action} reached the upstream`);
    const got = proxy.seen.at(-1);
    if (v1) assert.match(got.url, new RegExp(`[?&]Action=${action}&`), action);
    else assert.equal(got.headers['x-acs-action'], action, action);
    assert.notEqual(JSON.parse(res.body).Code, 'Forbidden.Action', action);
  }
});

test('another operation is refused with 403 Forbidden.Action, in V1 and in V3', async () => {
  const v1 = await signed({ signatureVersion: 'v1', method: 'GET' });
  const v3 = await signed();
  const runInstancesV1 = { ...v1, path: v1.path.replace('Action=DescribeImages', 'Action=RunInstances') };
  await assertRefused(
    [
      ['V1 RunInstances', { ...runInstancesV1, headers: withHeader(v1.headers, 'x-acs-action', undefined) }],
      ['V1 RunInstances, header too', { ...runInstancesV1, headers: withHeader(v1.headers, 'x-acs-action', 'RunInstances') }],
      ['V1 POST RunInstances', { ...runInstancesV1, method: 'POST', headers: withHeader(v1.headers, 'x-acs-action', undefined) }],
      ['V1 no Action', { ...v1, path: v1.path.replace('Action=DescribeImages&', ''), headers: withHeader(v1.headers, 'x-acs-action', undefined) }],
      ['V1 empty Action', { ...v1, path: v1.path.replace('Action=DescribeImages', 'Action='), headers: withHeader(v1.headers, 'x-acs-action', undefined) }],
      ['V1 escaped letter', { ...v1, path: v1.path.replace('Action=DescribeImages', 'Action=Describe%49mages'), headers: withHeader(v1.headers, 'x-acs-action', undefined) }],
      ['V3 RunInstances', { ...v3, headers: withHeader(v3.headers, 'x-acs-action', 'RunInstances') }],
      ['V3 DescribeInstances', { ...v3, headers: withHeader(v3.headers, 'x-acs-action', 'DescribeInstances') }],
      ['V3 no action', { ...v3, headers: withHeader(v3.headers, 'x-acs-action', undefined) }],
      ['V3 action with a suffix', { ...v3, headers: withHeader(v3.headers, 'x-acs-action', 'DescribeImages,RunInstances') }],
    ],
    'Forbidden.Action',
  );
});

test('another API version is refused with 403 Forbidden.Version, in V1 and in V3', async () => {
  const v1 = await signed({ signatureVersion: 'v1', method: 'GET' });
  const v3 = await signed();
  await assertRefused(
    [
      ['V1 2016-03-14', { ...v1, path: v1.path.replace(`Version=${VERSION}`, 'Version=2016-03-14'), headers: withHeader(v1.headers, 'x-acs-version', undefined) }],
      ['V1 no Version', { ...v1, path: v1.path.replace(`&Version=${VERSION}`, ''), headers: withHeader(v1.headers, 'x-acs-version', undefined) }],
      ['V3 2016-03-14', { ...v3, headers: withHeader(v3.headers, 'x-acs-version', '2016-03-14') }],
      ['V3 no version', { ...v3, headers: withHeader(v3.headers, 'x-acs-version', undefined) }],
    ],
    'Forbidden.Version',
  );
});

test('where a call names its operation both ways, the two must agree', async () => {
  const v1 = await signed({ signatureVersion: 'v1', method: 'GET' });
  const v3 = await signed();
  await assertRefused(
    [
      ['V1 query DescribeImages, header CreateImage', { ...v1, headers: withHeader(v1.headers, 'x-acs-action', 'CreateImage') }],
      ['V1 query DescribeImages, header RunInstances', { ...v1, headers: withHeader(v1.headers, 'x-acs-action', 'RunInstances') }],
      ['V3 header DescribeImages, query RunInstances', { ...v3, path: `${v3.path}&Action=RunInstances` }],
      ['V3 header DescribeImages, query CreateImage', { ...v3, path: `${v3.path}&Action=CreateImage` }],
    ],
    'Forbidden.Action',
  );
  await assertRefused(
    [
      ['V1 query version, header 2016-03-14', { ...v1, headers: withHeader(v1.headers, 'x-acs-version', '2016-03-14') }],
      ['V3 header version, query 2016-03-14', { ...v3, path: `${v3.path}&Version=2016-03-14` }],
    ],
    'Forbidden.Version',
  );
  // Agreeing, both are passed on: the call as ecsimg's client sends V1 (query and headers).
  const before = proxy.seen.length;
  const res = await send(v1);
  assert.equal(res.status, 200, String(res.body));
  assert.equal(proxy.seen.length, before + 1);
});

test('a repeated, percent-encoded or malformed parameter name is refused with 403 Forbidden.Parameter', async () => {
  const v1 = await signed({ signatureVersion: 'v1', method: 'GET' });
  const v3 = await signed();
  // A V3 call that names its operation in the query as well (the same one, so it may).
  const v3Named = { ...v3, path: `${v3.path}&Action=DescribeImages&Version=${VERSION}` };
  const smuggled = [
    '&Action=RunInstances',
    '&action=RunInstances',
    '&ACTION=DescribeImages',
    '&%41ction=RunInstances',
    '&Act%69on=RunInstances',
    '&%61ction=RunInstances',
    '&Version=2014-05-26',
    '&version=2016-03-14',
    '&RegionId=cn-shanghai',
    '&regionid=cn-hangzhou',
    '&Action',
    '&&Action=RunInstances',
    '&=RunInstances',
    '&Tag.1.Key=a;Action=RunInstances',
    '&Tag.1.Key=a+b',
    '&Tag.1.Key=a=b',
    '&Action[]=RunInstances',
    '&Action%3DRunInstances',
    '&x%26Action=RunInstances',
  ];
  const requests = [];
  for (const suffix of smuggled) {
    requests.push([`V1 ${suffix}`, { ...v1, path: `${v1.path}${suffix}` }]);
    requests.push([`V3 ${suffix}`, { ...v3Named, path: `${v3Named.path}${suffix}` }]);
  }
  // Before the real one.
  requests.push(['Action first', { ...v1, path: v1.path.replace('?', '?Action=RunInstances&') }]);
  requests.push(['a trailing &', { ...v1, path: `${v1.path}&` }]);
  await assertRefused(requests, 'Forbidden.Parameter');

  // What the client writes passes: unreserved characters and escapes in values, `~` included. (A
  // malformed escape in a value is the server's to judge: it cannot turn into a name.)
  const before = proxy.seen.length;
  for (const suffix of ['&Tag.1.Value=a~b-c_d.e%20%E9%95%9C', '&Tag.1.Key=%zz']) {
    const res = await send({ ...v3, path: `${v3.path}${suffix}` });
    assert.doesNotMatch(JSON.parse(res.body).Code, /^Forbidden\./, suffix);
  }
  assert.equal(proxy.seen.length, before + 2);
});

test('a repeated x-acs-action or x-acs-version header reaches the upstream only once, as checked', async () => {
  for (const name of ['x-acs-action', 'x-acs-version']) {
    const v3 = await signed();
    const checked = v3.headers.find(([n]) => n === name)[1];
    const other = name === 'x-acs-action' ? 'RunInstances' : '2016-03-14';
    const before = proxy.seen.length;
    const res = await send({ ...v3, headers: [...v3.headers, [name, other]] });
    if (res.status === 403) {
      // nginx 1.23 and newer join repeated headers, and no allowed name matches the result.
      assert.equal(proxy.seen.length, before, name);
      continue;
    }
    assert.equal(proxy.seen.length, before + 1, name);
    const values = [];
    const raw = proxy.seen.at(-1).rawHeaders;
    for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === name) values.push(raw[i + 1]);
    assert.deepEqual(values, [checked], `${name}: the first value only`);
    assert.equal(res.status, 200, `the signed call itself is intact: ${res.body}`);
  }
});

test('a request body is refused with 403 Forbidden.Body, and never passed on', async () => {
  const v1 = await signed({ signatureVersion: 'v1', method: 'POST' });
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const before = proxy.seen.length;
  for (const [what, headers, body] of [
    ['form body', { ...form }, 'Action=RunInstances'],
    ['chunked', { ...form, 'transfer-encoding': 'chunked' }, 'Action=RunInstances'],
    ['chunked, empty', { 'transfer-encoding': 'chunked' }, ''],
  ]) {
    const list = [...v1.headers.flat(), ...Object.entries(headers).flat()];
    assertRefusal(await proxy.raw(v1.path, { method: 'POST', headers: list, body }), 403, 'Forbidden.Body', what);
  }
  assert.equal(proxy.seen.length, before, 'nothing reached the upstream');

  // An empty body with Content-Length: 0, as browsers send a POST without one, passes.
  const res = await proxy.raw(v1.path, { method: 'POST', headers: [...v1.headers.flat(), 'content-length', '0'] });
  assert.equal(res.status, 200, String(res.body));
  assert.equal(proxy.seen.at(-1).headers['content-length'], '0');
});

test('over HTTP/2, a body sent without Content-Length is dropped, not passed on', async () => {
  // HTTP/2 has no Transfer-Encoding: a body can follow the headers unannounced.
  const v1 = await signed({ signatureVersion: 'v1', method: 'POST' });
  const session = http2.connect(`http://127.0.0.1:${proxy.h2Port}`);
  try {
    const before = proxy.seen.length;
    const headers = { ':method': 'POST', ':path': v1.path, 'content-type': 'application/x-www-form-urlencoded' };
    for (const [name, value] of v1.headers) headers[name] = value;
    const stream = session.request(headers);
    stream.end(`Action=RunInstances&ImageId=m-1&RegionId=cn-hangzhou`);
    const [answer] = await Promise.all([
      new Promise((ok) => stream.on('response', ok)),
      new Promise((ok) => {
        stream.on('data', () => {});
        stream.on('end', ok);
      }),
    ]);
    assert.equal(proxy.seen.length, before + 1);
    const got = proxy.seen.at(-1);
    assert.equal(got.body, '', 'the body stayed at the proxy');
    assert.equal(got.headers['content-length'], '0');
    assert.equal(got.headers['transfer-encoding'], undefined);
    // The call in the query, DescribeImages, is what the service answered.
    assert.equal(answer[':status'], 200);
  } finally {
    session.close();
  }
});

test('the client reports a refusal as an API error with the proxy’s code', async () => {
  // What a page would see if it sent another operation through the proxy.
  for (const signatureVersion of ['v3', 'v1']) {
    const c = proxy.client({
      signatureVersion,
      fetch: (url, init) => {
        const headers = init.headers.map(([n, v]) => [n, n === 'x-acs-action' ? 'RunInstances' : v]);
        return fetch(String(url).replace('Action=DescribeImages', 'Action=RunInstances'), { ...init, headers });
      },
    });
    const err = await c.describeImages({}).then(() => null, (e) => e);
    assert.ok(err instanceof EcsError, String(err));
    assert.equal(err.kind, 'api', `${signatureVersion}: ${err.message}`);
    assert.equal(err.code, 'Forbidden.Action', signatureVersion);
    assert.equal(err.httpStatus, 403, signatureVersion);
    assert.match(err.requestId ?? '', /^[0-9a-f]{32}$/, signatureVersion);
    assert.equal(err.retryable, false, signatureVersion);
  }
});
