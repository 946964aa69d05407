// Differential tests of ecsimg-core against the official Alibaba Cloud SDK for ECS 2014-05-26:
// the same calls, made by the official client and by our presign example, must reach a loopback
// server as the same request (the comparisons shared with package.test.mjs are in differential.mjs).
// Run from the repository root: `node --test tests/conformance/`.

import { after, before, test } from 'node:test';
import { keyShape, leaves, operations } from './catalogue.mjs';
import { headersDiff, Mismatches, parseAuthorization, queryPairs, textDiff } from './compare.mjs';
import { CASES, CREDENTIALS, Differential, matrix, rejected, TIMESTAMP } from './differential.mjs';
import { allCases } from './fixtures.mjs';
import { modelLeaves, requestModel } from './official.mjs';
import { startPresign } from './processes.mjs';

let differential;
let presign;

before(async () => {
  differential = await Differential.start();
  presign = startPresign();
});

after(async () => {
  presign?.close();
  await differential?.close();
});

/** The presign example as a signer (differential.mjs); `endpoint: null` resolves the region's. */
function ours({ op, request, credentials, method, signature, endpoint, nonce }) {
  return presign.ask({
    action: op.name,
    request,
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    securityToken: credentials.securityToken ?? null,
    signatureVersion: signature,
    method,
    endpoint,
    timestamp: TIMESTAMP,
    nonce,
  });
}

const TS_TYPES = { string: 'string', integer: 'number', long: 'number', float: 'number', boolean: 'boolean' };

test('coverage: the official request models have exactly the catalogue parameters', (t) => {
  const problems = new Mismatches();
  let keys = 0;
  for (const op of operations) {
    const official = new Map(modelLeaves(requestModel(op.name)).map((leaf) => [leaf.key, leaf]));
    const ours = new Map(leaves(op.params).map((leaf) => [leaf.key, leaf]));
    keys += ours.size;
    for (const key of official.keys()) {
      if (!ours.has(key)) problems.add(op.name, [`${key} is in the official model only`]);
    }
    for (const [key, leaf] of ours) {
      const theirs = official.get(key);
      if (!theirs) {
        problems.add(op.name, [`${key} is in the catalogue only`]);
        continue;
      }
      problems.add(op.name, textDiff(`${key}: TS field path`, leaf.sdkPath.join('.'), theirs.sdkPath.join('.')));
      if (TS_TYPES[leaf.field.type] !== theirs.type) {
        problems.add(op.name, [`${key}: catalogue type ${leaf.field.type} but official TS type ${theirs.type}`]);
      }
    }
  }
  t.diagnostic(`${keys} wire keys across ${operations.length} operations compared with the official models`);
  problems.check();
});

test('fixtures: every parameter is used and our validator accepts every variant', async (t) => {
  const problems = new Mismatches();
  for (const withNewer of [false, true]) {
    const used = new Map(operations.map((op) => [op.name, new Set()]));
    for (const { op, variant } of allCases({ withNewer })) {
      const signed = await ours({
        op,
        request: variant.request,
        credentials: CREDENTIALS.sts,
        method: 'POST',
        signature: 'v3',
        endpoint: `http://${differential.endpoint}`,
        nonce: 'fixture',
      });
      const context = `${op.name} / ${variant.name}${withNewer ? ' (with newer parameters)' : ''}`;
      if (signed.error) {
        problems.add(context, [`rejected: ${JSON.stringify(signed.error.messages ?? signed.error.message)}`]);
        continue;
      }
      problems.add(context, signed.warnings.map((w) => `warning: ${w.message}`));
      for (const [key] of queryPairs(signed.url)) used.get(op.name).add(keyShape(key));
    }
    for (const op of operations) {
      const unused = leaves(op.params, { withNewer }).filter((leaf) => !used.get(op.name).has(leaf.key));
      problems.add(op.name, unused.map((leaf) => `no variant sends ${leaf.key}`));
    }
  }
  t.diagnostic(`${CASES.length} variants over ${operations.length} operations`);
  problems.check();
});

test('V1 (HMAC-SHA1): same parameters, same signature, same string-to-sign as the official client', (t) =>
  differential.compareV1(t, ours),
);

test('V3 (ACS3-HMAC-SHA256): same parameters, headers and Authorization; verified independently', (t) =>
  differential.compareV3(t, ours),
);

test('V3 with default credentials: the official client also signs x-acs-credentials-provider', async (t) => {
  const problems = new Mismatches();
  const providers = new Set();
  for (const op of operations) {
    for (const c of matrix(op, ['POST'])) {
      const { signed, received } = await differential.ours(ours, { ...c, signature: 'v3' });
      const official = await differential.official({ ...c, signature: 'v3' });
      if (signed.error) {
        problems.add(c.context, [`we refused it: ${JSON.stringify(signed.error)}`]);
        continue;
      }
      const ourSigned = parseAuthorization(received.headers.authorization).signedHeaders;
      const officialSigned = parseAuthorization(official.headers.authorization).signedHeaders;
      providers.add(official.headers['x-acs-credentials-provider']);
      const secret = c.credentials.accessKeySecret;
      problems.add(c.context, [
        ...textDiff(
          'signed headers the official client adds',
          officialSigned.filter((h) => !ourSigned.includes(h)).join(';'),
          'x-acs-credentials-provider',
          'expected',
        ),
        ...textDiff('signed headers only we sign', ourSigned.filter((h) => !officialSigned.includes(h)).join(';'), ''),
        ...headersDiff(ourSigned, received.headers, official.headers),
        ...rejected(await differential.verify(received, secret), 'ours'),
        ...rejected(await differential.verify(official, secret), 'the official request'),
      ]);
    }
  }
  t.diagnostic(`the official client adds x-acs-credentials-provider: ${[...providers].join(', ')}`);
  problems.check();
});

test('parameters newer than the TS SDK: the official V1 signer and the independent V3 verifier agree', (t) =>
  differential.checkNewerParameters(t, ours),
);

test('endpoints: with no endpoint given we sign for the host the official client resolves', (t) =>
  differential.compareEndpoints(t, ours),
);
