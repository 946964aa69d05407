// Requests signed per second in Node, ours against the official SDK, in the same run: the
// `ecsimg` package (crates/wasm/pkg, dist/node.js) and `@alicloud/ecs20140526` on
// `@alicloud/openapi-core` (installed in tests/conformance/node_modules), each building and signing
// DescribeImages and a large CreateImagePipeline request, in V3 and V1. No network: the official
// client's transport (`$dara.doAction`) and our client's `fetch` are stubbed to answer
// `{"RequestId":"bench"}` at once.
//
//   node crates/wasm/benches/throughput.mjs [--seconds S] [--rounds N]
//
// Variants (each call awaited before the next, the way an application calls):
//   ours: wasm sign      the raw wasm export `sign(JSON)` (validate + flatten + sign, JSON in/out)
//   ours: presign        `client.presign(action, request)`: the above plus the client's JSON and nonce
//   ours: call (stub)    `client.describeImages(...)` etc. with a stub fetch: presign + transport + decode
//   official: call (stub) `client.describeImagesWithOptions`' path via `client.describeImages(new Request)`,
//                        `$dara.doAction` stubbed: model → query → sign → (stub) → parse → model
// The figure to compare with the official call is ours "call (stub)" (same work, both ends);
// "presign" shows the signing alone. Prints ops/s (median of the rounds) and the ratios.

import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SECONDS = option('--seconds', 1);
const ROUNDS = option('--rounds', 3);

// ---------------------------------------------------------------------------------------------
// The two clients.

const ours = await import(`${ROOT}crates/wasm/pkg/dist/node.js`).catch(() => {
  throw new Error('crates/wasm/pkg is missing: run crates/wasm/build.sh first');
});
const wasm = await import(`${ROOT}crates/wasm/pkg/dist/wasm/ecsimg_wasm.js`);

const conformance = createRequire(`${ROOT}tests/conformance/package.json`);
let ecs;
try {
  ecs = conformance('@alicloud/ecs20140526');
} catch {
  throw new Error('the official SDK is missing: run `npm ci --prefix tests/conformance` first');
}
const openapiCore = createRequire(conformance.resolve('@alicloud/openapi-core'));
const daraCore = openapiCore('@darabonba/typescript/dist/core');
const OFFICIAL_VERSION = conformance('@alicloud/ecs20140526/package.json').version;
const OPENAPI_CORE_VERSION = openapiCore('@alicloud/openapi-core/package.json').version;

/** The official transport, replaced: every request is answered at once, nothing is sent. */
const BODY = '{"RequestId":"bench"}';
let officialSent = 0;
let lastOfficialRequest;
daraCore.doAction = async (request) => {
  officialSent++;
  lastOfficialRequest = request;
  return new daraCore.Response(Object.assign(Readable.from([Buffer.from(BODY)]), {
    statusCode: 200,
    statusMessage: 'OK',
    headers: { 'content-type': 'application/json;charset=utf-8' },
  }));
};
let oursSent = 0;
const BODY_BYTES = new TextEncoder().encode(BODY);
const HEADERS = [['content-type', 'application/json;charset=utf-8']];
/** Our transport, replaced: the least of a fetch Response the client reads (status, headers, body). */
const stubFetch = async () => {
  oursSent++;
  return {
    status: 200,
    headers: {
      get: (name) => HEADERS.find(([n]) => n === name)?.[1] ?? null,
      forEach: (fn) => HEADERS.forEach(([name, value]) => fn(value, name)),
    },
    arrayBuffer: async () => BODY_BYTES.slice().buffer,
  };
};

const KEY = { accessKeyId: 'LTAI5tExampleKeyId', accessKeySecret: 'ExampleSecret0123456789' };
const ENDPOINT = '127.0.0.1:9';

function officialClient(version) {
  const config = { ...KEY, regionId: 'cn-hangzhou', endpoint: ENDPOINT, protocol: 'http' };
  if (version === 'v1') config.signatureAlgorithm = 'v2'; // the SDK's name for HMAC-SHA1 RPC signing
  return new ecs.default(config);
}

function ourClient(version) {
  return new ours.EcsImageClient({
    regionId: 'cn-hangzhou',
    endpoint: ENDPOINT,
    credentials: KEY,
    signatureVersion: version,
    maxAttempts: 1,
    fetch: stubFetch,
  });
}

/** Our request (the official TS field names) as the official model, nested models included. */
function officialModel(Model, request) {
  const types = Model.types();
  const fields = {};
  for (const [name, value] of Object.entries(request)) {
    if (!(name in types)) throw new Error(`the official ${Model.name} has no field ${name}`);
    fields[name] = convert(types[name], value);
  }
  return new Model(fields);
}
function convert(type, value) {
  if (typeof type === 'function' && typeof type.types === 'function') return officialModel(type, value);
  if (type?.type === 'array') return value.map((item) => convert(type.itemType, item));
  return value;
}

// ---------------------------------------------------------------------------------------------
// The requests: those of crates/core/benches/sign.rs.

