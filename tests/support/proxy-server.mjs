// A server that is only the proxy: `/api/ecs/?<signed call>` forwarded to the emulator as
// web/nginx/ecsimg.conf forwards it (tests/support/ecs-proxy.mjs), for the Node suites that call
// through `proxyBaseUrl` without a page to serve.

import http from 'node:http';
import { forwardCall } from './ecs-proxy.mjs';

const PREFIX = '/api/ecs';

/** Starts it on 127.0.0.1:0 in front of `upstream` (`http://127.0.0.1:PORT`): `{url, log, close()}`. */
export async function startProxy(upstream) {
  const target = new URL(upstream);
  const log = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const entry = { method: req.method, path: req.url, status: null };
      log.push(entry);
      if (!req.url.startsWith(`${PREFIX}/`)) {
        entry.status = 404;
        res.writeHead(404).end();
        return;
      }
      forwardCall(req, res, { rest: req.url.slice(PREFIX.length), body: Buffer.concat(chunks), upstream: target, entry });
    });
  });
  await new Promise((ok, err) => {
    server.once('error', err);
    server.listen(0, '127.0.0.1', ok);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}${PREFIX}`,
    log,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
