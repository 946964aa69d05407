// The sandbox's worker (started by sandbox.js): one emulator (crates/sandbox) for this page, with
// the extra images the page's ?sandboxImages=N[&sandboxRegion=R] asks for. Once up, it says what it
// started from and sends the demo account's instances and snapshots; calls are answered in the
// order they arrive.
//
// What the user makes survives a reload: after a call that changed the state, the state is saved
// in this origin's IndexedDB before the call is answered, and the next worker starts from it. It
// holds no credentials (the demo keys are the emulator's configuration). `{reset}` replaces it with
// a fresh demo state and deletes the saved copy. A sandbox with extra images (a benchmark's) is
// neither saved nor restored.
//
// A call that traps in the wasm (a Rust panic aborts as `RuntimeError: unreachable`, and leaves the
// module unusable) is answered `{crashed}`: sandbox.js then ends this worker and the next call
// starts a fresh one, from the last saved state. ?sandboxPanicOn=<Action> (a test hook) makes every
// call of that action panic.
import init, { Sandbox, demoResources } from './ecsimg-sandbox.js';

const params = new URLSearchParams(self.location.search);
const extraImages = Math.max(0, Math.floor(Number(params.get('sandboxImages')))) || 0;
const panicOn = params.get('sandboxPanicOn') ?? '';
const kept = extraImages === 0;

const fresh = () => new Sandbox(extraImages, params.get('sandboxRegion') ?? '', Date.now(), panicOn);

/** The saved state, in IndexedDB: one record, `{json, savedAt}`. */
const saved = {
  db: null,
  open() {
    this.db ??= new Promise((resolve, reject) => {
      const request = indexedDB.open('ecsimg-sandbox', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('state');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.db;
  },
  async run(mode, act) {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('state', mode);
      const request = act(tx.objectStore('state'));
      tx.oncomplete = () => resolve(request.result);
      tx.onabort = tx.onerror = () => reject(tx.error);
    });
  },
  read() {
    return this.run('readonly', (store) => store.get('sandbox'));
  },
  write(json) {
    return this.run('readwrite', (store) => store.put({ json, savedAt: Date.now() }, 'sandbox'));
  },
  clear() {
    return this.run('readwrite', (store) => store.delete('sandbox'));
  },
};

/** Whether saving works here (IndexedDB may be unavailable or refused). */
let saves = kept;

/** The saved sandbox when there is one that reads back; `from` says which. */
async function startingPoint() {
  if (!kept) return { sandbox: fresh(), from: 'fresh' };
  let record;
  try {
    record = await saved.read();
  } catch {
    saves = false;
    return { sandbox: fresh(), from: 'fresh' };
  }
  if (!record) return { sandbox: fresh(), from: 'fresh' };
  try {
    return { sandbox: Sandbox.restore(record.json, panicOn), from: 'saved', savedAt: record.savedAt };
  } catch (error) {
    console.warn(`sandbox: ${error}; starting from the demo state`);
    await saved.clear().catch(() => {});
    return { sandbox: fresh(), from: 'unreadable' };
  }
}

const wasm = init({ module_or_path: new URL('./ecsimg-sandbox_bg.wasm', import.meta.url) });

/** The sandbox calls are answered by (replaced by `{reset}`). */
let sandbox = wasm.then(async () => {
  const start = await startingPoint();
  // What it started from, and the demo account's instances and snapshots, for the console.
  self.postMessage({ ready: { demo: demoResources(), from: start.from, savedAt: start.savedAt, saves } });
  return start.sandbox;
});

/** Saves and deletions of the saved state, one after the other in the order they were asked for. */
let writes = Promise.resolve();
function inTurn(act) {
  const done = writes.then(act);
  writes = done.catch(() => {});
  return done;
}

/** A fresh demo state, and no saved copy; answered `{reset}` once both are so. */
function reset(id) {
  sandbox = wasm.then(fresh);
  const cleared = kept ? inTurn(() => saved.clear()).catch(() => {}) : undefined;
  Promise.all([sandbox, cleared]).then(
    () => self.postMessage({ id, reset: true }),
    (error) => self.postMessage({ id, fault: `it failed: ${error?.message ?? error}` }),
  );
}

/** Answers a call, saving the state first when the call changed it. */
async function answer(data) {
  let ready;
  try {
    // The sandbox current when it is ready (a reset may have replaced the one asked for).
    for (let asked; asked !== sandbox; ) ready = await (asked = sandbox);
  } catch (error) {
    self.postMessage({ id: data.id, fault: `it failed: ${error?.message ?? error}` });
    return;
  }
  let answered;
  try {
    answered = ready.handle(data, Date.now());
  } catch (error) {
    // The module may be unusable from here on: sandbox.js replaces this worker.
    self.postMessage({ id: data.id, crashed: `${error?.name ?? 'Error'}: ${error?.message ?? error}` });
    return;
  }
  if (answered.changed && saves) {
    const json = ready.state();
    await inTurn(() => saved.write(json)).catch((error) => {
      saves = false;
      console.warn(`sandbox: its state can no longer be saved (${error?.message ?? error})`);
    });
  }
  self.postMessage({ id: data.id, ...answered }, answered.body ? [answered.body.buffer] : []);
}

self.onmessage = ({ data }) => (data.reset ? reset(data.id) : answer(data));
