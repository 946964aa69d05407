// The sandbox's worker (started by sandbox.js): one emulator (crates/sandbox) for this page, with
// the extra images the page's ?sandboxImages=N[&sandboxRegion=R] asks for. Once up, it sends the
// demo account's instances and snapshots; calls are answered in the order they arrive.
//
// A call that traps in the wasm (a Rust panic aborts as `RuntimeError: unreachable`, and leaves the
// module unusable) is answered `{crashed}`: sandbox.js then ends this worker and the next call
// starts a fresh one. ?sandboxPanicOn=<Action> (a test hook) makes every call of that action panic.
import init, { Sandbox, demoResources } from './ecsimg-sandbox.js';

const params = new URLSearchParams(self.location.search);
const extraImages = Math.max(0, Math.floor(Number(params.get('sandboxImages')))) || 0;
const sandbox = init({ module_or_path: new URL('./ecsimg-sandbox_bg.wasm', import.meta.url) }).then(() => {
  // The demo account's instances and snapshots, for the console's ID fields.
  self.postMessage({ demo: demoResources() });
  return new Sandbox(extraImages, params.get('sandboxRegion') ?? '', Date.now(), params.get('sandboxPanicOn') ?? '');
});

self.onmessage = async ({ data }) => {
  let ready;
  try {
    ready = await sandbox;
  } catch (error) {
    self.postMessage({ id: data.id, fault: `it failed: ${error?.message ?? error}` });
    return;
  }
  let answer;
  try {
    answer = ready.handle(data, Date.now());
  } catch (error) {
    // The module may be unusable from here on: sandbox.js replaces this worker.
    answer = { crashed: `${error?.name ?? 'Error'}: ${error?.message ?? error}` };
  }
  self.postMessage({ id: data.id, ...answer }, answer.body ? [answer.body.buffer] : []);
};
