// The official encoder and V1 signer as a line-protocol process, for the Rust property tests
// (tests/official_encoder.rs): one JSON request per stdin line, one JSON answer per stdout line.
//
//   {"encode": "a b*"}                                        → {"ok": "a%20b%2A"}
//   {"sign": {"params": {...}, "method": "GET", "secret": ".."}} → {"ok": "<base64 signature>"}
//   anything else or a failure                                 → {"error": "..."}

import { createInterface } from 'node:readline';
import { OpenApiUtil } from './official.mjs';

function answer(request) {
  if ('encode' in request) return OpenApiUtil.getEncodeParam(request.encode);
  if ('sign' in request) {
    const { params, method, secret } = request.sign;
    return OpenApiUtil.getRPCSignature(params, method, secret);
  }
  throw new Error(`unknown request: ${Object.keys(request)}`);
}

for await (const line of createInterface({ input: process.stdin })) {
  let reply;
  try {
    reply = { ok: answer(JSON.parse(line)) };
  } catch (e) {
    reply = { error: String(e?.message ?? e) };
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}
