// The sandbox connection's fetch: the emulator (crates/sandbox) runs in a module worker
// (sandbox-worker.js), started when a form is first used or on the first call, so the page loads
// without it and its work
// (seeding, answering, a 10,000-image listing) never blocks the page. The page's query string goes
// to the worker, which reads ?sandboxImages= (and the test hook ?sandboxPanicOn=) from it.
//
// If a call traps in the worker's wasm (a panic), the worker is ended: that call and every call
// still waiting fail with RESTARTED, the console shows a note (the `ecsimg-sandbox-restarted`
// event), and the next call starts a fresh worker, so a fresh demo state, without a page reload.

/** What a call that met a panic in the sandbox (or was waiting then) fails with. */
const RESTARTED =
  'the sandbox stopped on an internal error and was restarted with a fresh demo state; ' +
  'your earlier sandbox resources are gone';

let worker;
let demo; // the demo account's instances and snapshots, once the worker is up
let nextId = 0;
const pending = new Map();

function failAll(message) {
  for (const { reject, settled } of pending.values()) {
    settled();
    reject(new TypeError(`sandbox: ${message}`));
  }
  pending.clear();
  worker?.terminate();
  worker = undefined;
}

function start() {
  let resolveDemo;
  demo = new Promise((resolve) => (resolveDemo = resolve));
  worker = new Worker(new URL(`./sandbox-worker.js${location.search}`, import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }) => {
    if (data.demo) return resolveDemo(data.demo);
    if (data.crashed) {
      console.warn(`sandbox: ${data.crashed}; starting a fresh one`);
      // The console says so beside the connection (a retried call may then succeed on the fresh one).
      dispatchEvent(new CustomEvent('ecsimg-sandbox-restarted'));
      return failAll(RESTARTED);
    }
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    call.settled();
    if (data.fault) call.reject(new TypeError(`sandbox: ${data.fault}`));
    else call.resolve(new Response(data.body, { status: data.status, headers: data.headers }));
  };
  worker.onerror = (event) => failAll(event.message || 'the sandbox failed to start');
}

/**
 * Starts the worker ahead of the first call (the console calls this when a form is first used);
 * resolves to the demo account's instances and snapshots (`[{snapshot, region, id, label}]`).
 */
export function warmSandbox() {
  if (!worker) start();
  return demo;
}

/** `fetch(url, init)` answered by the sandbox's emulator; it honours `init.signal`. */
export function sandboxFetch(url, init = {}) {
  const { signal } = init;
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (!worker) start();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onAbort = () => pending.delete(id) && reject(signal.reason);
    const settled = () => signal?.removeEventListener('abort', onAbort);
    pending.set(id, { resolve, reject, settled });
    signal?.addEventListener('abort', onAbort, { once: true });
    const target = new URL(url, location.href);
    worker.postMessage({
      id,
      method: init.method ?? 'GET',
      host: target.host,
      path: target.pathname,
      query: target.search.slice(1),
      headers: [...new Headers(init.headers)],
      body: typeof init.body === 'string' ? init.body : '',
    });
  });
}
