// Every one of the 23 operations through the client's own methods, signed V3 and V1, against the
// emulator: the answer's typed fields in both views (`res.body`, the body as the service sent it with
// its wrapper objects, and the flat fields beside it), and the method table against the generated
// OPERATIONS table and the catalogue.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  BUCKET,
  DEMO2,
  DEMO2_ACCOUNT,
  EcsError,
  EcsImageClient,
  INSTANCE,
  OPERATIONS,
  OTHER_REGION,
  PUBLIC_FAMILY,
  PUBLIC_IMAGE,
  QCOW2_OBJECT,
  REGION,
  REQUEST_ID,
  ROOT,
  makeClient,
  recordingFetch,
  signedFields,
  startEmulator,
} from './helpers.mjs';

const CATALOGUE = JSON.parse(readFileSync(join(ROOT, 'crates/core/catalogue/ecs.json'), 'utf8'));
const WAIT = { minDelayMs: 2, maxDelayMs: 10, maxWaitMs: 5_000 };
const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

let emulator;
before(async () => {
  // Speed 100: a CreateImage takes 200 ms, a copy 300 ms (the window to cancel it), and an
  // execution stays cancellable (PREPARING + BUILDING) for 150 ms.
  emulator = await startEmulator(['--speed', '100']);
});
after(() => emulator?.stop());

/** The body with every wrapper object (`{image: [...]}`) replaced by its list, as the flat view should be. */
function unwrap(value) {
  if (Array.isArray(value)) return value.map(unwrap);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && Array.isArray(value[keys[0]])) return unwrap(value[keys[0]]);
  return Object.fromEntries(keys.map((k) => [k, unwrap(value[k])]));
}

