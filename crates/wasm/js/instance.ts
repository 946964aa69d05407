// The wasm core's instance, shared by the entry points; each knows where the module's bytes are.

import { type CoreLoader, once } from './core.js';
import init, * as wasm from './wasm/ecsimg_wasm.js';

/**
 * Instantiates the module from `source()` on first use. After a trap (`fresh` > 0), the glue forgets
 * the instance (`__ecsimg_forget`, added by scripts/renewable-glue.mjs) and a new one is made from
 * the module compiled the first time: fresh memory, nothing fetched again, and it works in a bundle,
 * which holds one copy of the glue.
 */
export function instanceLoader(source: () => Promise<wasm.InitInput>): CoreLoader {
  return once(async (fresh) => {
    const module = fresh ? wasm.__ecsimg_forget() : undefined;
    if (module) wasm.initSync({ module });
    else await init({ module_or_path: await source() });
    return wasm;
  });
}