const describeImages = { regionId: 'cn-hangzhou', status: 'Available', pageSize: 50, imageOwnerAlias: 'self' };
const fullPipeline = {
  regionId: 'cn-hangzhou',
  baseImageType: 'IMAGE',
  baseImage: 'm-bp1g7004ksh0oeuc1234',
  name: 'nightly-build',
  description: 'Nightly image with the agent, hardened SSH and the latest patches',
  buildContent: "RUN yum update -y\nRUN echo 'hello * world' > /etc/motd\nCOMPONENT ic-bp67acfmxazb4p1234",
  testContent: 'RUN test -f /etc/motd',
  instanceType: 'ecs.g7.large',
  systemDiskSize: 60,
  internetMaxBandwidthOut: 10,
  vSwitchId: 'vsw-bp1s5fnvk4gn2tws0abcd',
  deleteInstanceOnFailure: true,
  clientToken: '123e4567-e89b-12d3-a456-426655440000',
  addAccount: [1000000000000001, 1000000000000002],
  toRegionId: ['cn-beijing', 'cn-shanghai', 'ap-southeast-1'],
  tag: Array.from({ length: 20 }, (_, i) => ({ key: `team-${i + 1}`, value: `值 ${i + 1}` })),
  imageOptions: {
    imageName: 'nightly',
    imageFamily: 'nightly-family',
    description: 'Output image',
    imageTags: [{ key: 'stage', value: 'nightly' }],
    imageFeatures: { nvmeSupport: 'auto' },
  },
  advancedOptions: { retainCloudAssistant: true, imageNameSuffix: 'disable' },
  repairMode: 'Standard',
};
const REQUESTS = [
  ['DescribeImages', 'describeImages', describeImages],
  ['CreateImagePipeline (full)', 'createImagePipeline', fullPipeline],
];

// ---------------------------------------------------------------------------------------------

/** Calls `fn` (awaited) for `SECONDS`, after a warm-up; operations per second. */
async function rate(fn) {
  for (let i = 0; i < 200; i++) await fn();
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(SECONDS * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 50; i++) await fn();
    count += 50;
    now = process.hrtime.bigint();
  }
  return count / (Number(now - start) / 1e9);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(9);

console.log(`sign + build throughput, Node ${process.version}, ${SECONDS} s x ${ROUNDS} rounds per figure (median)`);
console.log(`ours: ecsimg (crates/wasm/pkg); official: @alicloud/ecs20140526 ${OFFICIAL_VERSION} on @alicloud/openapi-core ${OPENAPI_CORE_VERSION}`);
console.log('');
const rows = [];
for (const [label, method, request] of REQUESTS) {
  const action = method[0].toUpperCase() + method.slice(1);
  for (const version of ['v3', 'v1']) {
    const mine = ourClient(version);
    const theirs = officialClient(version);
    const Model = ecs[`${action}Request`];
    const model = () => officialModel(Model, request);
    // Both sides sign the same parameters (checked once, outside the timing).
    const presigned = await mine.presign(action, request);
    await theirs[method](model());
    const theirKeys = Object.keys(lastOfficialRequest.query)
      .filter((k) => !['Action', 'Format', 'Version', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'AccessKeyId', 'Signature'].includes(k))
      .sort();
    const ourKeys = presigned.params.map(([k]) => k).sort();
    if (JSON.stringify(theirKeys) !== JSON.stringify(ourKeys)) {
      throw new Error(`${action} ${version}: the two sides sign different parameters:\n ours   ${ourKeys}\n theirs ${theirKeys}`);
    }
    const input = (i) =>
      JSON.stringify({ action, request, ...KEY, signatureVersion: version, method: 'POST', endpoint: ENDPOINT, timestamp: Math.floor(Date.now() / 1000), nonce: `n${i}` });
    let n = 0;
    const variants = {
      'ours: wasm sign': () => {
        const out = wasm.sign(input(n++));
        if (out.startsWith('{"error"')) throw new Error(out);
      },
      'ours: presign': () => mine.presign(action, request),
      'ours: call (stub)': () => mine[method](request),
      'official: call (stub)': () => theirs[method](model()),
    };
    const figures = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, fn] of Object.entries(variants)) figures[name].push(await rate(fn));
    }
    const m = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, median(v)]));
    rows.push({ label, version, m });
    console.log(`${label}, ${version.toUpperCase()} (${ourKeys.length} parameters)`);
    for (const [name, value] of Object.entries(m)) {
      const ratio = value / m['official: call (stub)'];
      console.log(`  ${name.padEnd(22)} ${fmt(value)} /s  ${(1e6 / value).toFixed(1).padStart(7)} µs  ${ratio.toFixed(2).padStart(6)}x official`);
    }
  }
}
console.log('');
console.log(`stubbed transports answered: ours ${oursSent}, official ${officialSent} (no network)`);
console.log('target: ours >= 3x official (ours "call (stub)" against "official: call (stub)")');
for (const { label, version, m } of rows) {
  const ratio = m['ours: call (stub)'] / m['official: call (stub)'];
  const presign = m['ours: presign'] / m['official: call (stub)'];
  console.log(`  ${`${label} ${version.toUpperCase()}`.padEnd(34)} call ${ratio.toFixed(2)}x, presign ${presign.toFixed(2)}x: ${ratio >= 3 ? 'met' : 'NOT met'}`);
}
