// A same-origin server for the browser tests, with no dependencies beyond Node: it serves a test
// page, the built npm package (crates/wasm/pkg) and optionally a bundled app, and forwards
// `/api/ecs/*` to ONE fixed upstream (the emulator), the way the production proxy will:
//
//   GET|POST /api/ecs/?Action=...  →  GET|POST http://<upstream>/?Action=...
//     - the `/api/ecs` prefix is stripped; the rest of the path and the query pass unchanged;
//     - `Host` is set to the upstream's `host:port` (the client signs the host it was configured
//       with, see README.md: the emulator accepts the Host it receives or the region's endpoint);
//     - only the headers a signed ECS call needs are forwarded (Authorization, x-acs-*,
//       Content-Type, Accept, User-Agent): never the browser's cookies, Origin or Referer;
//     - bodies over 1 MiB are refused (413) before anything is sent upstream;
//     - an upstream that closes the connection without an answer gives 502; one that closes it in
//       the middle of an answer closes the browser's connection too (the client sees a network error).
//
// It is never an open proxy: the upstream is fixed when the server starts, and the request's path
// only ever becomes a path on that upstream. Listens on 127.0.0.1 only.
//
// As a program: node crates/wasm/browser-tests/server.mjs --upstream http://127.0.0.1:9080 [--port 0] [--app DIR]
// It prints `listening on http://127.0.0.1:PORT`.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, '../../..');
export const PKG_DIR = resolve(REPO_ROOT, 'crates/wasm/pkg');
export const PAGE_DIR = resolve(HERE, 'page');
export const PROXY_PREFIX = '/api/ecs';

const MAX_BODY_BYTES = 1 << 20;
const UPSTREAM_TIMEOUT_MS = 30_000;
const FORWARDED_HEADERS = new Set(['authorization', 'content-type', 'accept', 'user-agent']);
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
]);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Starts the server. `upstream`: the emulator's base URL (`http://127.0.0.1:PORT`). `mounts`:
 * extra URL prefixes (`/app/`) → directories. Resolves to `{url, port, log, close()}`; `log` lists
 * every forwarded call as `{method, path, action, signature: 'v1'|'v3'|null, status}` (`status` is `'dropped'` or
 * `'cut'` when the upstream closed the connection early).
 */
export async function startServer({ upstream, port = 0, mounts = {} }) {
  const target = new URL(upstream);
  if (target.protocol !== 'http:' || target.pathname !== '/' || target.search) {
    throw new Error(`upstream must be a bare http://host:port URL, got ${upstream}`);
  }
  const statics = [
    ...Object.entries(mounts).map(([prefix, dir]) => [withSlash(prefix), resolve(dir)]),
    ['/pkg/', PKG_DIR],
    ['/', PAGE_DIR],
  ];
  const log = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === PROXY_PREFIX || path.startsWith(`${PROXY_PREFIX}/`) || path.startsWith(`${PROXY_PREFIX}?`)) {
      forward(req, res, target, log);
    } else {
      serveStatic(req, res, statics).catch((e) => fail(res, 500, `server error: ${e.message}`));
    }
  });
  await new Promise((ok, err) => {
    server.once('error', err);
    server.listen(port, '127.0.0.1', ok);
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    log,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

function withSlash(prefix) {
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

function fail(res, status, message) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${message}\n`);
}

/** `/api/ecs/?Action=X` → the upstream's `/?Action=X`, with the headers a signed call needs. */
function forward(req, res, target, log) {
  if (req.method !== 'GET' && req.method !== 'POST') {
    req.resume();
    return fail(res, 405, 'only GET and POST are forwarded');
  }
  const rest = req.url.slice(PROXY_PREFIX.length);
  const path = rest.startsWith('/') ? rest : `/${rest}`;
  const action = new URLSearchParams(path.split('?')[1] ?? '').get('Action') ?? req.headers['x-acs-action'] ?? '';
  const query = new URLSearchParams(path.split('?')[1] ?? '');
  const signature = String(req.headers.authorization ?? '').startsWith('ACS3-HMAC-SHA256 ') ? 'v3' : query.has('Signature') ? 'v1' : null;
  const entry = { method: req.method, path, action, signature, status: null };
  log.push(entry);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    entry.status = 413;
    req.resume();
    return fail(res, 413, 'request body too large');
  }
  const headers = { host: target.host };
  for (const [name, value] of Object.entries(req.headers)) {
    if (FORWARDED_HEADERS.has(name) || name.startsWith('x-acs-')) headers[name] = value;
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) {
      entry.status = 413;
      return fail(res, 413, 'request body too large');
    }
    const body = Buffer.concat(chunks);
    if (body.length > 0 || req.method === 'POST') headers['content-length'] = String(body.length);
    const upstream = http.request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path,
      headers,
      agent: false,
      timeout: UPSTREAM_TIMEOUT_MS,
    });
    upstream.on('timeout', () => upstream.destroy(new Error('upstream timed out')));
    upstream.on('response', (answer) => {
      entry.status = answer.statusCode;
      const back = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (!HOP_BY_HOP.has(name)) back[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, back);
      answer.on('aborted', () => {
        entry.status = 'cut';
        res.destroy();
      });
      answer.on('error', () => {
        entry.status = 'cut';
        res.destroy();
      });
      answer.pipe(res);
    });
    upstream.on('error', (e) => {
      if (entry.status === null) entry.status = 'dropped';
      fail(res, 502, `bad gateway: the upstream did not answer (${e.message})`);
    });
    upstream.end(body);
  });
}

async function serveStatic(req, res, statics) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'method not allowed');
  const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  for (const [prefix, dir] of statics) {
    if (!pathname.startsWith(prefix)) continue;
    let file = resolve(dir, `.${pathname.slice(prefix.length - 1)}`);
    if (file !== dir && !file.startsWith(dir + sep)) return fail(res, 403, 'forbidden');
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) continue;
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
    return;
  }
  fail(res, 404, 'not found');
}

// As a program.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const upstream = flag('--upstream');
  if (!upstream) {
    console.error('usage: node server.mjs --upstream http://127.0.0.1:9080 [--port 0] [--app DIR]');
    process.exit(2);
  }
  const app = flag('--app');
  const server = await startServer({ upstream, port: Number(flag('--port') ?? 0), mounts: app ? { '/app/': app } : {} });
  console.log(`listening on ${server.url} (page /, package /pkg/,${app ? ' app /app/,' : ''} ${PROXY_PREFIX}/* → ${upstream})`);
}
