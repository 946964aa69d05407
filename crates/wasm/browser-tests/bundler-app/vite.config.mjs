// Vite 8 builds this app from the repository's tools (`tools/node_modules/.bin/vite build --config
// crates/wasm/browser-tests/bundler-app/vite.config.mjs --configLoader native --outDir DIR`). The
// package name `ecsimg` resolves to the built package folder crates/wasm/pkg, as an installed
// `file:` dependency would: Vite reads its package.json `exports` (the browser build takes the
// "default" condition, dist/browser.js) and emits the wasm that dist/browser.js loads with
// `new URL('./wasm/ecsimg_wasm_bg.wasm', import.meta.url)` as an asset.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default {
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Served under /app/ by server.mjs.
  base: './',
  resolve: { alias: [{ find: /^ecsimg$/, replacement: fileURLToPath(new URL('../../pkg', import.meta.url)) }] },
  // Nothing is written into the source tree.
  cacheDir: join(tmpdir(), 'ecsimg-vite-cache'),
  build: { emptyOutDir: true, reportCompressedSize: true },
};
