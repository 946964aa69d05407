// The npm package `ecsimg` as its users run it: the build of crates/wasm/build.sh, loaded through its
// Node entry, with its clock and randomness pinned through `ClientOptions.now` and `randomBytes`.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TIMESTAMP } from './differential.mjs';

const ENTRY = new URL('../../crates/wasm/pkg/dist/node.js', import.meta.url);
if (!existsSync(ENTRY)) {
  throw new Error(`the npm package is not built (${fileURLToPath(ENTRY)} is missing): run crates/wasm/build.sh`);
}
export const { EcsImageClient, EcsError } = await import(ENTRY.href);

/** A `randomBytes` that always draws the bytes of `nonce` (32 hex digits), so the client signs with it. */
function drawing(nonce) {
  const bytes = Buffer.from(nonce, 'hex');
  if (bytes.length !== 16 || bytes.toString('hex') !== nonce) throw new Error(`not 16 bytes in hex: ${nonce}`);
  return (length) => {
    if (length !== bytes.length) throw new Error(`the client drew ${length} random bytes; these tests pin 16`);
    return Uint8Array.from(bytes);
  };
}

/** The ClientToken the client makes of `nonce`'s bytes: them as a version 4 UUID (RFC 9562). */
export function pinnedClientToken(nonce) {
  const variant = '89ab'[parseInt(nonce[16], 16) & 3];
  const h = `${nonce.slice(0, 12)}4${nonce.slice(13, 16)}${variant}${nonce.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A client of the package that signs at `timestamp` (default the matrix's) with `nonce`, one attempt
 * per call; `signature` is `signatureVersion`, everything else is passed on as ClientOptions.
 */
export function pinnedClient({ nonce, timestamp = TIMESTAMP, signature, ...options }) {
  return new EcsImageClient({
    regionId: 'cn-hangzhou',
    signatureVersion: signature,
    maxAttempts: 1,
    ...options,
    now: () => Date.parse(timestamp),
    randomBytes: drawing(nonce),
  });
}

/** A presigned request in the shape of the presign example's answer (headers as an object). */
export function asAnswer(signed) {
  return { ...signed, headers: Object.fromEntries(signed.headers) };
}

/** The package's presign as a signer for differential.mjs: the example's answer, or `{error}`. */
export async function packageSigner({ op, request, credentials, method, signature, endpoint, nonce }) {
  const client = pinnedClient({ nonce, signature, credentials, method, endpoint });
  try {
    return asAnswer(await client.presign(op.name, request));
  } catch (e) {
    if (!(e instanceof EcsError)) throw e;
    return { error: { kind: e.kind, message: e.message, problems: e.problems } };
  }
}
