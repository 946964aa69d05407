// The browser and bundler entry point: the wasm is fetched next to this file.

import { BaseClient } from './client.js';
import { once } from './core.js';
import type { ClientOptions } from './options.js';
import init, * as wasm from './wasm/ecsimg_wasm.js';

/** The glue, for a fresh instance after a trap (not a literal: bundlers would emit a copy of it). */
const GLUE = './wasm/ecsimg_wasm.js';

const load = once(async (fresh) => {
  const module_or_path = new URL('./wasm/ecsimg_wasm_bg.wasm', import.meta.url);
  if (fresh) {
    // After a trap, a new instance of the glue (its module state holds the old instance). In a
    // bundle, which does not serve the glue next to this file, the old instance is kept.
    try {
      const glue: typeof wasm = await import(/* @vite-ignore */ /* webpackIgnore: true */ new URL(`${GLUE}?instance=${fresh}`, import.meta.url).href);
      await glue.default({ module_or_path });
      return glue;
    } catch {
      return wasm;
    }
  }
  await init({ module_or_path });
  return wasm;
});

/** A client for the 23 ECS image operations (see the package README). */
export class EcsImageClient extends BaseClient {
  constructor(options: ClientOptions) {
    super(options, load);
  }
}

export * from './index.js';
