// The production nginx config (web/nginx/ecsimg.conf) in front of the emulator, with Debian's nginx,
// for the suites of this directory.
//
// It runs the shipped file with four things swapped: the deployment lines (a loopback port, one
// more for HTTP/2 without TLS, and a temp copy of the console), the upstream, the CA that upstream
// certificates are checked against, and the access log's path. The upstream is a TLS "tap" that
// records what nginx sends, then passes it to the emulator. The tap's certificate, from a test CA,
// names ecs.cn-hangzhou.aliyuncs.com and ecs.cn-shanghai.aliyuncs.com. So the calls take the
// production path: Host and SNI set to the region's endpoint, and the certificate verified.
//
// Needs /usr/sbin/nginx and openssl (scripts/setup.sh test) and the npm package
// (crates/wasm/build.sh); it builds the emulator with cargo (or runs $ECSIMG_EMULATOR) and installs
// nothing. Each test file starts its own nginx, so rate limits start afresh in each.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startEmulator } from '../support/emulator.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const NGINX = process.env.ECSIMG_NGINX ?? '/usr/sbin/nginx';
export const CONF = join(ROOT, 'web/nginx/ecsimg.conf');
export const PKG_DIST = join(ROOT, 'crates/wasm/pkg/dist');
export const DEMO = { accessKeyId: 'demo', accessKeySecret: 'demo-secret' };
/** The names on the tap's certificate; any other region fails verification. */
export const CERT_REGIONS = ['cn-hangzhou', 'cn-shanghai'];

const catalogue = JSON.parse(readFileSync(join(ROOT, 'crates/core/catalogue/ecs.json'), 'utf8'));
/** The operations ecsimg calls, read from the catalogue (not from the conf under test). */
export const ACTIONS = catalogue.operations.map((op) => op.name);
export const VERSION = catalogue.version;

for (const [path, fix] of [
  [NGINX, 'scripts/setup.sh test installs Debian’s nginx'],
  [join(PKG_DIST, 'node.js'), 'run crates/wasm/build.sh'],
]) {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${fix}`);
}
export const { EcsImageClient, EcsError } = await import(pathToFileURL(join(PKG_DIST, 'node.js')).href);

// The CSP of the page, read from web/index.html's meta tag, which the header must repeat, adding the
// frame-ancestors directive that browsers only honour in a header.
export const CSP = `${/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(join(ROOT, 'web/index.html'), 'utf8'))[1]}; frame-ancestors 'none'`;

const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.error ?? ''}`);
  return r.stdout;
}

