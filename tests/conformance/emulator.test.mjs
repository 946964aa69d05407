// The emulator (crates/emulator) driven by the official Node SDK (`@alicloud/ecs20140526`): every
// one of the 23 operations in V1 (HMAC-SHA1 RPC signature) and V3 (ACS3-HMAC-SHA256), each answer
// parsed into the official response model; the same calls with a wrong secret refused with
// `SignatureDoesNotMatch`; an STS key; and the lifecycle scenario (create → Available → copy →
// share → describe as the other account → deprecate → delete; component → pipeline → execution →
// SUCCESS; import → export). Run from the repository root: `node --test tests/conformance/`.
//
// Two emulators per run of this file: the main one at --speed 2000, and a slow one (--speed 50,
// with an STS key in --config) for the two cancel operations only, whose windows (a copy in
// progress, an execution PREPARING or BUILDING) last 15 ms and 7.5 ms at --speed 2000 but 600 ms
// and 300 ms at --speed 50, so that cancelling does not race the clock.

import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { startEmulator } from '../support/emulator.mjs';
import { methodName, operations } from './catalogue.mjs';

// Loaded directly rather than through official.mjs, which pins the SDK's clock and nonce for the
// differential tests: the emulator checks both (15-minute window, no replays).
const require = createRequire(import.meta.url);
let $ecs;
try {
  $ecs = require('@alicloud/ecs20140526');
} catch (e) {
  if (e.code !== 'MODULE_NOT_FOUND') throw e;
  throw new Error('@alicloud/ecs20140526 is not installed: run `npm ci --prefix tests/conformance` first');
}

