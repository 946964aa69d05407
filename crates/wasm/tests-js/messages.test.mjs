// The client's validation messages are ecsimg-core's, to the byte. The wasm sends each problem as a
// code with its values and the client says it in words (js/messages.ts, over the phrases generated
// from the core); crates/core/tests/validation/messages.json, written by the core's golden test
// (`ECSIMG_BLESS=1 cargo test -p ecsimg-core --test validation_messages`), holds one invalid request
// for every documented constraint (and a few more) with the messages the Rust core says for it.
// Every case goes through the built package's `client.validate`, a few through `presign`.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { DEMO, EcsImageClient, PKG_DIST, REGION, ROOT, pkg, rejectsEcs } from './helpers.mjs';

const CASES = JSON.parse(readFileSync(join(ROOT, 'crates/core/tests/validation/messages.json'), 'utf8'));

/**
 * The client puts its own region into a request that has none; so that the cases without one stay
 * without, its region is a marker that the core it is given takes out again.
 */
const LEFT_OUT = 'region-left-out';
const wasm = await import(pathToFileURL(join(PKG_DIST, 'wasm/ecsimg_wasm.js')).href);
await wasm.default({ module_or_path: readFileSync(join(PKG_DIST, 'wasm/ecsimg_wasm_bg.wasm')) });
const core = {
  sign: wasm.sign,
  decode: wasm.decode,
  validate(action, text) {
    const request = JSON.parse(text);
    if (request.regionId === LEFT_OUT) delete request.regionId;
    return wasm.validate(action, JSON.stringify(request));
  },
};
const client = new pkg.BaseClient({ regionId: LEFT_OUT, credentials: DEMO }, async () => core);

/** What the fixture exercises, to check below that it reaches every branch of js/messages.ts. */
const seen = { code: new Set(), shown: new Set(), rule: new Set() };

describe('every case of the core golden test: the same messages from client.validate', () => {
  const operations = [...new Set(CASES.map((c) => c.operation))];
  for (const operation of operations) {
    test(operation, async () => {
      const mismatches = [];
      for (const c of CASES.filter((c) => c.operation === operation)) {
        const problems = await client.validate(c.operation, c.request);
        for (const p of problems) for (const key of Object.keys(seen)) if (p.detail[key]) seen[key].add(p.detail[key]);
        const messages = problems.map((p) => p.message);
        if (JSON.stringify(messages) !== JSON.stringify(c.messages)) mismatches.push({ label: c.label, rust: c.messages, ts: messages });
      }
      assert.deepEqual(mismatches, [], `${mismatches.length} case(s) of ${operation} differ`);
    });
  }

  test('the cases reach every code, every way of showing a value and every rule on characters', () => {
    assert.ok(CASES.length > 700, `${CASES.length} cases`);
    const all = {
      code: ['missing', 'missingWhen', 'missingOneOf', 'unknown', 'type', 'length', 'range', 'oneOf', 'text', 'tooFewItems', 'tooManyItems', 'conflict', 'restricted', 'duplicate'],
      shown: ['plain', 'text', 'number', 'string', 'boolean', 'null', 'array', 'object', 'nothing'],
      rule: ['ascii', 'chars', 'notPrefix', 'notContains', 'firstLetter', 'firstAsciiLetter', 'version', 'ossBucket', 'regionId', 'cloudBoxArn'],
    };
    for (const [key, values] of Object.entries(all)) assert.deepEqual([...seen[key]].sort(), [...values].sort(), key);
  });
});

test('presign: a validation error whose message is its problems’ messages, one a line', async () => {
  const signer = new EcsImageClient({ regionId: REGION, credentials: DEMO });
  const cases = CASES.filter((c) => c.request.regionId !== undefined && c.messages.length > 1).slice(0, 2);
  assert.equal(cases.length, 2);
  for (const c of cases) {
    const error = await rejectsEcs(signer.presign(c.operation, c.request), { kind: 'validation', operation: c.operation });
    assert.deepEqual(error.problems.map((p) => p.message), c.messages, c.label);
    assert.equal(error.message, c.messages.join('\n'), c.label);
  }
});