describe('the method table', () => {
  test('OPERATIONS lists the 23 operations of the catalogue', () => {
    assert.equal(OPERATIONS.length, 23);
    assert.deepEqual(OPERATIONS.map((op) => op.name).sort(), CATALOGUE.operations.map((op) => op.name).sort());
    for (const op of OPERATIONS) assert.equal(op.method, op.name[0].toLowerCase() + op.name.slice(1));
  });

  test('every operation is a method, every paged one has a paginator, and nothing else is', () => {
    const client = new EcsImageClient({ regionId: REGION, credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
    for (const op of OPERATIONS) {
      assert.equal(typeof client[op.method], 'function', `client.${op.method}`);
      assert.equal(typeof client[`paginate${op.name}`], op.pagination ? 'function' : 'undefined', `client.paginate${op.name}`);
    }
    const paged = CATALOGUE.operations.filter((op) => op.pagination).map((op) => op.name).sort();
    assert.deepEqual(OPERATIONS.filter((op) => op.pagination).map((op) => op.name).sort(), paged);
    // The prototype chain holds the operations, the paginators, and the documented extras only.
    const names = new Set();
    for (let proto = Object.getPrototypeOf(client); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
    }
    const expected = [
      ...OPERATIONS.map((op) => op.method),
      ...OPERATIONS.filter((op) => op.pagination).map((op) => `paginate${op.name}`),
      'call', 'presign', 'validate', 'invoke',
      'waitForImageAvailable', 'waitForImageCopied', 'waitForImageImported', 'waitForImageDeleted', 'waitForPipelineExecution',
    ];
    assert.deepEqual([...names].sort(), expected.sort());
  });

  test('the creating operations carry a ClientToken in the catalogue (the client adds one)', () => {
    for (const op of OPERATIONS) {
      const params = CATALOGUE.operations.find((o) => o.name === op.name).params.map((p) => p.name);
      assert.equal(op.idempotent, op.name.startsWith('Create') || ['CopyImage', 'ImportImage', 'StartImagePipelineExecution'].includes(op.name), op.name);
      if (op.idempotent) assert.ok(params.includes('ClientToken'), op.name);
    }
  });
});

for (const [mode, label] of [['v3', 'V3 (ACS3-HMAC-SHA256)'], ['v1', 'V1 (HMAC-SHA1)']]) {
  describe(`all 23 operations through the client's methods, ${label}`, () => {
    let api;
    let fetchLog;
    const called = new Set();
    const ctx = {};
    const name = (what) => `tjs-${mode}-${what}`;

    before(() => {
      fetchLog = recordingFetch();
      api = makeClient(emulator, { signatureVersion: mode, fetch: fetchLog });
    });

    /**
     * Calls `client[method](request)`, checks what every answer has (status 200, the request ID in
     * the body, the flat fields and the header; each request signed in `mode`; the flat view is the
     * body unwrapped) and returns the answer.
     */
    async function call(method, request, client = api) {
      const first = fetchLog.calls.length;
      const res = await client[method](request);
      const sent = fetchLog.calls.slice(first);
      assert.ok(sent.length >= 1, `${method} sent nothing`);
      for (const entry of sent) {
        const signed = signedFields(entry);
        assert.equal(signed.version, mode, method);
        assert.equal(signed.action[0].toLowerCase() + signed.action.slice(1), method);
      }
      called.add(signedFields(sent.at(-1)).action);
      assert.equal(res.statusCode, 200);
      assert.match(res.requestId, REQUEST_ID);
      assert.equal(res.body.requestId, res.requestId);
      assert.equal(res.headers['x-acs-request-id'], res.requestId);
      assert.match(res.headers['content-type'], /^application\/json/);
      const { statusCode, headers, body, ...flat } = res;
      assert.deepEqual(flat, unwrap(body), `${method}: the flat view is not the body unwrapped`);
      return res;
    }

    /** Retries while the resource is busy with `transient` codes (an export or a copy holding it). */
    async function callWhenFree(method, request, transient) {
      for (let i = 0; ; i++) {
        try {
          return await call(method, request);
        } catch (e) {
          if (!(e instanceof EcsError) || !transient.includes(e.code) || i > 200) throw e;
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    }

    test('DescribeImages', async () => {
      const res = await call('describeImages', { imageOwnerAlias: 'system', pageSize: 50 });
      assert.equal(res.regionId, REGION);
      assert.equal(res.pageNumber, 1);
      assert.equal(res.pageSize, 50);
      assert.equal(typeof res.totalCount, 'number');
      assert.ok(res.totalCount >= 20, `only ${res.totalCount} public images`);
      assert.ok(Array.isArray(res.images));
      assert.equal(res.images.length, Math.min(res.totalCount, 50));
      assert.equal(res.body.images.image.length, res.images.length);
      const image = res.images.find((i) => i.imageId === PUBLIC_IMAGE);
      const wrapped = res.body.images.image.find((i) => i.imageId === PUBLIC_IMAGE);
      assert.ok(image, `${PUBLIC_IMAGE} is not listed`);
      assert.equal(image.status, 'Available');
      assert.equal(image.imageOwnerAlias, 'system');
      assert.equal(image.imageFamily, PUBLIC_FAMILY);
      assert.equal(image.architecture, 'x86_64');
      assert.equal(image.OSType, 'linux');
      assert.equal(image.size, 40);
      assert.equal(image.isPublic, true);
      assert.equal(image.progress, '100%');
      assert.match(image.creationTime, ISO_SECONDS);
      assert.equal(image.diskDeviceMappings[0].device, '/dev/xvda');
      assert.equal(wrapped.diskDeviceMappings.diskDeviceMapping[0].device, '/dev/xvda');
      assert.equal(typeof image.features.nvmeSupport, 'string');
      assert.deepEqual(image.tags, []);
      assert.deepEqual(wrapped.tags, { tag: [] });
    });

    test('DescribeImageFromFamily', async () => {
      const res = await call('describeImageFromFamily', { imageFamily: PUBLIC_FAMILY });
      assert.equal(res.image.imageId, PUBLIC_IMAGE);
      assert.equal(res.body.image.imageId, PUBLIC_IMAGE);
      assert.equal(res.image.imageFamily, PUBLIC_FAMILY);
      assert.equal(res.image.status, 'Available');
      assert.ok(Array.isArray(res.image.diskDeviceMappings));
      assert.ok(Array.isArray(res.body.image.diskDeviceMappings.diskDeviceMapping));
    });

    test('DescribeImageSupportInstanceTypes', async () => {
      const res = await call('describeImageSupportInstanceTypes', { imageId: PUBLIC_IMAGE });
      assert.equal(res.imageId, PUBLIC_IMAGE);
      assert.equal(res.regionId, REGION);
      assert.ok(res.instanceTypes.length > 0);
      assert.deepEqual(res.body.instanceTypes.instanceType, res.instanceTypes);
      for (const type of res.instanceTypes) {
        assert.match(type.instanceTypeId, /^ecs\./);
        assert.equal(typeof type.cpuCoreCount, 'number');
        assert.equal(typeof type.memorySize, 'number');
      }
    });

    test('DescribeAvailableResource', async () => {
      const res = await call('describeAvailableResource', { destinationResource: 'InstanceType', instanceChargeType: 'PostPaid' });
      assert.ok(res.availableZones.length > 0);
      assert.equal(res.body.availableZones.availableZone.length, res.availableZones.length);
      for (const zone of res.availableZones) {
        assert.equal(zone.regionId, REGION);
        assert.ok(zone.zoneId.startsWith(REGION));
        const [resource] = zone.availableResources;
        assert.equal(resource.type, 'InstanceType');
        for (const offer of resource.supportedResources) {
          assert.match(offer.value, /^ecs\./);
          assert.ok(['Available', 'SoldOut'].includes(offer.status), offer.status);
        }
      }
      assert.ok(res.availableZones.flatMap((z) => z.availableResources[0].supportedResources).some((o) => o.value === 'ecs.g7.large'));
    });

    test('CreateImage', async () => {
      const res = await call('createImage', {
        instanceId: INSTANCE,
        imageName: name('image'),
        imageFamily: name('family'),
        description: 'made by the npm package tests',
        tag: [{ key: 'suite', value: 'tests-js' }],
      });
      assert.match(res.imageId, /^m-/);
      assert.equal(res.body.imageId, res.imageId);
      ctx.imageId = res.imageId;
      const image = await api.waitForImageAvailable({ imageId: ctx.imageId }, WAIT);
      assert.equal(image.imageName, name('image'));
      assert.equal(image.imageOwnerAlias, 'self');
      assert.equal(image.imageFamily, name('family'));
      assert.deepEqual(image.tags.map((t) => [t.tagKey, t.tagValue]), [['suite', 'tests-js']]);
    });

    test('ExportImage', async () => {
      const res = await call('exportImage', { imageId: ctx.imageId, OSSBucket: BUCKET, OSSPrefix: `tjs${mode}` });
      assert.match(res.taskId, /^t-/);
      assert.equal(res.regionId, REGION);
      assert.equal(res.body.taskId, res.taskId);
    });

    test('ModifyImageAttribute', async () => {
      const res = await call('modifyImageAttribute', { imageId: ctx.imageId, imageName: name('renamed'), description: 'modified by the tests' });
      assert.deepEqual(Object.keys(res.body), ['requestId']);
      const { images } = await call('describeImages', { imageId: ctx.imageId, status: 'ALL' });
      assert.equal(images[0].imageName, name('renamed'));
      assert.equal(images[0].description, 'modified by the tests');
    });

    test('ModifyImageSharePermission', async () => {
      const res = await call('modifyImageSharePermission', { imageId: ctx.imageId, addAccount: [DEMO2_ACCOUNT] });
      assert.deepEqual(Object.keys(res.body), ['requestId']);
      const other = makeClient(emulator, { signatureVersion: mode, credentials: DEMO2 });
      const shared = await other.describeImages({ imageId: ctx.imageId, imageOwnerAlias: 'others' });
      assert.equal(shared.images.length, 1);
      assert.equal(String(shared.images[0].imageOwnerId), '1000000000000001');
    });

    test('ModifyImageShareGroupPermission', async () => {
      const res = await call('modifyImageShareGroupPermission', { imageId: ctx.imageId, addGroup: ['all'] });
      assert.deepEqual(Object.keys(res.body), ['requestId']);
    });

    test('DescribeImageSharePermission', async () => {
      const res = await call('describeImageSharePermission', { imageId: ctx.imageId });
      assert.equal(res.imageId, ctx.imageId);
      assert.equal(res.regionId, REGION);
      assert.equal(res.totalCount, 1);
      assert.equal(res.pageNumber, 1);
      assert.deepEqual(res.accounts.map((a) => a.aliyunId), [DEMO2_ACCOUNT]);
      assert.deepEqual(res.body.accounts.account.map((a) => a.aliyunId), [DEMO2_ACCOUNT]);
      assert.match(res.accounts[0].sharedTime, ISO_SECONDS);
      assert.deepEqual(res.shareGroups.map((g) => g.group), ['all']);
      assert.deepEqual(res.body.shareGroups.shareGroup.map((g) => g.group), ['all']);
    });

    test('CopyImage and CancelCopyImage', async () => {
      const res = await call('copyImage', {
        imageId: ctx.imageId,
        destinationRegionId: OTHER_REGION,
        destinationImageName: name('copy'),
        destinationDescription: 'copied by the tests',
      });
      assert.match(res.imageId, /^m-/);
      assert.notEqual(res.imageId, ctx.imageId);
      assert.equal(res.body.imageId, res.imageId);
      const { images } = await call('describeImages', { regionId: OTHER_REGION, imageId: res.imageId, status: 'ALL' });
      assert.equal(images[0].imageName, name('copy'));
      assert.equal(images[0].isCopied, true);
      assert.ok(['Waiting', 'Creating'].includes(images[0].status), images[0].status);
      const cancelled = await call('cancelCopyImage', { regionId: OTHER_REGION, imageId: res.imageId });
      assert.deepEqual(Object.keys(cancelled.body), ['requestId']);
      const after = await call('describeImages', { regionId: OTHER_REGION, imageId: res.imageId, status: 'ALL' });
      assert.equal(after.totalCount, 0);
      assert.deepEqual(after.images, []);
    });

    test('ImportImage', async () => {
      const res = await call('importImage', {
        imageName: name('imported'),
        OSType: 'linux',
        platform: 'Aliyun',
        architecture: 'x86_64',
        diskDeviceMapping: [{ OSSBucket: BUCKET, OSSObject: QCOW2_OBJECT, format: 'QCOW2' }],
      });
      assert.match(res.imageId, /^m-/);
      assert.match(res.taskId, /^t-/);
      assert.equal(res.regionId, REGION);
      assert.deepEqual([res.body.imageId, res.body.taskId], [res.imageId, res.taskId]);
      const image = await api.waitForImageImported({ imageId: res.imageId }, WAIT);
      assert.equal(image.imageName, name('imported'));
      assert.equal(image.diskDeviceMappings[0].importOSSObject, QCOW2_OBJECT);
      assert.equal(image.diskDeviceMappings[0].format, 'QCOW2');
      ctx.importedId = res.imageId;
    });

    test('CreateImageComponent and DescribeImageComponents', async () => {
      const res = await call('createImageComponent', {
        name: name('component'),
        componentType: 'Build',
        systemType: 'Linux',
        content: 'RUN echo "hello from the npm package tests"',
        description: 'a build step',
      });
      assert.match(res.imageComponentId, /^ic-/);
      assert.equal(res.body.imageComponentId, res.imageComponentId);
      ctx.componentId = res.imageComponentId;
      const list = await call('describeImageComponents', { imageComponentId: [ctx.componentId] });
      assert.equal(list.totalCount, 1);
      assert.equal(typeof list.maxResults, 'number');
      const [component] = list.imageComponent;
      assert.deepEqual(list.body.imageComponent.imageComponentSet[0].imageComponentId, ctx.componentId);
      assert.equal(component.imageComponentId, ctx.componentId);
      assert.equal(component.name, name('component'));
      assert.equal(component.componentType, 'Build');
      assert.equal(component.systemType, 'Linux');
      assert.equal(component.owner, 'SELF');
      assert.equal(component.content, 'RUN echo "hello from the npm package tests"');
      assert.match(component.componentVersion, /^\d+\.\d+\.\d+$/);
    });

    test('CreateImagePipeline and DescribeImagePipelines', async () => {
      ctx.buildContent = `COMPONENT ${ctx.componentId}\nRUN echo done`;
      const res = await call('createImagePipeline', {
        name: name('pipeline'),
        baseImageType: 'IMAGE',
        baseImage: PUBLIC_IMAGE,
        buildContent: ctx.buildContent,
        imageName: name('built'),
        toRegionId: [OTHER_REGION],
        addAccount: [Number(DEMO2_ACCOUNT)],
        deleteInstanceOnFailure: true,
      });
      assert.match(res.imagePipelineId, /^ip-/);
      assert.equal(res.body.imagePipelineId, res.imagePipelineId);
      ctx.pipelineId = res.imagePipelineId;
      const list = await call('describeImagePipelines', { imagePipelineId: [ctx.pipelineId] });
      assert.equal(list.totalCount, 1);
      const [pipeline] = list.imagePipeline;
      assert.equal(pipeline.imagePipelineId, ctx.pipelineId);
      assert.equal(pipeline.name, name('pipeline'));
      assert.equal(pipeline.baseImageType, 'IMAGE');
      assert.equal(pipeline.baseImage, PUBLIC_IMAGE);
      assert.equal(pipeline.buildContent, ctx.buildContent);
      assert.equal(pipeline.deleteInstanceOnFailure, true);
      assert.deepEqual(pipeline.toRegionIds, [OTHER_REGION]);
      assert.deepEqual(list.body.imagePipeline.imagePipelineSet[0].toRegionIds.toRegionId, [OTHER_REGION]);
      assert.deepEqual(pipeline.addAccounts.map(String), [DEMO2_ACCOUNT]);
    });

    test('StartImagePipelineExecution, DescribeImagePipelineExecutions and CancelImagePipelineExecution', async () => {
      const res = await call('startImagePipelineExecution', { imagePipelineId: ctx.pipelineId });
      assert.match(res.executionId, /^exec-/);
      assert.equal(res.body.executionId, res.executionId);
      const list = await call('describeImagePipelineExecutions', { imagePipelineId: ctx.pipelineId });
      assert.equal(list.totalCount, 1);
      const [execution] = list.imagePipelineExecution;
      assert.equal(list.body.imagePipelineExecution.imagePipelineExecutionSet[0].executionId, res.executionId);
      assert.equal(execution.executionId, res.executionId);
      assert.equal(execution.imagePipelineId, ctx.pipelineId);
      assert.ok(['PREPARING', 'BUILDING'].includes(execution.status), execution.status);
      assert.match(execution.creationTime, ISO_SECONDS);
      const cancelled = await call('cancelImagePipelineExecution', { executionId: res.executionId });
      assert.deepEqual(Object.keys(cancelled.body), ['requestId']);
      const error = await api.waitForPipelineExecution({ executionId: res.executionId }, WAIT).then(
        () => assert.fail('a cancelled execution succeeded'),
        (e) => e,
      );
      assert.equal(error.kind, 'waiter');
      assert.equal(error.code, 'CANCELLED');
    });

    test('DeleteImagePipeline', async () => {
      const res = await call('deleteImagePipeline', { imagePipelineId: ctx.pipelineId });
      assert.deepEqual(Object.keys(res.body), ['requestId']);
      assert.equal((await call('describeImagePipelines', { imagePipelineId: [ctx.pipelineId] })).totalCount, 0);
    });

    test('DeleteImageComponent', async () => {
      const res = await call('deleteImageComponent', { imageComponentId: ctx.componentId });
      assert.deepEqual(Object.keys(res.body), ['requestId']);
      assert.equal((await call('describeImageComponents', { imageComponentId: [ctx.componentId] })).totalCount, 0);
    });

    test('DeleteImage', async () => {
      // Shared, so force; the export may still hold it for a few milliseconds.
      const res = await callWhenFree('deleteImage', { imageId: ctx.imageId, force: true }, ['ImageIsExporting']);
      assert.deepEqual(Object.keys(res.body), ['requestId']);
      await call('deleteImage', { imageId: ctx.importedId });
      await api.waitForImageDeleted({ imageId: ctx.imageId }, WAIT);
      const left = await call('describeImages', { imageOwnerAlias: 'self', status: 'ALL', imageName: `tjs-${mode}` });
      assert.deepEqual(left.images.filter((i) => [ctx.imageId, ctx.importedId].includes(i.imageId)), []);
    });

    test('all 23 operations were called, and each was signed in this mode', () => {
      assert.deepEqual([...called].sort(), OPERATIONS.map((op) => op.name).sort());
    });
  });
}

describe('GET as well as POST', () => {
  for (const mode of ['v3', 'v1']) {
    test(`DescribeImages and CreateImage over GET, ${mode}`, async () => {
      const log = recordingFetch();
      const client = makeClient(emulator, { signatureVersion: mode, method: 'GET', fetch: log });
      const res = await client.describeImages({ imageId: PUBLIC_IMAGE });
      assert.equal(res.images[0].imageId, PUBLIC_IMAGE);
      const created = await client.createImage({ snapshotId: 's-hangzhou-sys1', imageName: `tjs-get-${mode}` });
      assert.match(created.imageId, /^m-/);
      assert.deepEqual(log.calls.map((c) => [c.method, c.body]), [['GET', ''], ['GET', '']]);
      assert.equal(log.calls[1].params.get('SnapshotId'), 's-hangzhou-sys1');
    });
  }
});

describe('values that need encoding travel intact', () => {
  for (const [mode, method] of [['v3', 'POST'], ['v1', 'POST'], ['v3', 'GET'], ['v1', 'GET']]) {
    test(`non-ASCII and reserved characters, ${mode} ${method}`, async () => {
      const client = makeClient(emulator, { signatureVersion: mode, method });
      const imageName = `镜像-${mode}-${method}_v1.0:x`;
      const description = "a+b&c=d %20 ~*'() ü ☃ 😀 /?#[]";
      const tag = [{ key: 'ключ', value: 'valeur é' }];
      const { imageId } = await client.createImage({ snapshotId: 's-hangzhou-sys1', imageName, description, tag });
      const { images } = await client.describeImages({ imageId, status: 'ALL' });
      assert.equal(images[0].imageName, imageName);
      assert.equal(images[0].description, description);
      assert.deepEqual(images[0].tags.map((t) => [t.tagKey, t.tagValue]), [['ключ', 'valeur é']]);
      const { images: byName } = await client.describeImages({ imageName, imageOwnerAlias: 'self', status: 'ALL' });
      assert.ok(byName.some((i) => i.imageId === imageId));
    });
  }
});
