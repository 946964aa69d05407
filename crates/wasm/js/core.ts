// The WebAssembly core: ecsimg-core's validation, signing and decoding, over JSON text.

/** The functions the wasm module exports (see crates/wasm/src/lib.rs). */
export interface Core {
  sign(input: string): string;
  decode(action: string, status: number, body: Uint8Array, stringToSign: string): string;
  validate(action: string, request: string): string;
}

/** Loads the module once; each entry point (browser, Node) knows where its bytes are. */
export type CoreLoader = () => Promise<Core>;

export function once(load: () => Promise<Core>): CoreLoader {
  let loading: Promise<Core> | undefined;
  return () => {
    loading ??= load().catch((e) => {
      loading = undefined;
      throw e;
    });
    return loading;
  };
}
