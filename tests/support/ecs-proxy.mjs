// The API half of web/nginx/ecsimg.conf for the JavaScript suites' same-origin servers (the npm
// package's browser tests, the console's tests): `/api/ecs/?<signed call>` goes to ONE fixed
// upstream (the emulator) with `Host` set as nginx sets it, `ecs.<the call's RegionId>.aliyuncs.com`,
// so the strict emulator verifies each V3 call over the Host a real deployment would send. The
// host's pattern is read from the catalogue (crates/core/catalogue/ecs.json, `endpoint.pattern`).
//
// As nginx does: GET and POST only; a RegionId that is not one DNS label is refused with 400 in
// the service's shape before anything is sent; the query passes byte for byte; the browser's
// Cookie, Origin and Referer (and X-Forwarded-*) are not passed on; bodies over 64 KiB get 413.
// nginx's own extra rules (the action allowlist, rate limits) are tested on nginx itself
// (tests/proxy/).

import http from 'node:http';
import { CATALOGUE } from './catalogue.mjs';

const PATTERN = CATALOGUE.endpoint.pattern;
const MAX_BODY_BYTES = 64 * 1024;
const UPSTREAM_TIMEOUT_MS = 30_000;
const DROPPED = new Set(['cookie', 'origin', 'referer', 'host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade']);
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'set-cookie']);

/** nginx's `$arg_RegionId`: the raw value of the first `RegionId` parameter of a raw query. */
function firstRegionId(query) {
  for (const pair of query.split('&')) if (pair.startsWith('RegionId=')) return pair.slice('RegionId='.length);
  return '';
}

/**
 * The Host nginx sends for a call: `ecs.<RegionId>.aliyuncs.com`, or null for a region that is not
 * one DNS label without a hyphen at either end (the core's `validate::is_region_id`).
 */
export function proxiedHost(query) {
  const region = firstRegionId(query);
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(region) ? PATTERN.replace('{region}', region) : null;
}

function refuse(res, entry, status, code, message) {
  entry.status = status;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ Code: code, Message: message }));
}

/**
 * Forwards one call to `upstream` (a `URL`, `http://127.0.0.1:PORT`): `rest` is the path after the
 * proxy prefix, with its query, and `body` the request body, already read. Records in `entry` the
 * `host` sent and the request as `sent` upstream (`{method, url, headers, body}`), and sets `entry.status` to
 * the status answered as soon as it is known, `'dropped'` when the upstream closed without
 * answering, or `'cut'` when it closed in the middle of an answer.
 */
export function forwardCall(req, res, { rest, body, upstream, entry }) {
  if (req.method !== 'GET' && req.method !== 'POST') {
    return refuse(res, entry, 405, 'UnsupportedHTTPMethod', 'This proxy forwards GET and POST only.');
  }
  if (body.length > MAX_BODY_BYTES) return refuse(res, entry, 413, 'RequestEntityTooLarge', 'The body is over 64 KiB.');
  const path = rest.startsWith('/') ? rest : `/${rest}`;
  const host = proxiedHost(path.split('?')[1] ?? '');
  if (!host) {
    return refuse(res, entry, 400, 'InvalidRegionId.Malformed', 'This proxy needs a RegionId of lowercase letters, digits and hyphens.');
  }
  const headers = { host };
  for (const [name, value] of Object.entries(req.headers)) {
    if (!DROPPED.has(name) && !name.startsWith('x-forwarded-')) headers[name] = value;
  }
  headers['content-length'] = String(body.length);
  // What the upstream receives, for checks that verify a call as the service would.
  entry.host = host;
  entry.sent = { method: req.method, url: path, headers, body: body.toString('utf8') };
  const call = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers, agent: false, timeout: UPSTREAM_TIMEOUT_MS });
  call.on('timeout', () => call.destroy(new Error('upstream timed out')));
  call.on('response', (answer) => {
    entry.status = answer.statusCode;
    const back = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name)) back[name] = value;
    res.writeHead(answer.statusCode ?? 502, back);
    const cut = () => {
      entry.status = 'cut';
      res.destroy();
    };
    answer.on('aborted', cut);
    answer.on('error', cut);
    answer.pipe(res);
  });
  call.on('error', (e) => {
    if (entry.status === null || entry.status === undefined) entry.status = 'dropped';
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`bad gateway: the upstream did not answer (${e.message})\n`);
  });
  call.end(body);
}
