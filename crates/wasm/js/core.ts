// The WebAssembly core: ecsimg-core's validation, signing and decoding, over JSON text.

/** The functions the wasm module exports (see crates/wasm/src/lib.rs). */
export interface Core {
  sign(input: string): string;
  decode(action: string, status: number, body: Uint8Array, stringToSign: string): string;
  validate(action: string, request: string): string;
}

/**
 * Loads the module once; each entry point (browser, Node) knows where its bytes are. `reset`, when
 * there, drops the loaded module so that the next call loads a fresh one (after a trap).
 */
export type CoreLoader = (() => Promise<Core>) & { reset?: () => void };

/**
 * `load` once, until `reset`: `load(fresh)` is then called again with the number of resets so far,
 * so that it can instantiate a new module rather than hand back the one that trapped.
 */
export function once(load: (fresh: number) => Promise<Core>): CoreLoader {
  let loading: Promise<Core> | undefined;
  let resets = 0;
  const loader: CoreLoader = () => {
    loading ??= load(resets).catch((e) => {
      loading = undefined;
      throw e;
    });
    return loading;
  };
  loader.reset = () => {
    loading = undefined;
    resets++;
  };
  return loader;
}