const FAST_SPEED = 2000;
const SLOW_SPEED = 50;
const REGION = 'cn-hangzhou';
const OTHER_REGION = 'cn-shanghai';
const DEMO = { accessKeyId: 'demo', accessKeySecret: 'demo-secret', account: '1000000000000001' };
const DEMO2 = { accessKeyId: 'demo2', accessKeySecret: 'demo2-secret', account: '1000000000000002' };
const STS = {
  accessKeyId: 'STS.conformance',
  accessKeySecret: 'sts-conformance-secret',
  securityToken: 'CAIS+conformance/token==',
  account: DEMO.account,
};
const WRONG_SECRET = 'not-the-secret';
const PUBLIC_IMAGE = 'aliyun_3_x64_20G_alibase_20250915.vhd';
const PUBLIC_FAMILY = 'acs:alibaba_cloud_linux_3_2104_lts_x64';
const INSTANCE = 'i-hangzhou-web1';
const BUCKET = 'ecsimg-demo-hangzhou-1';
const QCOW2_OBJECT = 'images/alinux3-custom.qcow2';
const EXECUTION_ORDER = ['PREPARING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'RELEASING', 'SUCCESS'];
const FINAL_EXECUTION = ['SUCCESS', 'FAILED', 'TEST_FAILED', 'CANCELLED'];
const MODES = [
  ['v1', 'V1 (HMAC-SHA1)'],
  ['v3', 'V3 (ACS3-HMAC-SHA256)'],
];
const POLL_MS = 5;
const POLL_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// The emulator processes.

let fast;
let slow;

before(async () => {
  const key = ({ accessKeyId, accessKeySecret, account, securityToken }) => ({
    accessKeyId,
    accessKeySecret,
    accountId: Number(account),
    ...(securityToken ? { securityToken } : {}),
  });
  [fast, slow] = await Promise.all([
    startEmulator(['--speed', String(FAST_SPEED)]),
    startEmulator(['--speed', String(SLOW_SPEED)], { keys: [key(DEMO), key(DEMO2), key(STS)] }),
  ]);
});

after(async () => {
  await Promise.all([fast?.stop(), slow?.stop()]);
});

// ---------------------------------------------------------------------------------------------
// The official client, and what each call sent and received.

/** Every HTTP request the process sends, as Node's http client starts it. */
const sent = [];
diagnostics.subscribe('http.client.request.start', ({ request }) => {
  sent.push({ path: request.path, authorization: request.getHeader('authorization') });
});

/** Fields of the raw answers that the official response models do not have or type differently. */
const deviations = new Map();

/**
 * The official client for `key` against `emulator`. V1 is the SDK's `signatureAlgorithm: 'v2'`
 * (its name for the HMAC-SHA1 RPC signature, which routes `callApi` to `doRPCRequest`); without it
 * the client signs ACS3-HMAC-SHA256.
 */
function makeClient(emulator, mode, key) {
  const config = {
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    securityToken: key.securityToken,
    regionId: REGION,
    endpoint: emulator.host,
    protocol: 'http',
  };
  if (mode === 'v1') config.signatureAlgorithm = 'v2';
  const client = new $ecs.default(config);
  client.mode = mode;
  client.emulator = emulator;
  client.key = key;
  // Keeps the raw answer the SDK is about to cast into its model, to compare the two.
  const callApi = client.callApi.bind(client);
  client.callApi = async (params, request, runtime) => {
    const raw = await callApi(params, request, runtime);
    client.lastRaw = raw?.body;
    return raw;
  };
  return client;
}

function assertSignature(mode, request, action) {
  const query = new URLSearchParams(request.path.split('?')[1] ?? '');
  if (mode === 'v1') {
    assert.ok(query.has('Signature'), `${action} in V1 sent no Signature parameter: ${request.path}`);
    assert.equal(query.get('SignatureMethod'), 'HMAC-SHA1');
    assert.equal(request.authorization, undefined, `${action} in V1 sent an Authorization header`);
  } else {
    assert.match(String(request.authorization), /^ACS3-HMAC-SHA256 Credential=/, `${action} in V3`);
    assert.ok(!query.has('Signature'), `${action} in V3 sent a Signature parameter`);
  }
}

/** What the raw answer has that the official model (`Model`) lacks or types differently. */
function shapeIssues(Model, raw, path) {
  const names = Model.names();
  const types = Model.types();
  const byWire = Object.fromEntries(Object.entries(names).map(([field, wire]) => [wire, field]));
  return Object.entries(raw).flatMap(([wire, value]) => {
    const here = `${path}.${wire}`;
    return byWire[wire] === undefined
      ? [`${here}: not in the official model`]
      : typeIssues(types[byWire[wire]], value, here);
  });
}

function typeIssues(type, value, path) {
  if (value === null || value === undefined) return [];
  if (typeof type === 'function') {
    const object = typeof value === 'object' && !Array.isArray(value);
    return object
      ? shapeIssues(type, value, path)
      : [`${path}: an object in the official model, got ${JSON.stringify(value)}`];
  }
  if (type?.type === 'array') {
    if (!Array.isArray(value)) return [`${path}: an array in the official model, got ${JSON.stringify(value)}`];
    return value.flatMap((item) => typeIssues(type.itemType, item, `${path}[]`));
  }
  if (typeof type !== 'string' || ['map', 'any', 'Readable'].includes(type) || type === typeof value) return [];
  return [`${path}: ${type} in the official model, ${typeof value} (${JSON.stringify(value)}) in the answer`];
}

/**
 * Calls `action` through the official client's own method (`client.createImage(new
 * CreateImageRequest(...))`), checks the signature the request carried, that the answer is a 200
 * the SDK parsed into its response model, and notes where the raw answer and the model differ.
 */
async function call(client, action, fields) {
  const Request = $ecs[`${action}Request`];
  const first = sent.length;
  client.lastRaw = undefined;
  let res;
  try {
    res = await client[methodName(action)](new Request(fields));
  } finally {
    const requests = sent.slice(first);
    assert.ok(requests.length >= 1, `${action} sent nothing`);
    for (const request of requests) assertSignature(client.mode, request, action);
  }
  assert.equal(res.statusCode, 200);
  assert.ok(res.body instanceof $ecs[`${action}ResponseBody`], `${action}: the body is not the official model`);
  assert.match(res.body.requestId, /^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/);
  for (const issue of shapeIssues($ecs[`${action}ResponseBody`], client.lastRaw, action)) {
    deviations.set(issue, (deviations.get(issue) ?? 0) + 1);
  }
  client.record?.(action, fields);
  return res;
}

/** Calls `action` and expects the service error `code`. */
async function callFails(client, action, fields, code) {
  await assert.rejects(
    () => client[methodName(action)](new $ecs[`${action}Request`](fields)),
    (e) => {
      assert.equal(e.code, code, `${action}: ${e.message}`);
      return true;
    },
  );
}

/** Retries `probe` every few milliseconds until it returns something truthy. */
async function until(what, probe) {
  const deadline = Date.now() + POLL_TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${POLL_TIMEOUT_MS} ms waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

/** The image as its owner's DescribeImages (any status) shows it, or undefined when there is none. */
async function describeImage(client, regionId, imageId) {
  const res = await call(client, 'DescribeImages', { regionId, imageId, status: 'ALL' });
  return res.body.images.image.find((image) => image.imageId === imageId);
}

/** Polls DescribeImages until the image is Available; returns the statuses seen, in order. */
async function untilAvailable(client, regionId, imageId) {
  const seen = [];
  await until(`${imageId} in ${regionId} to be Available`, async () => {
    const image = await describeImage(client, regionId, imageId);
    assert.ok(image, `${imageId} is not in ${regionId}`);
    if (seen.at(-1) !== image.status) seen.push(image.status);
    assert.notEqual(image.status, 'CreateFailed', `${imageId} failed`);
    return image.status === 'Available';
  });
  return seen;
}

/** Polls DescribeImagePipelineExecutions until the execution is final; returns it and the statuses seen. */
async function untilExecutionFinal(client, regionId, executionId) {
  const seen = [];
  const execution = await until(`execution ${executionId} to finish`, async () => {
    const res = await call(client, 'DescribeImagePipelineExecutions', { regionId, executionId });
    const found = res.body.imagePipelineExecution.imagePipelineExecutionSet;
    assert.equal(found.length, 1);
    if (seen.at(-1) !== found[0].status) seen.push(found[0].status);
    return FINAL_EXECUTION.includes(found[0].status) && found[0];
  });
  return { execution, seen };
}

/** Retries a call the service refuses with `transient` codes while the resource is busy. */
async function callWhenFree(client, action, fields, transient) {
  return until(`${action} to be accepted`, async () => {
    try {
      return await call(client, action, fields);
    } catch (e) {
      if (transient.includes(e.code)) return null;
      throw e;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Every operation in both signature modes.

/** Per mode: the first successful request of each action, replayed with a wrong secret below. */
const replays = { v1: new Map(), v3: new Map() };

for (const [mode, label] of MODES) {
  describe(`every operation through the official client, ${label}`, () => {
    let api;
    let slowApi;
    const ctx = {};
    const name = (what) => `conformance-${mode}-${what}`;

    before(() => {
      const record = (client) => {
        client.record = (action, fields) => {
          if (!replays[mode].has(action)) replays[mode].set(action, { emulator: client.emulator, fields });
        };
        return client;
      };
      api = record(makeClient(fast, mode, DEMO));
      slowApi = record(makeClient(slow, mode, DEMO));
    });

    test('DescribeImages', async () => {
      const { body } = await call(api, 'DescribeImages', { regionId: REGION, imageOwnerAlias: 'system', pageSize: 50 });
      assert.equal(body.regionId, REGION);
      assert.equal(body.pageNumber, 1);
      assert.equal(body.pageSize, 50);
      assert.ok(body.totalCount >= 20, `only ${body.totalCount} public images`);
      assert.equal(body.images.image.length, Math.min(body.totalCount, 50));
      assert.ok(body.images.image.every((image) => image.imageOwnerAlias === 'system'));
      const image = body.images.image.find((i) => i.imageId === PUBLIC_IMAGE);
      assert.ok(image, `${PUBLIC_IMAGE} is not listed`);
      assert.equal(image.status, 'Available');
      assert.equal(image.imageFamily, PUBLIC_FAMILY);
      assert.equal(image.architecture, 'x86_64');
      assert.equal(image.OSType, 'linux');
      assert.equal(typeof image.size, 'number');
      assert.equal(image.diskDeviceMappings.diskDeviceMapping[0].device, '/dev/xvda');
    });

    test('DescribeImageFromFamily', async () => {
      const { body } = await call(api, 'DescribeImageFromFamily', { regionId: REGION, imageFamily: PUBLIC_FAMILY });
      assert.equal(body.image.imageId, PUBLIC_IMAGE);
      assert.equal(body.image.imageFamily, PUBLIC_FAMILY);
      assert.equal(body.image.status, 'Available');
    });

    test('DescribeImageSupportInstanceTypes', async () => {
      const { body } = await call(api, 'DescribeImageSupportInstanceTypes', {
        regionId: REGION,
        imageId: PUBLIC_IMAGE,
      });
      assert.equal(body.imageId, PUBLIC_IMAGE);
      assert.equal(body.regionId, REGION);
      const types = body.instanceTypes.instanceType;
      assert.ok(types.length > 0);
      for (const type of types) {
        assert.match(type.instanceTypeId, /^ecs\./);
        assert.equal(typeof type.cpuCoreCount, 'number');
        assert.equal(typeof type.memorySize, 'number');
      }
    });

    test('DescribeAvailableResource', async () => {
      const { body } = await call(api, 'DescribeAvailableResource', {
        regionId: REGION,
        destinationResource: 'InstanceType',
        instanceChargeType: 'PostPaid',
      });
      const zones = body.availableZones.availableZone;
      assert.ok(zones.length > 0);
      for (const zone of zones) {
        assert.equal(zone.regionId, REGION);
        assert.ok(zone.zoneId.startsWith(REGION));
        const [resource] = zone.availableResources.availableResource;
        assert.equal(resource.type, 'InstanceType');
        for (const offer of resource.supportedResources.supportedResource) {
          assert.match(offer.value, /^ecs\./);
          assert.ok(['Available', 'SoldOut'].includes(offer.status), offer.status);
        }
      }
      const offered = zones.flatMap(
        (z) => z.availableResources.availableResource[0].supportedResources.supportedResource,
      );
      assert.ok(offered.some((o) => o.value === 'ecs.g7.large'));
    });

    test('CreateImage', async () => {
      const { body } = await call(api, 'CreateImage', {
        regionId: REGION,
        instanceId: INSTANCE,
        imageName: name('image'),
        imageFamily: name('family'),
        description: 'made by the conformance suite',
        tag: [new $ecs.CreateImageRequestTag({ key: 'suite', value: 'conformance' })],
      });
      assert.match(body.imageId, /^m-/);
      ctx.imageId = body.imageId;
      await untilAvailable(api, REGION, ctx.imageId);
      const image = await describeImage(api, REGION, ctx.imageId);
      assert.equal(image.imageName, name('image'));
      assert.equal(image.imageOwnerAlias, 'self');
      assert.deepEqual(
        image.tags.tag.map((t) => [t.tagKey, t.tagValue]),
        [['suite', 'conformance']],
      );
    });

    test('ModifyImageAttribute', async () => {
      await call(api, 'ModifyImageAttribute', {
        regionId: REGION,
        imageId: ctx.imageId,
        imageName: name('renamed'),
        description: 'modified by the conformance suite',
      });
      const image = await describeImage(api, REGION, ctx.imageId);
      assert.equal(image.imageName, name('renamed'));
      assert.equal(image.description, 'modified by the conformance suite');
    });

    test('ModifyImageSharePermission', async () => {
      await call(api, 'ModifyImageSharePermission', {
        regionId: REGION,
        imageId: ctx.imageId,
        addAccount: [DEMO2.account],
      });
    });

    test('ModifyImageShareGroupPermission', async () => {
      await call(api, 'ModifyImageShareGroupPermission', { regionId: REGION, imageId: ctx.imageId, addGroup: ['all'] });
    });

    test('DescribeImageSharePermission', async () => {
      const { body } = await call(api, 'DescribeImageSharePermission', { regionId: REGION, imageId: ctx.imageId });
      assert.equal(body.imageId, ctx.imageId);
      assert.equal(body.regionId, REGION);
      assert.equal(body.totalCount, 1);
      assert.deepEqual(
        body.accounts.account.map((a) => a.aliyunId),
        [DEMO2.account],
      );
      assert.match(body.accounts.account[0].sharedTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.deepEqual(
        body.shareGroups.shareGroup.map((g) => g.group),
        ['all'],
      );
    });

    test('CopyImage', async () => {
      const { body } = await call(api, 'CopyImage', {
        regionId: REGION,
        imageId: ctx.imageId,
        destinationRegionId: OTHER_REGION,
        destinationImageName: name('copy'),
        destinationDescription: 'copied by the conformance suite',
      });
      assert.match(body.imageId, /^m-/);
      assert.notEqual(body.imageId, ctx.imageId);
      ctx.copyId = body.imageId;
      const copy = await describeImage(api, OTHER_REGION, ctx.copyId);
      assert.ok(['Waiting', 'Creating', 'Available'].includes(copy.status), copy.status);
      assert.equal(copy.imageName, name('copy'));
    });

    test('ExportImage', async () => {
      const { body } = await call(api, 'ExportImage', {
        regionId: REGION,
        imageId: ctx.imageId,
        OSSBucket: BUCKET,
        OSSPrefix: `conformance${mode}`, // letters and digits only
      });
      assert.match(body.taskId, /^t-/);
      assert.equal(body.regionId, REGION);
    });

    test('ImportImage', async () => {
      const { body } = await call(api, 'ImportImage', {
        regionId: REGION,
        imageName: name('imported'),
        OSType: 'linux',
        platform: 'Aliyun',
        architecture: 'x86_64',
        diskDeviceMapping: [
          new $ecs.ImportImageRequestDiskDeviceMapping({ OSSBucket: BUCKET, OSSObject: QCOW2_OBJECT, format: 'QCOW2' }),
        ],
      });
      assert.match(body.imageId, /^m-/);
      assert.match(body.taskId, /^t-/);
      assert.equal(body.regionId, REGION);
      const image = await describeImage(api, REGION, body.imageId);
      assert.equal(image.imageName, name('imported'));
    });

    test('CreateImageComponent', async () => {
      const { body } = await call(api, 'CreateImageComponent', {
        regionId: REGION,
        name: name('component'),
        componentType: 'Build',
        systemType: 'Linux',
        content: 'RUN echo "hello from the conformance suite"',
        description: 'a build step',
      });
      assert.match(body.imageComponentId, /^ic-/);
      ctx.componentId = body.imageComponentId;
    });

    test('DescribeImageComponents', async () => {
      const { body } = await call(api, 'DescribeImageComponents', {
        regionId: REGION,
        imageComponentId: [ctx.componentId],
      });
      assert.equal(body.totalCount, 1);
      const [component] = body.imageComponent.imageComponentSet;
      assert.equal(component.imageComponentId, ctx.componentId);
      assert.equal(component.name, name('component'));
      assert.equal(component.componentType, 'Build');
      assert.equal(component.systemType, 'Linux');
      assert.equal(component.content, 'RUN echo "hello from the conformance suite"');
      assert.match(component.componentVersion, /^\d+\.\d+\.\d+$/);
    });

    test('CreateImagePipeline', async () => {
      ctx.buildContent = `COMPONENT ${ctx.componentId}\nRUN echo done`;
      const { body } = await call(api, 'CreateImagePipeline', {
        regionId: REGION,
        name: name('pipeline'),
        baseImageType: 'IMAGE',
        baseImage: PUBLIC_IMAGE,
        buildContent: ctx.buildContent,
        imageName: name('built'),
        toRegionId: [OTHER_REGION],
        addAccount: [Number(DEMO2.account)],
        deleteInstanceOnFailure: true,
      });
      assert.match(body.imagePipelineId, /^ip-/);
      ctx.pipelineId = body.imagePipelineId;
    });

    test('DescribeImagePipelines', async () => {
      const { body } = await call(api, 'DescribeImagePipelines', {
        regionId: REGION,
        imagePipelineId: [ctx.pipelineId],
      });
      assert.equal(body.totalCount, 1);
      const [pipeline] = body.imagePipeline.imagePipelineSet;
      assert.equal(pipeline.imagePipelineId, ctx.pipelineId);
      assert.equal(pipeline.name, name('pipeline'));
      assert.equal(pipeline.baseImageType, 'IMAGE');
      assert.equal(pipeline.baseImage, PUBLIC_IMAGE);
      assert.equal(pipeline.buildContent, ctx.buildContent);
      assert.deepEqual(pipeline.toRegionIds.toRegionId, [OTHER_REGION]);
      assert.deepEqual(pipeline.addAccounts.addAccount.map(String), [DEMO2.account]);
    });

    test('StartImagePipelineExecution', async () => {
      const { body } = await call(api, 'StartImagePipelineExecution', {
        regionId: REGION,
        imagePipelineId: ctx.pipelineId,
      });
      assert.match(body.executionId, /^exec-/);
      ctx.executionId = body.executionId;
    });

    test('DescribeImagePipelineExecutions', async () => {
      const { body } = await call(api, 'DescribeImagePipelineExecutions', {
        regionId: REGION,
        imagePipelineId: ctx.pipelineId,
      });
      assert.equal(body.totalCount, 1);
      const [execution] = body.imagePipelineExecution.imagePipelineExecutionSet;
      assert.equal(execution.executionId, ctx.executionId);
      assert.equal(execution.imagePipelineId, ctx.pipelineId);
      assert.ok(EXECUTION_ORDER.includes(execution.status), execution.status);
      assert.match(execution.creationTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const { execution: done } = await untilExecutionFinal(api, REGION, ctx.executionId);
      assert.equal(done.status, 'SUCCESS', done.message);
      assert.match(done.imageId, /^m-/);
    });

    test('CancelImagePipelineExecution (slow emulator)', async () => {
      const { body: created } = await call(slowApi, 'CreateImagePipeline', {
        regionId: REGION,
        name: name('cancelled-pipeline'),
        baseImageType: 'IMAGE',
        baseImage: PUBLIC_IMAGE,
        buildContent: 'RUN echo never finishes',
      });
      const { body: started } = await call(slowApi, 'StartImagePipelineExecution', {
        regionId: REGION,
        imagePipelineId: created.imagePipelineId,
      });
      await call(slowApi, 'CancelImagePipelineExecution', { regionId: REGION, executionId: started.executionId });
      const { execution, seen } = await untilExecutionFinal(slowApi, REGION, started.executionId);
      assert.equal(execution.status, 'CANCELLED');
      assert.ok(seen[0] === 'CANCELLING' || seen[0] === 'CANCELLED', seen.join(' → '));
    });

    test('CancelCopyImage (slow emulator)', async () => {
      const source = await slowSourceImage(slowApi);
      const { body } = await call(slowApi, 'CopyImage', {
        regionId: REGION,
        imageId: source,
        destinationRegionId: OTHER_REGION,
        destinationImageName: name('cancelled-copy'),
      });
      await call(slowApi, 'CancelCopyImage', { regionId: OTHER_REGION, imageId: body.imageId });
      assert.equal(await describeImage(slowApi, OTHER_REGION, body.imageId), undefined);
    });

    test('DeleteImagePipeline', async () => {
      await call(api, 'DeleteImagePipeline', { regionId: REGION, imagePipelineId: ctx.pipelineId });
      const { body } = await call(api, 'DescribeImagePipelines', {
        regionId: REGION,
        imagePipelineId: [ctx.pipelineId],
      });
      assert.equal(body.totalCount, 0);
    });

    test('DeleteImageComponent', async () => {
      await call(api, 'DeleteImageComponent', { regionId: REGION, imageComponentId: ctx.componentId });
      const { body } = await call(api, 'DescribeImageComponents', {
        regionId: REGION,
        imageComponentId: [ctx.componentId],
      });
      assert.equal(body.totalCount, 0);
    });

    test('DeleteImage', async () => {
      // Shared, so Force; the export and the copy of a few milliseconds may still hold it.
      await callWhenFree(api, 'DeleteImage', { regionId: REGION, imageId: ctx.imageId, force: true }, [
        'ImageIsExporting',
        'OperationDenied.ImageCopying',
      ]);
      assert.equal(await describeImage(api, REGION, ctx.imageId), undefined);
    });

    test(`all ${operations.length} operations of the catalogue were called`, () => {
      assert.deepEqual([...replays[mode].keys()].sort(), operations.map((op) => op.name).sort());
    });

    test('the same calls with a wrong secret are refused with SignatureDoesNotMatch', async () => {
      const missing = operations.map((op) => op.name).filter((action) => !replays[mode].has(action));
      assert.deepEqual(missing, [], 'operations whose successful call is missing');
      for (const [action, { emulator, fields }] of replays[mode]) {
        const client = makeClient(emulator, mode, { ...DEMO, accessKeySecret: WRONG_SECRET });
        const first = sent.length;
        await assert.rejects(
          () => client[methodName(action)](new $ecs[`${action}Request`](fields)),
          (e) => {
            assert.equal(e.code, 'SignatureDoesNotMatch', `${action}: ${e.message}`);
            assert.equal(e.statusCode, 400, action);
            assert.match(e.data?.Message ?? '', /server string to sign is:/, action);
            return true;
          },
        );
        for (const request of sent.slice(first)) assertSignature(mode, request, action);
      }
    });
  });
}

/** One Available image of DEMO on the slow emulator, made once, to copy and cancel. */
let slowSource;
function slowSourceImage(client) {
  slowSource ??= (async () => {
    const { body } = await call(client, 'CreateImage', {
      regionId: REGION,
      instanceId: INSTANCE,
      imageName: 'conformance-cancel-copy-source',
    });
    await untilAvailable(client, REGION, body.imageId);
    return body.imageId;
  })();
  return slowSource;
}

describe('an STS key (AccessKey, secret and security token)', () => {
  for (const [mode, label] of MODES) {
    test(`is accepted, and refused with a wrong token or secret, ${label}`, async () => {
      const request = { regionId: REGION, imageOwnerAlias: 'self', status: 'ALL' };
      const { body } = await call(makeClient(slow, mode, STS), 'DescribeImages', request);
      assert.equal(body.regionId, REGION);
      await callFails(
        makeClient(slow, mode, { ...STS, securityToken: 'CAIS+another/token==' }),
        'DescribeImages',
        request,
        'InvalidSecurityToken.MismatchWithAccessKey',
      );
      await callFails(
        makeClient(slow, mode, { ...STS, accessKeySecret: WRONG_SECRET }),
        'DescribeImages',
        request,
        'SignatureDoesNotMatch',
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The lifecycle scenario (V3).

describe('lifecycle scenario through the official client, V3', () => {
  let demo;
  let demo2;
  before(() => {
    demo = makeClient(fast, 'v3', DEMO);
    demo2 = makeClient(fast, 'v3', DEMO2);
  });

  test('create → Available → copy → share → seen by the other account → deprecate → unshare → delete', async (t) => {
    const family = 'conformance-lifecycle';
    const { body: created } = await call(demo, 'CreateImage', {
      regionId: REGION,
      instanceId: INSTANCE,
      imageName: 'lifecycle-source',
      imageFamily: family,
    });
    const source = created.imageId;
    const seen = await untilAvailable(demo, REGION, source);
    t.diagnostic(`source ${source}: ${seen.join(' → ')}`);
    assert.equal(seen.at(-1), 'Available');

    const { body: copied } = await call(demo, 'CopyImage', {
      regionId: REGION,
      imageId: source,
      destinationRegionId: OTHER_REGION,
      destinationImageName: 'lifecycle-copy',
    });
    const copy = copied.imageId;
    const copySeen = await untilAvailable(demo, OTHER_REGION, copy);
    t.diagnostic(`copy ${copy} in ${OTHER_REGION}: ${copySeen.join(' → ')}`);
    const copyView = await describeImage(demo, OTHER_REGION, copy);
    assert.equal(copyView.isCopied, true);
    assert.equal(copyView.imageName, 'lifecycle-copy');

    // Nothing of DEMO's is visible to DEMO2 yet.
    const othersOf = async (regionId) => {
      const { body } = await call(demo2, 'DescribeImages', { regionId, imageOwnerAlias: 'others', pageSize: 100 });
      return body.images.image;
    };
    assert.ok(!(await othersOf(REGION)).some((i) => i.imageId === source));

    for (const [regionId, imageId] of [
      [REGION, source],
      [OTHER_REGION, copy],
    ]) {
      await call(demo, 'ModifyImageSharePermission', { regionId, imageId, addAccount: [DEMO2.account] });
    }
    const sharedSource = (await othersOf(REGION)).find((i) => i.imageId === source);
    assert.ok(sharedSource, 'DEMO2 does not see the shared image');
    assert.equal(sharedSource.imageOwnerAlias, 'others');
    assert.equal(String(sharedSource.imageOwnerId), DEMO.account);
    assert.ok(
      (await othersOf(OTHER_REGION)).some((i) => i.imageId === copy),
      'DEMO2 does not see the shared copy',
    );
    const { body: permission } = await call(demo, 'DescribeImageSharePermission', {
      regionId: REGION,
      imageId: source,
    });
    assert.deepEqual(
      permission.accounts.account.map((a) => a.aliyunId),
      [DEMO2.account],
    );
    const { body: ownView } = await call(demo, 'DescribeImages', { regionId: REGION, imageId: source });
    assert.equal(ownView.images.image[0].isSelfShared, 'True');

    // The family's newest Available image.
    const { body: newest } = await call(demo, 'DescribeImageFromFamily', { regionId: REGION, imageFamily: family });
    assert.equal(newest.image.imageId, source);
    await call(demo, 'ModifyImageAttribute', { regionId: REGION, imageId: source, status: 'Deprecated' });
    assert.equal((await describeImage(demo, REGION, source)).status, 'Deprecated');
    const { body: fromFamily } = await call(demo, 'DescribeImageFromFamily', { regionId: REGION, imageFamily: family });
    assert.equal(fromFamily.image?.imageId, undefined, "a deprecated image is still its family's newest");

    for (const [regionId, imageId] of [
      [REGION, source],
      [OTHER_REGION, copy],
    ]) {
      await call(demo, 'ModifyImageSharePermission', { regionId, imageId, removeAccount: [DEMO2.account] });
    }
    assert.ok(!(await othersOf(REGION)).some((i) => i.imageId === source), 'DEMO2 still sees the unshared image');
    assert.ok(!(await othersOf(OTHER_REGION)).some((i) => i.imageId === copy), 'DEMO2 still sees the unshared copy');

    await call(demo, 'DeleteImage', { regionId: REGION, imageId: source });
    await call(demo, 'DeleteImage', { regionId: OTHER_REGION, imageId: copy });
    assert.equal(await describeImage(demo, REGION, source), undefined);
    assert.equal(await describeImage(demo, OTHER_REGION, copy), undefined);
  });

  test('component → pipeline → execution → SUCCESS, the output image distributed and shared', async (t) => {
    const { body: component } = await call(demo, 'CreateImageComponent', {
      regionId: REGION,
      name: 'lifecycle-component',
      componentType: 'Build',
      content: 'RUN echo "built by the conformance suite" > /etc/motd',
    });
    const { body: pipeline } = await call(demo, 'CreateImagePipeline', {
      regionId: REGION,
      name: 'lifecycle-pipeline',
      baseImageType: 'IMAGE',
      baseImage: PUBLIC_IMAGE,
      buildContent: `COMPONENT ${component.imageComponentId}\nRUN echo done`,
      imageName: 'lifecycle-built',
      toRegionId: [OTHER_REGION],
      addAccount: [Number(DEMO2.account)],
    });
    const { body: started } = await call(demo, 'StartImagePipelineExecution', {
      regionId: REGION,
      imagePipelineId: pipeline.imagePipelineId,
    });
    const { execution, seen } = await untilExecutionFinal(demo, REGION, started.executionId);
    t.diagnostic(`execution ${started.executionId}: ${seen.join(' → ')}`);
    assert.equal(execution.status, 'SUCCESS', execution.message);
    const positions = seen.map((s) => EXECUTION_ORDER.indexOf(s));
    assert.ok(
      positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1])),
      `statuses out of order: ${seen.join(' → ')}`,
    );

    const output = await describeImage(demo, REGION, execution.imageId);
    assert.equal(output?.status, 'Available');
    assert.ok(output.imageName.startsWith('lifecycle-built'), output.imageName);
    const { body: distributed } = await call(demo, 'DescribeImages', {
      regionId: OTHER_REGION,
      imageName: output.imageName,
      status: 'ALL',
    });
    assert.equal(distributed.images.image.length, 1, `no copy of ${output.imageName} in ${OTHER_REGION}`);
    await untilAvailable(demo, OTHER_REGION, distributed.images.image[0].imageId);
    const { body: forDemo2 } = await call(demo2, 'DescribeImages', {
      regionId: REGION,
      imageId: execution.imageId,
      imageOwnerAlias: 'others',
    });
    assert.equal(forDemo2.images.image.length, 1, 'the output image is not shared with AddAccount');

    // A step that is exactly `RUN exit 1` fails the build.
    const { body: failing } = await call(demo, 'CreateImagePipeline', {
      regionId: REGION,
      name: 'lifecycle-failing',
      baseImageType: 'IMAGE',
      baseImage: PUBLIC_IMAGE,
      buildContent: 'RUN exit 1',
    });
    const { body: failingRun } = await call(demo, 'StartImagePipelineExecution', {
      regionId: REGION,
      imagePipelineId: failing.imagePipelineId,
    });
    const { execution: failed } = await untilExecutionFinal(demo, REGION, failingRun.executionId);
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.errorCode, 'BuildCommandFailed');

    await call(demo, 'DeleteImagePipeline', { regionId: REGION, imagePipelineId: pipeline.imagePipelineId });
    await call(demo, 'DeleteImagePipeline', { regionId: REGION, imagePipelineId: failing.imagePipelineId });
    await call(demo, 'DeleteImageComponent', { regionId: REGION, imageComponentId: component.imageComponentId });
  });

  test('import from OSS → Available → export to OSS → the exported file imports again', async (t) => {
    const imported = await call(demo, 'ImportImage', {
      regionId: REGION,
      imageName: 'lifecycle-imported',
      OSType: 'linux',
      platform: 'Aliyun',
      architecture: 'x86_64',
      diskDeviceMapping: [
        new $ecs.ImportImageRequestDiskDeviceMapping({ OSSBucket: BUCKET, OSSObject: QCOW2_OBJECT, format: 'QCOW2' }),
      ],
    });
    const imageId = imported.body.imageId;
    const seen = await untilAvailable(demo, REGION, imageId);
    t.diagnostic(`imported ${imageId}: ${seen.join(' → ')}`);
    const image = await describeImage(demo, REGION, imageId);
    const [disk] = image.diskDeviceMappings.diskDeviceMapping;
    assert.equal(disk.importOSSBucket, BUCKET);
    assert.equal(disk.importOSSObject, QCOW2_OBJECT);
    assert.equal(disk.format, 'QCOW2');

    const exported = await call(demo, 'ExportImage', {
      regionId: REGION,
      imageId,
      OSSBucket: BUCKET,
      OSSPrefix: 'lifecycle',
    });
    assert.match(exported.body.taskId, /^t-/);
    // The service names the system disk's file `<OSSPrefix>_<ImageId>_system.<format>`. Until the
    // task is done the object does not exist; then it imports like any image file.
    const object = `lifecycle_${imageId}_system.raw`;
    const reimported = await until(`${object} in ${BUCKET}`, async () => {
      try {
        return await call(demo, 'ImportImage', {
          regionId: REGION,
          imageName: 'lifecycle-reimported',
          diskDeviceMapping: [new $ecs.ImportImageRequestDiskDeviceMapping({ OSSBucket: BUCKET, OSSObject: object })],
        });
      } catch (e) {
        if (e.code === 'InvalidOSSObject.NotFound') return null;
        throw e;
      }
    });
    await untilAvailable(demo, REGION, reimported.body.imageId);
    // The export is over: the image is free to delete.
    await call(demo, 'DeleteImage', { regionId: REGION, imageId });
    await call(demo, 'DeleteImage', { regionId: REGION, imageId: reimported.body.imageId });
  });
});

// ---------------------------------------------------------------------------------------------

const report = (issues) => issues.map(([issue, count]) => `${issue} (${count}×)`);

test('every answer has the shape of the official response model', () => {
  assert.deepEqual(
    report([...deviations]),
    [],
    `fields of the emulator's answers the official models lack or type differently`,
  );
});
