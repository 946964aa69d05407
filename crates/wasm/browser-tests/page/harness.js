// Runs in the test page: the `ecsimg` package (through the import map) and a few helpers the
// Playwright test calls with page.evaluate. Results cross back as plain JSON values; errors as
// `{ok: false, error}` with the EcsError's fields, so the test can assert on them.

import * as ecsimg from 'ecsimg';

const clients = new Map();

/** The fields of an EcsError (or any error) that survive page.evaluate. */
function describeError(e) {
  const out = { name: e?.name, message: String(e?.message ?? e) };
  for (const key of ['kind', 'code', 'operation', 'httpStatus', 'requestId', 'retryable', 'throttling', 'clockSkew', 'attempts', 'problems', 'serverStringToSign', 'clientStringToSign']) {
    if (e?.[key] !== undefined) out[key] = e[key];
  }
  out.isEcsError = e instanceof ecsimg.EcsError;
  return out;
}

async function settle(promise) {
  try {
    return { ok: true, value: await promise };
  } catch (e) {
    return { ok: false, error: describeError(e) };
  }
}

function client(name) {
  const found = clients.get(name);
  if (!found) throw new Error(`no client ${name}`);
  return found;
}

window.harness = {
  exports: Object.keys(ecsimg).sort(),
  /** A client that sends through this page's same-origin proxy. */
  makeClient(name, options) {
    clients.set(name, new ecsimg.EcsImageClient({ proxyBaseUrl: '/api/ecs', ...options }));
    return name;
  },
  /** Calls an operation through its method (`client.createImage(...)`). */
  call(name, method, request, options) {
    return settle(client(name)[method](request, options));
  },
  presign(name, action, request) {
    return settle(client(name).presign(action, request));
  },
  validate(name, action, request) {
    return settle(client(name).validate(action, request));
  },
  /** Runs a waiter, recording its progress reports. */
  async wait(name, waiter, target, options = {}) {
    const progress = [];
    const result = await settle(client(name)[waiter](target, { ...options, onProgress: (p) => progress.push(p) }));
    return { ...result, progress };
  },
  /** Reads a paginator to the end: every page, and every item through `.items()`. */
  async paginate(name, action, request, options) {
    return settle(
      (async () => {
        const paginator = client(name)[`paginate${action}`](request, options);
        const pages = [];
        for await (const page of paginator) pages.push(page);
        const items = [];
        for await (const item of paginator.items()) items.push(item);
        return { pages, items };
      })(),
    );
  },
  curl(request) {
    return ecsimg.toCurl(request);
  },
};

document.getElementById('status').textContent = 'ready';
