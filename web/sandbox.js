// The sandbox connection's fetch: the emulator (crates/sandbox) runs in a module worker
// (sandbox-worker.js), started when a form is first used or on the first call, so the page loads
// without it and its work (seeding, answering, a 10,000-image listing) never blocks the page. The
// page's query string goes to the worker, which reads ?sandboxImages= (and the test hook
// ?sandboxPanicOn=) from it.
//
// The worker keeps the sandbox's state in this origin's IndexedDB across reloads (no credentials);
// `resetSandbox()` brings back the demo state and deletes the saved copy.
//
// If a call traps in the worker's wasm (a panic), the worker is ended: that call and every call
// still waiting fail with `restartedMessage()`, the console shows a note (the
// `ecsimg-sandbox-restarted` event), and the next call starts a fresh worker, from the last saved
// state (the failed calls were not carried out), without a page reload.

let worker;
let ready; // what the worker started from, with the demo account's instances and snapshots
let saves = false; // whether the worker keeps its state across reloads
let nextId = 0;
const pending = new Map();

/** What a call that met a panic in the sandbox (or was waiting then) fails with. */
export function restartedMessage() {
  return saves
    ? 'the sandbox stopped on an internal error and was restarted from its last saved state; this call was not carried out'
    : 'the sandbox stopped on an internal error and was restarted with a fresh demo state; your earlier sandbox resources are gone';
}

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
  let resolveReady;
  ready = new Promise((resolve) => (resolveReady = resolve));
  worker = new Worker(new URL(`./sandbox-worker.js${location.search}`, import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }) => {
    if (data.ready) {
      saves = data.ready.saves;
      return resolveReady(data.ready);
    }
    if (data.crashed) {
      console.warn(`sandbox: ${data.crashed}; starting a fresh one`);
      // The console says so beside the connection (a retried call may then succeed on the fresh one).
      dispatchEvent(new CustomEvent('ecsimg-sandbox-restarted', { detail: { fromSaved: saves } }));
      return failAll(restartedMessage());
    }
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    call.settled();
    if (data.fault) call.reject(new TypeError(`sandbox: ${data.fault}`));
    else if (data.reset) call.resolve();
    else call.resolve(new Response(data.body, { status: data.status, headers: data.headers }));
  };
  worker.onerror = (event) => failAll(event.message || 'the sandbox failed to start');
}

/** Posts `message` to the worker (started if need be); resolves with its answer. */
function post(message, signal) {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (!worker) start();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onAbort = () => pending.delete(id) && reject(signal.reason);
    const settled = () => signal?.removeEventListener('abort', onAbort);
    pending.set(id, { resolve, reject, settled });
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ id, ...message });
  });
}

/**
 * Starts the worker ahead of the first call (the console calls this when a form is first used);
 * resolves to what it started from: `{demo, from, savedAt, saves}`, `demo` the demo account's
 * instances and snapshots (`[{snapshot, region, id, label}]`), `from` `fresh`, `saved` or
 * `unreadable` (a saved state it could not read, replaced by the demo state), `saves` whether it
 * keeps its state across reloads.
 */
export function warmSandbox() {
  if (!worker) start();
  return ready;
}

/** Brings back the sandbox's demo state and deletes its saved copy (calls already sent go first). */
export function resetSandbox() {
  return post({ reset: true });
}

/** `fetch(url, init)` answered by the sandbox's emulator; it honours `init.signal`. */
export function sandboxFetch(url, init = {}) {
  const target = new URL(url, location.href);
  return post(
    {
      method: init.method ?? 'GET',
      host: target.host,
      path: target.pathname,
      query: target.search.slice(1),
      headers: [...new Headers(init.headers)],
      body: typeof init.body === 'string' ? init.body : '',
    },
    init.signal,
  );
}
