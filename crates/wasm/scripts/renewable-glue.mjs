// Lets the wasm-bindgen glue (web target) drop an instance that trapped, so that a client loads a
// fresh one (client.ts `#inCore`) with the one copy of the glue a bundle has: the glue keeps its
// instance in module state and its init functions return that instance once set. Appends
// `__ecsimg_forget()`, which clears that state and returns the compiled module to instantiate
// again; fails when the glue no longer has the state it clears (a new wasm-bindgen: look again).
//
//   node crates/wasm/scripts/renewable-glue.mjs crates/wasm/js/wasm/ecsimg_wasm.js (and its .d.ts
//   next to it)

import { readFileSync, writeFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const glue = readFileSync(file, 'utf8');
for (const expected of ['let wasmModule, wasmInstance, wasm;', 'let __wbg_init_promise;', 'if (wasm !== undefined) return wasm;']) {
  if (!glue.includes(expected)) throw new Error(`${file}: the glue has no \`${expected}\`; renewable-glue.mjs must be updated`);
}
writeFileSync(file.replace(/\.js$/, '.d.ts'), `${readFileSync(file.replace(/\.js$/, '.d.ts'), 'utf8')}
/** ecsimg: forgets the instance (after a trap); returns the compiled module for \`initSync\`. */
export function __ecsimg_forget(): WebAssembly.Module | undefined;
`);
writeFileSync(file, `${glue}
/** ecsimg: forgets the instance (after a trap); returns the compiled module for \`initSync\`. */
export function __ecsimg_forget() {
    const module = wasmModule;
    wasm = wasmInstance = wasmModule = __wbg_init_promise = undefined;
    return module;
}
`);
