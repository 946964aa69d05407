// A same-origin server for the browser tests, with no dependencies beyond Node: it serves a test
// page, the built npm package (crates/wasm/pkg), optionally a bundled app and a few JSON routes, and
// forwards `/api/ecs/*` to ONE fixed upstream (the emulator), the way the production proxy does:
//
//   GET|POST /api/ecs/?Action=...&RegionId=R  →  GET|POST http://<upstream>/?Action=...&RegionId=R
//   as tests/support/ecs-proxy.mjs forwards it: the prefix stripped, the query unchanged, `Host`
//   set as web/nginx/ecsimg.conf sets it (`ecs.R.aliyuncs.com`, from the call's first RegionId,
//   which the client signs and the strict emulator verifies over), a missing or malformed RegionId
//   refused (400), the browser's Cookie, Origin, Referer and X-Forwarded-* dropped, bodies over
//   64 KiB refused (413); an upstream that closes the connection without an answer gives 502, one
//   that closes it in the middle of an answer closes the browser's too.
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
import { forwardCall } from '../../../tests/support/ecs-proxy.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, '../../..');
export const PKG_DIR = resolve(REPO_ROOT, 'crates/wasm/pkg');
export const PAGE_DIR = resolve(HERE, 'page');
export const PROXY_PREFIX = '/api/ecs';

/** The proxy refuses larger bodies (tests/support/ecs-proxy.mjs); this much is enough to know. */
const MAX_BODY_BYTES = 64 * 1024;
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
 * extra URL prefixes (`/app/`) → directories. `json`: extra GET routes, exact paths → a function
 * returning the value answered as JSON (`{'/my-sts-endpoint': () => credentials}`). Resolves to
 * `{url, port, log, close()}`; `log` lists every forwarded call as `{method, path, action,
 * signature: 'v1'|'v3'|null, host, status, sent}`: `host` is the `Host` sent upstream (null when the
 * proxy refused the call), `status` is `'dropped'` or `'cut'` when the upstream closed the
 * connection early, `sent` is what the upstream received (tests/support/ecs-proxy.mjs).
 */
export async function startServer({ upstream, port = 0, mounts = {}, json = {} }) {
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
    } else if (req.method === 'GET' && Object.hasOwn(json, path)) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(json[path]()));
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

/** `/api/ecs/?Action=X` → the upstream's `/?Action=X`, as web/nginx/ecsimg.conf forwards it. */
function forward(req, res, target, log) {
  const rest = req.url.slice(PROXY_PREFIX.length);
  const path = rest.startsWith('/') ? rest : `/${rest}`;
  const query = new URLSearchParams(path.split('?')[1] ?? '');
  const action = query.get('Action') ?? req.headers['x-acs-action'] ?? '';
  const signature = String(req.headers.authorization ?? '').startsWith('ACS3-HMAC-SHA256 ') ? 'v3' : query.has('Signature') ? 'v1' : null;
  const entry = { method: req.method, path, action, signature, host: null, status: null };
  log.push(entry);
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    // Chunks are kept until the limit is passed, no further: the proxy answers 413 on the size
    // alone, and a body over the limit must still be over it when handed on.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    size += chunk.length;
  });
  req.on('end', () => forwardCall(req, res, { rest, body: Buffer.concat(chunks), upstream: target, entry }));
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
