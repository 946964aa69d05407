// The production nginx config (web/nginx/ecsimg.conf) in front of the emulator, with Debian's nginx.
//
// It runs the shipped file with three things swapped: the deployment lines (a loopback port and a
// temp copy of the console), the upstream, and the CA that upstream certificates are checked
// against. The upstream is a TLS "tap" that records what nginx sends, then passes it to the
// emulator. The tap's certificate, from a test CA, names ecs.cn-hangzhou.aliyuncs.com and
// ecs.cn-shanghai.aliyuncs.com. So the calls take the production path: Host and SNI set to the
// region's endpoint, and the certificate verified.
//
// Needs /usr/sbin/nginx and openssl (scripts/setup.sh test) and the npm package
// (crates/wasm/build.sh); it builds the emulator with cargo (or runs $ECSIMG_EMULATOR) and installs
// nothing. Run it from anywhere: `node --test tests/proxy/`.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulator } from '../support/emulator.mjs';
import { gunzipSync, gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NGINX = process.env.ECSIMG_NGINX ?? '/usr/sbin/nginx';
const CONF = join(ROOT, 'web/nginx/ecsimg.conf');
const PKG_DIST = join(ROOT, 'crates/wasm/pkg/dist');
const DEMO = { accessKeyId: 'demo', accessKeySecret: 'demo-secret' };
/** The names on the tap's certificate; any other region fails verification. */
const CERT_REGIONS = ['cn-hangzhou', 'cn-shanghai'];

for (const [path, fix] of [
  [NGINX, 'scripts/setup.sh test installs Debian’s nginx'],
  [join(PKG_DIST, 'node.js'), 'run crates/wasm/build.sh'],
]) {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${fix}`);
}
const { EcsImageClient, EcsError } = await import(pathToFileURL(join(PKG_DIST, 'node.js')).href);

// The CSP of the page, read from web/index.html's meta tag, which the header must repeat, adding the
// frame-ancestors directive that browsers only honour in a header.
const CSP = `${/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(join(ROOT, 'web/index.html'), 'utf8'))[1]}; frame-ancestors 'none'`;

let tmp;
let nginx;
let nginxLog = '';
let base; // http://127.0.0.1:PORT of nginx
let emulator;
let tap;
/** Everything the tap received: { method, url, headers, body, servername }. */
const seen = [];

const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.error ?? ''}`);
  return r.stdout;
}

