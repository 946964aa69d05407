// Checks signed calls with tests/conformance/v3-verifier.py, the standard-library-only V3 verifier
// that shares no code with ecsimg or the official SDK, over the request as the upstream received
// it (`entry.sent` of tests/support/ecs-proxy.mjs: the Host the proxy set, the query, the headers).

import { LineProcess } from '../conformance/processes.mjs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERIFIER = resolve(dirname(fileURLToPath(import.meta.url)), '../conformance/v3-verifier.py');

/** The verifier's answers (`{ok, reason, ...}`), one per sent request, under `secret`. */
export async function verifyV3(sentRequests, secret) {
  const verifier = new LineProcess('python3', [VERIFIER], 'the V3 verifier');
  try {
    const answers = [];
    for (const sent of sentRequests) answers.push(await verifier.ask({ ...sent, secret }));
    return answers;
  } finally {
    verifier.close();
  }
}
