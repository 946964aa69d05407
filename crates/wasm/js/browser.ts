// The browser and bundler entry point: the wasm is fetched next to this file.

import { BaseClient } from './client.js';
import { once } from './core.js';
import type { ClientOptions } from './options.js';
import init, * as wasm from './wasm/ecsimg_wasm.js';

const load = once(async () => {
  await init({ module_or_path: new URL('./wasm/ecsimg_wasm_bg.wasm', import.meta.url) });
  return wasm;
});

/** A client for the 23 ECS image operations (see the package README). */
export class EcsImageClient extends BaseClient {
  constructor(options: ClientOptions) {
    super(options, load);
  }
}

export * from './index.js';
