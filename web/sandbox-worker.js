// The sandbox's worker (started by sandbox.js): one emulator (crates/sandbox) for this page, with
// the extra images the page's ?sandboxImages=N[&sandboxRegion=R] asks for. Once up, it sends the
// demo account's instances and snapshots; calls are answered in the order they arrive.
import init, { Sandbox, demoResources } from './ecsimg-sandbox.js';

const params = new URLSearchParams(self.location.search);
const extraImages = Math.max(0, Math.floor(Number(params.get('sandboxImages')))) || 0;
const sandbox = init({ module_or_path: new URL('./ecsimg-sandbox_bg.wasm', import.meta.url) }).then(() => {
  // The demo account's instances and snapshots, for the console's ID fields.
  self.postMessage({ demo: demoResources() });
  return new Sandbox(extraImages, params.get('sandboxRegion') ?? '', Date.now());
});

self.onmessage = async ({ data }) => {
  let answer;
  try {
    answer = (await sandbox).handle(data, Date.now());
  } catch (error) {
    answer = { fault: `it failed: ${error?.message ?? error}` };
  }
  self.postMessage({ id: data.id, ...answer }, answer.body ? [answer.body.buffer] : []);
};
