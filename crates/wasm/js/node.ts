// The Node entry point: the wasm is read from disk next to this file.

import { readFile } from 'node:fs/promises';
import { BaseClient } from './client.js';
import { instanceLoader } from './instance.js';
import type { ClientOptions } from './options.js';

const load = instanceLoader(() => readFile(new URL('./wasm/ecsimg_wasm_bg.wasm', import.meta.url)));

/** A client for the 23 ECS image operations (see the package README). */
export class EcsImageClient extends BaseClient {
  constructor(options: ClientOptions) {
    super(options, load);
  }
}

export * from './index.js';
