// The Node entry point: the wasm is read from disk next to this file.

import { readFile } from 'node:fs/promises';
import { BaseClient } from './client.js';
import { once } from './core.js';
import type { ClientOptions } from './options.js';
import init, * as wasm from './wasm/ecsimg_wasm.js';

const load = once(async (fresh) => {
  const bytes = await readFile(new URL('./wasm/ecsimg_wasm_bg.wasm', import.meta.url));
  // After a trap, a new instance of the glue (its module state holds the old instance).
  const glue: typeof wasm = fresh ? await import(`./wasm/ecsimg_wasm.js?instance=${fresh}`) : wasm;
  await (fresh ? glue.default : init)({ module_or_path: bytes });
  return glue;
});

/** A client for the 23 ECS image operations (see the package README). */
export class EcsImageClient extends BaseClient {
  constructor(options: ClientOptions) {
    super(options, load);
  }
}

export * from './index.js';
