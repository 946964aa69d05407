// Random bytes for nonces and ClientTokens from the platform's CSPRNG.

/** Bytes drawn at a time: one `getRandomValues` call per nonce cost more than the signature in Node. */
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let used = 0;

/** The default `ClientOptions.randomBytes`: `crypto.getRandomValues`, drawn ahead; each byte is handed out once. */
export function cryptoRandomBytes(length: number): Uint8Array {
  if (length > POOL_SIZE) return globalThis.crypto.getRandomValues(new Uint8Array(length));
  if (used + length > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_SIZE));
    used = 0;
  }
  used += length;
  return pool.slice(used - length, used);
}
