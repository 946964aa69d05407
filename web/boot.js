// Starts the console: the npm package's client first (the console calls the service through it),
// then the console's own wasm. An external module, because the CSP allows no inline script.
import * as ecsimg from './ecsimg/browser.js';
import init from './ecsimg-console.js';

globalThis.ecsimg = ecsimg;
await init({ module_or_path: new URL('./ecsimg-console_bg.wasm', import.meta.url) });
