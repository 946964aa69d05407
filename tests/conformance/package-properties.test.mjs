// Property tests of the npm package against the official encoder and V1 signer, the properties of
// tests/official_encoder.rs for the core, on random requests of the catalogue's operations (the
// package signs operations, not arbitrary maps): random text in random string parameters, random
// secrets, AccessKey ids, tokens, methods, timestamps and nonces. Seeded: see random.mjs.

import { test } from 'node:test';
import { fieldName, operations } from './catalogue.mjs';
import { queryPairs, textDiff } from './compare.mjs';
import {
  encode,
  officialCanonicalQuery,
  officialSignature,
  officialStringToSign,
  signatureOf,
  withoutSignature,
} from './differential.mjs';
import { asAnswer, EcsError, pinnedClient } from './ecsimg-package.mjs';
import { anyString, anyText, CASES, forAll, SEED, trickyString } from './random.mjs';

// Presigned only, never sent.
const ENDPOINT = 'http://127.0.0.1:9';

/**
 * A random request of `op`: each parameter with a chance of one in three, strings made by `text`,
 * lists of 1 to 3 items. Numbers and booleans are left out (fixtures.mjs covers their formatting).
 */
function randomRequest(r, op, text) {
  const struct = (fields) => {
    const entries = fields.filter(() => r.next() < 1 / 3).map((field) => [fieldName(field), value(field)]);
    const out = Object.fromEntries(entries.filter(([, v]) => v !== undefined));
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const value = (field) => {
    if (field.type === 'string') return text(r);
    if (field.type === 'struct') return struct(field.fields);
    if (field.type === 'list') {
      const items = Array.from({ length: r.int(1, 3) }, () => value(field.item)).filter((v) => v !== undefined);
      return items.length > 0 ? items : undefined;
    }
    return undefined;
  };
  return struct(op.params) ?? {};
}

/** Every string a request holds. */
const stringsOf = (value) =>
  typeof value === 'string' ? [value] : typeof value === 'object' ? Object.values(value).flatMap(stringsOf) : [];

const randomHex = (r, bytes) => Array.from({ length: bytes }, () => r.int(0, 255).toString(16).padStart(2, '0')).join('');

/** A random second between 1970 and 2100, as the signature's timestamp is written. */
const randomTimestamp = (r) => new Date(r.int(0, 4_102_444_799) * 1000).toISOString().replace('.000Z', 'Z');

/** Presigns with the package; a refusal is a problem (lenient strictness lets any text through). */
async function presign({ op, request, ...options }) {
  try {
    return { signed: asAnswer(await pinnedClient({ endpoint: ENDPOINT, strictness: 'lenient', ...options }).presign(op.name, request)) };
  } catch (e) {
    if (!(e instanceof EcsError)) throw e;
    return { problems: [`refused ${op.name} ${JSON.stringify(request)}: ${e.message}`] };
  }
}

/** The strings of the request that did not reach the query intact. */
function missing(request, pairs) {
  const values = new Set(pairs.map(([, v]) => v));
  return stringsOf(request)
    .filter((s) => !values.has(s))
    .map((s) => `${JSON.stringify(s)} is not a parameter value as the query decodes`);
}

/** The query of a V1 and a V3 presign of `request` against the official encoder's. */
async function encodingProblems(r, text) {
  const op = r.pick(operations);
  const request = randomRequest(r, op, text);
  const credentials = { accessKeyId: 'id', accessKeySecret: 'secret' };
  const problems = [];
  for (const signature of ['v1', 'v3']) {
    const { signed, problems: refused } = await presign({ op, request, signature, credentials, nonce: randomHex(r, 16) });
    if (refused) return refused;
    const pairs = queryPairs(signed.url);
    const query = officialCanonicalQuery(pairs);
    problems.push(...missing(request, pairs));
    if (signature === 'v1') {
      problems.push(...textDiff('V1 URL', signed.url, `${ENDPOINT}/?${query}&Signature=${encode(signatureOf(pairs))}`, 'the official encoder’s'));
    } else {
      problems.push(...textDiff('V3 URL', signed.url, `${ENDPOINT}/?${query}`, 'the official encoder’s'));
      problems.push(...textDiff('V3 canonical query', signed.canonicalRequest.split('\n')[2], query, 'the official encoder’s'));
    }
  }
  return problems.map((p) => `${op.name} ${JSON.stringify(request)}: ${p}`);
}

/** Fails with the first failing cases, or reports the run's seed. */
async function check(t, property) {
  const failures = await forAll(property);
  if (failures.length > 0) {
    throw new Error(`${failures.length} failing case(s); ECSIMG_PROPERTY_SEED=${SEED} replays them:\n${failures.join('\n')}`);
  }
  t.diagnostic(`${CASES} cases, seed ${SEED}`);
}

test('encoding: the package’s query is the official getEncodeParam’s, on any string', (t) =>
  check(t, (r) => encodingProblems(r, anyString)),
);

test('encoding: the package’s query is the official getEncodeParam’s, on punctuation and multi-byte text', (t) =>
  check(t, (r) => encodingProblems(r, trickyString)),
);

test('V1: the package’s signature is the official getRPCSignature’s on random requests, secrets and methods', (t) =>
  check(t, async (r) => {
    const op = r.pick(operations);
    const request = randomRequest(r, op, anyText);
    const credentials = { accessKeyId: anyText(r, 1), accessKeySecret: anyString(r, 1) };
    if (r.next() < 0.5) credentials.securityToken = anyText(r, 1);
    const method = r.pick(['GET', 'POST']);
    const nonce = randomHex(r, 16);
    const timestamp = randomTimestamp(r);
    const { signed, problems: refused } = await presign({ op, request, signature: 'v1', method, credentials, nonce, timestamp });
    if (refused) return refused;
    const pairs = queryPairs(signed.url);
    const common = { AccessKeyId: credentials.accessKeyId, SecurityToken: credentials.securityToken, SignatureNonce: nonce, Timestamp: timestamp };
    const got = Object.fromEntries(withoutSignature(pairs));
    const secret = credentials.accessKeySecret;
    const problems = [
      ...missing(request, pairs),
      ...Object.entries(common).flatMap(([key, value]) => textDiff(key, got[key], value, 'the given')),
      ...textDiff('string-to-sign', signed.stringToSign, officialStringToSign(method, pairs)),
      ...textDiff('Signature', signatureOf(pairs), officialSignature(method, pairs, secret), 'official getRPCSignature'),
    ];
    const input = JSON.stringify({ op: op.name, request, credentials, method, nonce, timestamp });
    return problems.map((p) => `${input}: ${p}`);
  }),
);