export async function freePort() {
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

/**
 * The TLS stand-in for ecs.<region>.aliyuncs.com: records each request in `seen`, then relays it to
 * the emulator unchanged. A request with an `x-tap-hold: MS` header is held that long first (a slow
 * upstream, for the concurrency limit).
 */
async function startTap(dir, upstream, seen) {
  const tls = { key: readFileSync(join(dir, 'tap.key')), cert: readFileSync(join(dir, 'tap.pem')), maxHeaderSize: 256 * 1024 };
  const server = https.createServer(tls, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders, body: body.toString(), servername: req.socket.servername });
      const hold = Number(req.headers['x-tap-hold'] ?? 0);
      if (hold > 0) await new Promise((ok) => setTimeout(ok, hold));
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

/** The production file with the deployment lines and the lines marked "test:" swapped; nothing else. */
function testVariant(production, { port, h2Port, site, tapPort, ca, accessLog }) {
  const deployment = `    listen 127.0.0.1:${port};\n    listen 127.0.0.1:${h2Port} http2;\n    root ${site};\n`;
  let conf = replaceOnce(production, /^ *# ---- deployment:.*?^ *# ---- end of deployment[^\n]*\n/ms, deployment, 'deployment block');
  conf = replaceOnce(conf, /^( *set \$ecsimg_upstream )https:\/\/\$ecsimg_host;(?= *# test:)/m, `$1https://127.0.0.1:${tapPort};`, 'upstream line');
  conf = replaceOnce(conf, /^( *proxy_ssl_trusted_certificate )\S+;(?= *# test:)/m, `$1${ca};`, 'CA line');
  conf = replaceOnce(conf, /^( *access_log )\S+( ecsimg;)(?= *# test:)/m, `$1${accessLog}$2`, 'access_log line');
  assert.equal(conf.split('# test:').length, 4, 'the test swaps exactly the lines marked "test:"');
  return conf;
}

/** nginx's main file: this process's temp prefix for everything nginx writes, the variant in `http`. */
export function mainConf(dir, include) {
  const temp = (name) => join(dir, 'temp', name);
  return `worker_processes 1;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${join(dir, 'http-access.log')};
    client_body_temp_path ${temp('body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};
    include ${include};
}
`;
}

export function nginxArgs(dir, conf) {
  return ['-p', `${dir}/`, '-c', conf, '-e', join(dir, 'error.log'), '-g', `daemon off; pid ${join(dir, 'nginx.pid')};`];
}

export function assertSecurityHeaders(headers, what) {
  assert.equal(headers['content-security-policy'], CSP, `${what}: CSP`);
  assert.equal(headers['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  assert.equal(headers['referrer-policy'], 'no-referrer', `${what}: Referrer-Policy`);
  assert.match(headers['strict-transport-security'] ?? '', /^max-age=\d+/, `${what}: HSTS`);
  assert.equal(headers.server, 'nginx', `${what}: no version in Server`);
}

/**
 * Starts the emulator, the tap and nginx with the test variant of the conf. The result has `base`
 * (http://127.0.0.1:PORT), `h2Port`, `tmp`, `seen` (every request the tap received: { method,
 * url, headers, rawHeaders, body, servername }), `raw`, `rawLine`, `client`, `lastSentUrl`,
 * `errorLog()`, `accessLog()` and `stop()`.
 */
export async function startProxy() {
  const tmp = mkdtempSync(join(tmpdir(), 'ecsimg-nginx-'));
  const seen = [];
  let emulator;
  let tap;
  let nginx;
  let nginxOutput = '';
  const read = (file) => {
    try {
      return readFileSync(join(tmp, file), 'utf8');
    } catch {
      return '';
    }
  };
  const proxy = {
    tmp,
    seen,
    errorLog: () => read('error.log'),
    /** This site's access log (the conf's own format). */
    accessLog: () => read('access.log'),
    lastSentUrl: undefined,
    async stop() {
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
      rmSync(tmp, { recursive: true, force: true });
    },
  };

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
  tap = await startTap(tmp, new URL(emulator.url), seen);

  const [port, h2Port] = [await freePort(), await freePort()];
  if (port === h2Port) throw new Error('freePort gave the same port twice; run again');
  const variant = testVariant(readFileSync(CONF, 'utf8'), {
    port,
    h2Port,
    site,
    tapPort: tap.address().port,
    ca: join(tmp, 'ca.pem'),
    accessLog: join(tmp, 'access.log'),
  });
  writeFileSync(join(tmp, 'ecsimg.conf'), variant);
  writeFileSync(join(tmp, 'nginx.conf'), mainConf(tmp, join(tmp, 'ecsimg.conf')));

  nginx = spawn(NGINX, nginxArgs(tmp, join(tmp, 'nginx.conf')), { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(nginx);
  nginx.stdout.on('data', (c) => (nginxOutput += c));
  nginx.stderr.on('data', (c) => (nginxOutput += c));
  const base = `http://127.0.0.1:${port}`;
  Object.assign(proxy, { base, h2Port });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited (${nginx.exitCode}): ${nginxOutput}${proxy.errorLog()}`);
    try {
      if ((await fetch(`${base}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`nginx did not answer within 10 s: ${nginxOutput}${proxy.errorLog()}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }

  /**
   * One request with its request line exactly as given (no URL normalisation, any method), over a
   * fresh connection. Headers may be an object or a flat [name, value, ...] list (to repeat one).
   * Resolves to { status, headers, body }.
   */
  proxy.raw = (path, { method = 'GET', headers = {}, body } = {}) =>
    new Promise((ok, fail) => {
      const list = Array.isArray(headers) ? headerList(headers, body) : { connection: 'close', ...headers };
      const req = http.request(`${base}/`, { method, path, headers: list, agent: false }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', fail);
      });
      req.on('error', fail);
      req.end(body);
    });

  /**
   * A header list as Node sends an object's: Node adds no Host to a list, and sends a list's body
   * chunked, even an empty one, where a browser sends Content-Length: 0.
   */
  const headerList = (headers, body) => {
    const names = headers.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    const framed = names.includes('content-length') || names.includes('transfer-encoding');
    const length = framed ? [] : ['content-length', String(Buffer.byteLength(body ?? ''))];
    return ['host', `127.0.0.1:${port}`, 'connection', 'close', ...length, ...headers];
  };

  /** The request line and headers as written, over a raw socket; resolves to the status code. */
  proxy.rawLine = (requestLine) =>
    new Promise((ok, fail) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
      let answer = '';
      socket.on('data', (c) => (answer += c));
      socket.on('end', () => ok(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1])));
      socket.on('error', fail);
    });

  /**
   * The npm client as the console uses it: it sends to the same-origin path and, with no endpoint
   * given, signs the Host this proxy sends for each call's region (the package README's settings).
   * Its fetch adds the headers a browser adds on its own, which the proxy must not pass on.
   */
  proxy.client = (options = {}) =>
    new EcsImageClient({
      regionId: 'cn-hangzhou',
      credentials: DEMO,
      proxyBaseUrl: `${base}/api/ecs`,
      maxAttempts: 1,
      fetch: (url, init) => {
        proxy.lastSentUrl = String(url);
        const browserHeaders = [['cookie', 'session=site-secret'], ['referer', `${base}/#console`], ['origin', base]];
        return fetch(url, { ...init, headers: [...init.headers, ...browserHeaders] });
      },
      ...options,
    });

  return proxy;
}

/** The proxy's own refusal: the status, and the service's error shape with `code`. */
export function assertRefusal(res, status, code, what) {
  assert.equal(res.status, status, `${what}: ${res.body}`);
  assert.match(res.headers['content-type'] ?? '', /^application\/json/, what);
  const body = JSON.parse(res.body);
  assert.deepEqual(Object.keys(body).sort(), ['Code', 'Message', 'RequestId'], what);
  assert.equal(body.Code, code, what);
  assert.ok(body.Message.length > 10, what);
  assert.match(body.RequestId, /^[0-9a-f]{32}$/, `${what}: $request_id`);
  assertSecurityHeaders(res.headers, what);
  assert.equal(res.headers['cache-control'], 'no-store', what);
}