async function freePort() {
  const s = net.createServer();
  await new Promise((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

/** A test CA and a certificate signed by it for the regions' endpoints. */
function makeCertificates(dir) {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('openssl', ['req', '-x509', ...ec, '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.pem'), '-days', '2', '-subj', '/CN=ecsimg test CA'], { cwd: dir });
  run('openssl', ['req', ...ec, '-keyout', join(dir, 'tap.key'), '-out', join(dir, 'tap.csr'), '-subj', '/CN=ecs.cn-hangzhou.aliyuncs.com'], { cwd: dir });
  const names = CERT_REGIONS.map((r) => `DNS:ecs.${r}.aliyuncs.com`).join(',');
  writeFileSync(join(dir, 'tap.ext'), `subjectAltName=${names}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  run('openssl', ['x509', '-req', '-in', join(dir, 'tap.csr'), '-CA', join(dir, 'ca.pem'), '-CAkey', join(dir, 'ca.key'), '-CAcreateserial', '-days', '2', '-extfile', join(dir, 'tap.ext'), '-out', join(dir, 'tap.pem')], { cwd: dir });
}

/** The TLS stand-in for ecs.<region>.aliyuncs.com: records each request, then relays it to the emulator unchanged. */
async function startTap(dir, upstream) {
  const tls = { key: readFileSync(join(dir, 'tap.key')), cert: readFileSync(join(dir, 'tap.pem')), maxHeaderSize: 256 * 1024 };
  const server = https.createServer(tls, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: body.toString(), servername: req.socket.servername });
      const relay = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          // Headers the proxy must not pass on as they are.
          const headers = { ...answer.headers, 'set-cookie': 'tap=1; Path=/', 'cache-control': 'max-age=600' };
          res.writeHead(answer.statusCode, headers);
          answer.pipe(res);
        },
      );
      relay.on('error', (e) => {
        res.writeHead(599);
        res.end(`tap relay failed: ${e.message}`);
      });
      relay.end(body);
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

/** Replaces exactly one match of `pattern` in `text`. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g')) ?? [];
  assert.equal(matches.length, 1, `web/nginx/ecsimg.conf: expected one ${what}, found ${matches.length}`);
  return text.replace(pattern, replacement);
}

/** The production file with the deployment lines, the upstream and the CA swapped; nothing else. */
function testVariant(production, { port, site, tapPort, ca }) {
  let conf = replaceOnce(production, /^ *# ---- deployment:.*?^ *# ---- end of deployment[^\n]*\n/ms, `    listen 127.0.0.1:${port};\n    root ${site};\n`, 'deployment block');
  conf = replaceOnce(conf, /^( *set \$ecsimg_upstream )https:\/\/\$ecsimg_host;(?= *# test:)/m, `$1https://127.0.0.1:${tapPort};`, 'upstream line');
  conf = replaceOnce(conf, /^( *proxy_ssl_trusted_certificate )\S+;(?= *# test:)/m, `$1${ca};`, 'CA line');
  assert.equal(conf.split('# test:').length, 3, 'the test swaps exactly the lines marked "test:"');
  return conf;
}

/** nginx's main file: this process's temp prefix for everything nginx writes, the variant in `http`. */
function mainConf(dir, include) {
  const temp = (name) => join(dir, 'temp', name);
  return `worker_processes 1;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${join(dir, 'access.log')};
    client_body_temp_path ${temp('body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};
    include ${include};
}
`;
}

function nginxArgs(dir, conf) {
  return ['-p', `${dir}/`, '-c', conf, '-e', join(dir, 'error.log'), '-g', `daemon off; pid ${join(dir, 'nginx.pid')};`];
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ecsimg-nginx-'));
  // nginx's workers run as nobody when the tests run as root: let them read the site.
  chmodSync(tmp, 0o755);
  mkdirSync(join(tmp, 'temp'));
  makeCertificates(tmp);

  // The console as it is deployed: the page, its script and styles, the npm package under ecsimg/.
  const site = join(tmp, 'site');
  mkdirSync(site);
  for (const file of ['index.html', 'boot.js', 'styles.css']) cpSync(join(ROOT, 'web', file), join(site, file));
  cpSync(PKG_DIST, join(site, 'ecsimg'), { recursive: true });
  // The build's gzip -9 copy of the wasm (web/post-build.sh), for gzip_static.
  const wasmFile = join(site, 'ecsimg/wasm/ecsimg_wasm_bg.wasm');
  writeFileSync(`${wasmFile}.gz`, gzipSync(readFileSync(wasmFile), { level: 9 }));

  emulator = await startEmulator(['--speed', '1000']);
  tap = await startTap(tmp, new URL(emulator.url));

  const port = await freePort();
  const production = readFileSync(CONF, 'utf8');
  writeFileSync(join(tmp, 'ecsimg.conf'), testVariant(production, { port, site, tapPort: tap.address().port, ca: join(tmp, 'ca.pem') }));
  writeFileSync(join(tmp, 'nginx.conf'), mainConf(tmp, join(tmp, 'ecsimg.conf')));

  nginx = spawn(NGINX, nginxArgs(tmp, join(tmp, 'nginx.conf')), { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(nginx);
  nginx.stdout.on('data', (c) => (nginxLog += c));
  nginx.stderr.on('data', (c) => (nginxLog += c));
  base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited (${nginx.exitCode}): ${nginxLog}${errorLog()}`);
    try {
      if ((await fetch(`${base}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`nginx did not answer within 10 s: ${nginxLog}${errorLog()}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
});

after(async () => {
  const stopped = [emulator?.stop()];
  if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
    stopped.push(once(nginx, 'exit'));
    nginx.kill('SIGQUIT');
  }
  tap?.closeAllConnections();
  if (tap) stopped.push(new Promise((ok) => tap.close(ok)));
  const timer = setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), 5_000);
  await Promise.all(stopped);
  clearTimeout(timer);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function errorLog() {
  try {
    return readFileSync(join(tmp, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}

/**
 * One request with its request line exactly as given (no URL normalisation, any method), over a
 * fresh connection. Resolves to { status, headers, body }.
 */
function raw(path, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((ok, fail) => {
    const req = http.request(`${base}/`, { method, path, headers: { connection: 'close', ...headers }, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** The request line and headers as written, over a raw socket; resolves to the status code. */
function rawLine(requestLine) {
  return new Promise((ok, fail) => {
    const socket = net.connect(new URL(base).port, '127.0.0.1', () => socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let answer = '';
    socket.on('data', (c) => (answer += c));
    socket.on('end', () => ok(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1])));
    socket.on('error', fail);
  });
}

function assertSecurityHeaders(headers, what) {
  assert.equal(headers['content-security-policy'], CSP, `${what}: CSP`);
  assert.equal(headers['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  assert.equal(headers['referrer-policy'], 'no-referrer', `${what}: Referrer-Policy`);
  assert.match(headers['strict-transport-security'] ?? '', /^max-age=\d+/, `${what}: HSTS`);
  assert.equal(headers.server, 'nginx', `${what}: no version in Server`);
}

/** The URL of the last request the client sent. */
let lastSentUrl;

function client(options = {}) {
  return new EcsImageClient({
    regionId: 'cn-hangzhou',
    credentials: DEMO,
    // What the console's "local emulator" and "Alibaba Cloud" connections do: send to the
    // same-origin path, sign the region's endpoint.
    proxyBaseUrl: `${base}/api/ecs`,
    endpoint: `ecs.${options.regionId ?? 'cn-hangzhou'}.aliyuncs.com`,
    maxAttempts: 1,
    // Headers a browser adds on its own, which the proxy must not pass on.
    fetch: (url, init) => {
      lastSentUrl = String(url);
      const browserHeaders = [['cookie', 'session=site-secret'], ['referer', `${base}/#console`], ['origin', base]];
      return fetch(url, { ...init, headers: [...init.headers, ...browserHeaders] });
    },
    ...options,
  });
}

test('the shipped file passes nginx -t as it is, but for the certificate paths and the ports', async () => {
  // nginx -t binds the listen addresses: free loopback ports, so that it runs without root.
  const dir = join(tmp, 'as-shipped');
  mkdirSync(dir);
  const [v4, v6] = [await freePort(), await freePort()];
  if (v4 === v6) throw new Error('freePort gave the same port twice; run again');
  const conf = readFileSync(CONF, 'utf8')
    .replace('/etc/ssl/ecsimg/fullchain.pem', join(tmp, 'tap.pem'))
    .replace('/etc/ssl/ecsimg/privkey.pem', join(tmp, 'tap.key'))
    .replace('listen 443 ', `listen 127.0.0.1:${v4} `)
    .replace('listen [::]:443 ', `listen 127.0.0.1:${v6} `);
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
      const sent = new URL(lastSentUrl);
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
  const q = 'RegionId=cn-hangzhou&Action=DescribeImages';
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

test('a body over 64 KiB is refused with 413; one of 64 KiB is passed on', async () => {
  const before = seen.length;
  const url = '/api/ecs/?RegionId=cn-hangzhou&Action=DescribeImages';
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  const big = await raw(url, { method: 'POST', headers, body: 'x'.repeat(64 * 1024 + 1) });
  assert.equal(big.status, 413);
  assert.equal(big.headers['content-security-policy'], CSP);
  assert.equal(seen.length, before, 'the oversized call was not forwarded');

  const fits = await raw(url, { method: 'POST', headers, body: 'x'.repeat(64 * 1024) });
  assert.notEqual(fits.status, 413);
  assert.equal(seen.length, before + 1);
  assert.equal(seen.at(-1).body.length, 64 * 1024, 'the body is passed on whole');
  // The emulator answers the unsigned call with the service's error, passed back as it is.
  assert.ok(fits.status >= 400 && fits.status < 500, String(fits.status));
  assert.ok(JSON.parse(fits.body).Code, fits.body.toString());
});

test('a long query (up to 64 KiB of request line) is passed on; a longer one gets 414', async () => {
  const before = seen.length;
  const long = `/api/ecs/?RegionId=cn-hangzhou&Action=DescribeImages&Description=${'%E9%95%9C'.repeat(5000)}`;
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
  const res = await raw('/api/ecs/?RegionId=us-west-1&Action=DescribeImages', { method: 'POST' });
  assert.equal(res.status, 502);
  assert.equal(seen.length, before, 'no request went over the unverified connection');
  assert.match(errorLog(), /upstream SSL certificate does not match "ecs\.us-west-1\.aliyuncs\.com"/);
});
