// Shared by the package's Node tests (`node --test crates/wasm/tests-js/`): the built package,
// emulator processes on free ports, and a recording `fetch` wrapper.
//
// Needs the package built (`crates/wasm/build.sh`); the emulator comes from tests/support/emulator.mjs.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const PKG_DIST = join(ROOT, 'crates/wasm/pkg/dist');

if (!existsSync(join(PKG_DIST, 'node.js'))) {
  throw new Error(`the package is not built (${PKG_DIST}/node.js is missing): run crates/wasm/build.sh first`);
}

/** The package as Node loads it (`exports["."].node`). */
export const pkg = await import(pathToFileURL(join(PKG_DIST, 'node.js')).href);
export const { EcsImageClient, EcsError, toCurl, toAliyunCli } = pkg;
/** The generated operation table the client's methods are defined from. */
export const { OPERATIONS } = await import(pathToFileURL(join(PKG_DIST, 'generated/operations.js')).href);

export const REGION = 'cn-hangzhou';
export const OTHER_REGION = 'cn-shanghai';
export const DEMO = { accessKeyId: 'demo', accessKeySecret: 'demo-secret' };
export const DEMO_ACCOUNT = '1000000000000001';
export const DEMO2 = { accessKeyId: 'demo2', accessKeySecret: 'demo2-secret' };
export const DEMO2_ACCOUNT = '1000000000000002';
export const PUBLIC_IMAGE = 'aliyun_3_x64_20G_alibase_20250915.vhd';
export const PUBLIC_FAMILY = 'acs:alibaba_cloud_linux_3_2104_lts_x64';
export const INSTANCE = 'i-hangzhou-web1';
export const SNAPSHOT = 's-hangzhou-sys1';
export const BROKEN_SNAPSHOT = 's-hangzhou-broken1';
export const BUCKET = 'ecsimg-demo-hangzhou-1';
export const QCOW2_OBJECT = 'images/alinux3-custom.qcow2';
export const REQUEST_ID = /^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/;

export { startEmulator } from '../../../tests/support/emulator.mjs';

// ---------------------------------------------------------------------------------------------
// Clients and fetch wrappers.

/** Short backoffs so that the tests stay fast (the defaults are tested on their own). */
export const FAST_RETRY = { baseDelayMs: 1, throttlingBaseDelayMs: 2, maxDelayMs: 5 };

export function makeClient(emulator, options = {}) {
  return new EcsImageClient({
    regionId: REGION,
    endpoint: emulator.url,
    credentials: DEMO,
    retry: FAST_RETRY,
    ...options,
  });
}

/** The parameters a request carries, wherever it carries them (query, or a form body). */
export function paramsOf(url, body) {
  const params = new URLSearchParams(new URL(url).search);
  if (typeof body === 'string' && body) for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
  return params;
}

/**
 * A `fetch` that records every request (`calls`: url, method, lower-case headers, body, params,
 * time) and hands it to `handler(url, init, entry, calls)`, which sends it on by default.
 */
export function recordingFetch(handler = (url, init) => fetch(url, init)) {
  const calls = [];
  const wrapped = async (url, init = {}) => {
    const headers = Object.fromEntries([...new Headers(init.headers ?? {})]);
    const body = typeof init.body === 'string' ? init.body : '';
    const entry = { url: String(url), method: init.method ?? 'GET', headers, body, params: paramsOf(String(url), body), at: Date.now() };
    calls.push(entry);
    return handler(url, init, entry, calls);
  };
  wrapped.calls = calls;
  return wrapped;
}

/**
 * Runs `fn(fetch)` with the fault `rules` in force on `emulator` (started with `--admin`) for the
 * first request only (`once`) or for every request; the faults are cleared afterwards either way.
 */
export async function withFaults(emulator, rules, fn, { once = false } = {}) {
  await emulator.setFaults(rules);
  const log = recordingFetch(async (url, init, entry, calls) => {
    try {
      return await fetch(url, init);
    } finally {
      if (once && calls.length === 1) await emulator.clearFaults();
    }
  });
  try {
    return await fn(log);
  } finally {
    await emulator.clearFaults();
  }
}

/** The action, nonce, timestamp, ClientToken, AccessKeyId and security token a signed request carries. */
export function signedFields(entry) {
  const v3 = 'authorization' in entry.headers;
  if (v3) {
    return {
      version: 'v3',
      action: entry.headers['x-acs-action'],
      nonce: entry.headers['x-acs-signature-nonce'],
      timestamp: entry.headers['x-acs-date'],
      clientToken: entry.params.get('ClientToken'),
      accessKeyId: /Credential=([^,]+)/.exec(entry.headers.authorization)?.[1],
      securityToken: entry.headers['x-acs-security-token'],
    };
  }
  return {
    version: 'v1',
    action: entry.params.get('Action'),
    nonce: entry.params.get('SignatureNonce'),
    timestamp: entry.params.get('Timestamp'),
    clientToken: entry.params.get('ClientToken'),
    accessKeyId: entry.params.get('AccessKeyId'),
    securityToken: entry.params.get('SecurityToken'),
  };
}

/** A service error answer, as the gateway writes one. */
export function errorResponse(status, code, message, headers = {}) {
  const requestId = '00000000-0000-4000-8000-000000000000'.toUpperCase();
  const body = JSON.stringify({ RequestId: requestId, HostId: 'ecs.aliyuncs.com', Code: code, Message: message });
  return new Response(body, { status, headers: { 'content-type': 'application/json;charset=utf-8', ...headers } });
}

/** The same answer with its JSON body changed by `edit` (for pages whose NextToken a test forges). */
export async function rewriteJson(response, edit) {
  const json = await response.json();
  edit(json);
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(json), { status: response.status, headers });
}

/** Asserts that `promise` rejects with an EcsError and returns it for further checks. */
export async function rejectsEcs(promise, expected = {}) {
  let error;
  await assert.rejects(promise, (e) => {
    error = e;
    return true;
  });
  assert.ok(error instanceof EcsError, `not an EcsError: ${error?.stack ?? error}`);
  for (const [key, value] of Object.entries(expected)) assert.deepEqual(error[key], value, `error.${key} (${error.message})`);
  return error;
}

/** Runs `fn` with `Date.now` shifted by `offsetMs()` (read at every call), restoring it after. */
export async function withClockOffset(offsetMs, fn) {
  const realNow = Date.now;
  Date.now = () => realNow() + offsetMs();
  try {
    return await fn();
  } finally {
    Date.now = realNow;
  }
}

/** Runs `fn` with `Math.random` returning `value` (the backoff's jitter), restoring it after. */
export async function withRandom(value, fn) {
  const real = Math.random;
  Math.random = () => value;
  try {
    return await fn();
  } finally {
    Math.random = real;
  }
}

/**
 * Runs `fn` and returns `{ result, sleeps }`: the delays (ms) the package's `sleep` (retry.js, used
 * by the retry backoff and the waiters) asked `setTimeout` for. The timers still run for real.
 */
export async function recordSleeps(fn) {
  const real = globalThis.setTimeout;
  const sleeps = [];
  globalThis.setTimeout = function (callback, ms, ...args) {
    if (/\/dist\/retry\.js:/.test(new Error().stack ?? '')) sleeps.push(ms);
    return real.call(this, callback, ms, ...args);
  };
  try {
    const result = await fn();
    return { result, sleeps };
  } finally {
    globalThis.setTimeout = real;
  }
}
