// The npm package end to end in headless Chromium: a page loads `ecsimg` (dist/browser.js, by name
// through an import map) and its wasm, and calls the strict emulator through a same-origin proxy
// (server.mjs: `/api/ecs/*` → the emulator, Host set as nginx sets it, `ecs.<RegionId>.aliyuncs.com`).
// The clients are configured as the package README says (`proxyBaseUrl`, no `endpoint`).
//
//   - all 23 operations in V3 (POST) and in V1 (GET), each answer checked, through the client's
//     methods; three waiters and two paginators (page-number and token) along the way; every call
//     forwarded with its region's Host;
//   - which signed host verifies through the proxy (see README.md);
//   - faults: CreateImage answers dropped half of the time → every create still succeeds, once;
//   - no console errors or warnings, and the wasm was fetched as application/wasm.
//
// Run from the repository root: `node --test crates/wasm/browser-tests/` (builds the emulator in
// release mode; builds crates/wasm/pkg if it is missing; needs /usr/bin/chromium).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from './server.mjs';
import {
  call,
  callFails,
  DEMO,
  DEMO2,
  inPage,
  launchBrowser,
  makeClient,
  openHarness,
  PKG_DIR,
  prepare,
  regionOf,
  startEmulator,
  unexpectedConsole,
  wait,
  WAIT,
} from './support.mjs';
import { ANY_IMAGE_STATUS } from '../../../tests/support/catalogue.mjs';

const { OPERATIONS } = await import(`${PKG_DIR}/dist/generated/operations.js`);

const REGION = 'cn-hangzhou';
const OTHER_REGION = 'cn-shanghai';
const PUBLIC_IMAGE = 'aliyun_3_x64_20G_alibase_20250915.vhd';
const PUBLIC_FAMILY = 'acs:alibaba_cloud_linux_3_2104_lts_x64';
const INSTANCE = 'i-hangzhou-web1';
const BUCKET = 'ecsimg-demo-hangzhou-1';
const QCOW2_OBJECT = 'images/alinux3-custom.qcow2';
const MODES = [
  { mode: 'v3', label: 'V3 (ACS3-HMAC-SHA256), POST', options: { signatureVersion: 'v3', method: 'POST' } },
  { mode: 'v1', label: 'V1 (HMAC-SHA1), GET', options: { signatureVersion: 'v1', method: 'GET' } },
];

let browser;
let fast; // --speed 2000: everything but the two cancels
let slow; // --speed 50: the cancels, whose windows last milliseconds at --speed 2000
let fastServer;
let slowServer;
let fastPage;
let slowPage;

before(async () => {
  prepare();
  [fast, slow, browser] = await Promise.all([
    startEmulator(['--speed', '2000']),
    startEmulator(['--speed', '50']),
    launchBrowser(),
  ]);
  [fastServer, slowServer] = await Promise.all([startServer({ upstream: fast.url }), startServer({ upstream: slow.url })]);
  [fastPage, slowPage] = await Promise.all([openHarness(browser, fastServer), openHarness(browser, slowServer)]);
});

after(async () => {
  await browser?.close();
  await Promise.all([fastServer?.close(), slowServer?.close(), fast?.stop(), slow?.stop()]);
});

function assertRequestId(res) {
  assert.equal(res.statusCode, 200);
  assert.match(res.requestId, /^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/);
  assert.equal(res.body.requestId, res.requestId);
}

describe('the package in the page', () => {
  test('loads from /pkg/dist/browser.js by name and fetches its wasm as application/wasm', async () => {
    const exports = await fastPage.page.evaluate(() => window.harness.exports);
    for (const name of ['EcsImageClient', 'EcsError', 'toCurl', 'toAliyunCli']) assert.ok(exports.includes(name), name);
    // The wasm is fetched on the first use; presigning uses it without the network.
    await makeClient(fastPage, 'probe', { regionId: 'cn-hangzhou', credentials: DEMO });
    const presigned = await inPage(fastPage, 'presign', 'probe', 'DescribeImages', { pageSize: 5 });
    assert.equal(presigned.ok, true, JSON.stringify(presigned.error));
    assert.equal(presigned.value.url, '/api/ecs/?PageSize=5&RegionId=cn-hangzhou');
    // Signed for the Host the proxy will send; the browser leaves `host` to it.
    assert.equal(presigned.value.headers.find(([k]) => k === 'host')?.[1], 'ecs.cn-hangzhou.aliyuncs.com');
    assert.match(presigned.value.headers.find(([k]) => k === 'Authorization')[1], /^ACS3-HMAC-SHA256 Credential=demo,/);
    assert.deepEqual(
      fastPage.seen.wasm.map(({ url, status, type }) => [new URL(url).pathname, status, type]),
      [['/pkg/dist/wasm/ecsimg_wasm_bg.wasm', 200, 'application/wasm']],
    );
    const resources = await fastPage.page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
    assert.ok(resources.includes('/pkg/dist/wasm/ecsimg_wasm_bg.wasm'), resources.join(', '));
    const curl = await fastPage.page.evaluate((request) => window.harness.curl(request), presigned.value);
    assert.ok(!curl.includes('demo-secret'));
  });

  test('validates in the page without sending anything', async () => {
    const before = fastServer.log.length;
    const r = await inPage(fastPage, 'validate', 'probe', 'CreateImage', { imageName: 'x', tag: [{ key: '' }] });
    assert.equal(r.ok, true);
    assert.deepEqual(r.value.map((p) => p.path).sort(), ['', 'imageName', 'tag[0].key']);
    const refused = await callFails(fastPage, 'probe', 'createImage', { imageName: 'x' });
    assert.equal(refused.kind, 'validation');
    assert.match(refused.message, /CreateImage\.imageName: must be 2 to 128 characters, got 1/);
    assert.equal(fastServer.log.length, before, 'a refused request was sent');
  });
});

// ---------------------------------------------------------------------------------------------
// Every operation in both signature modes.

for (const { mode, label, options } of MODES) {
  describe(`every operation from the page, ${label}`, () => {
    const ctx = {};
    const name = (what) => `browser-${mode}-${what}`;
    const fastLogStart = { value: 0 };
    const slowLogStart = { value: 0 };

    before(async () => {
      fastLogStart.value = fastServer.log.length;
      slowLogStart.value = slowServer.log.length;
      for (const where of [fastPage, slowPage]) {
        await makeClient(where, mode, { regionId: REGION, credentials: DEMO, ...options });
        await makeClient(where, `${mode}-demo2`, { regionId: REGION, credentials: DEMO2, ...options });
      }
    });

    test('DescribeImages', async () => {
      const res = await call(fastPage, mode, 'describeImages', { imageOwnerAlias: 'system', pageSize: 50 });
      assertRequestId(res);
      assert.equal(res.regionId, REGION);
      assert.equal(res.pageSize, 50);
      assert.ok(res.totalCount >= 20, `only ${res.totalCount} public images`);
      assert.equal(res.images.length, Math.min(res.totalCount, 50));
      assert.equal(res.body.images.image.length, res.images.length, 'flat view and SDK shape disagree');
      const image = res.images.find((i) => i.imageId === PUBLIC_IMAGE);
      assert.equal(image?.status, 'Available');
      assert.equal(image.imageFamily, PUBLIC_FAMILY);
      assert.equal(image.OSType, 'linux');
      assert.equal(image.diskDeviceMappings[0].device, '/dev/xvda');
      assert.equal(res.body.images.image.find((i) => i.imageId === PUBLIC_IMAGE).diskDeviceMappings.diskDeviceMapping[0].device, '/dev/xvda');
    });

    test('paginator, page numbers: paginateDescribeImages reads every public image once', async () => {
      const r = await inPage(fastPage, 'paginate', mode, 'DescribeImages', { imageOwnerAlias: 'system' }, { pageSize: 7 });
      assert.equal(r.ok, true, JSON.stringify(r.error));
      const total = r.value.pages[0].totalCount;
      assert.equal(r.value.pages.length, Math.ceil(total / 7));
      assert.deepEqual(r.value.pages.map((p) => p.pageNumber), r.value.pages.map((_, i) => i + 1));
      assert.equal(r.value.items.length, total);
      assert.equal(new Set(r.value.items.map((i) => i.imageId)).size, total);
    });

    test('DescribeImageFromFamily', async () => {
      const res = await call(fastPage, mode, 'describeImageFromFamily', { imageFamily: PUBLIC_FAMILY });
      assertRequestId(res);
      assert.equal(res.image.imageId, PUBLIC_IMAGE);
      assert.equal(res.image.status, 'Available');
    });

    test('DescribeImageSupportInstanceTypes', async () => {
      const res = await call(fastPage, mode, 'describeImageSupportInstanceTypes', { imageId: PUBLIC_IMAGE });
      assertRequestId(res);
      assert.equal(res.imageId, PUBLIC_IMAGE);
      assert.ok(res.instanceTypes.length > 0);
      for (const type of res.instanceTypes) {
        assert.match(type.instanceTypeId, /^ecs\./);
        assert.equal(typeof type.cpuCoreCount, 'number');
      }
    });

    test('DescribeAvailableResource', async () => {
      const res = await call(fastPage, mode, 'describeAvailableResource', {
        destinationResource: 'InstanceType',
        instanceChargeType: 'PostPaid',
      });
      assertRequestId(res);
      assert.ok(res.availableZones.length > 0);
      const offered = res.availableZones.flatMap((z) => z.availableResources[0].supportedResources);
      assert.ok(offered.some((o) => o.value === 'ecs.g7.large'));
    });

    test('CreateImage, then the waiter waitForImageAvailable', async () => {
      const res = await call(fastPage, mode, 'createImage', {
        instanceId: INSTANCE,
        imageName: name('image'),
        imageFamily: name('family'),
        description: 'made in a browser',
        tag: [{ key: 'suite', value: 'browser' }],
      });
      assertRequestId(res);
      assert.match(res.imageId, /^m-/);
      ctx.imageId = res.imageId;
      const { value: image, progress } = await wait(fastPage, mode, 'waitForImageAvailable', { imageId: ctx.imageId });
      assert.equal(image.imageId, ctx.imageId);
      assert.equal(image.status, 'Available');
      assert.equal(image.imageName, name('image'));
      // Waiters return the unwrapped view of the image (lists in place of wrapper objects).
      assert.deepEqual(image.tags.map((t) => [t.tagKey, t.tagValue]), [['suite', 'browser']]);
      assert.equal(progress.at(-1).status, 'Available');
      assert.equal(progress.at(-1).percent, 100);
    });

    test('ModifyImageAttribute', async () => {
      assertRequestId(
        await call(fastPage, mode, 'modifyImageAttribute', { imageId: ctx.imageId, imageName: name('renamed'), description: 'renamed in a browser' }),
      );
      const res = await call(fastPage, mode, 'describeImages', { imageId: ctx.imageId });
      assert.equal(res.images[0].imageName, name('renamed'));
      assert.equal(res.images[0].description, 'renamed in a browser');
    });

    test('ModifyImageSharePermission', async () => {
      assertRequestId(await call(fastPage, mode, 'modifyImageSharePermission', { imageId: ctx.imageId, addAccount: [DEMO2.account] }));
      const seen = await call(fastPage, `${mode}-demo2`, 'describeImages', { imageId: ctx.imageId, imageOwnerAlias: 'others' });
      assert.equal(seen.images.length, 1, 'the other account does not see the shared image');
    });

    test('ModifyImageShareGroupPermission', async () => {
      assertRequestId(await call(fastPage, mode, 'modifyImageShareGroupPermission', { imageId: ctx.imageId, addGroup: ['all'] }));
    });

    test('DescribeImageSharePermission', async () => {
      const res = await call(fastPage, mode, 'describeImageSharePermission', { imageId: ctx.imageId });
      assertRequestId(res);
      assert.equal(res.totalCount, 1);
      assert.deepEqual(res.accounts.map((a) => a.aliyunId), [DEMO2.account]);
      assert.deepEqual(res.shareGroups.map((g) => g.group), ['all']);
    });

    test('CopyImage, then the waiter waitForImageCopied', async () => {
      const res = await call(fastPage, mode, 'copyImage', {
        imageId: ctx.imageId,
        destinationRegionId: OTHER_REGION,
        destinationImageName: name('copy'),
      });
      assertRequestId(res);
      assert.match(res.imageId, /^m-/);
      const { value: copy } = await wait(fastPage, mode, 'waitForImageCopied', { regionId: OTHER_REGION, imageId: res.imageId });
      assert.equal(copy.imageName, name('copy'));
      assert.equal(copy.isCopied, true);
    });

    test('ExportImage', async () => {
      const res = await call(fastPage, mode, 'exportImage', { imageId: ctx.imageId, OSSBucket: BUCKET, OSSPrefix: `browser${mode}` });
      assertRequestId(res);
      assert.match(res.taskId, /^t-/);
    });

    test('ImportImage, then the waiter waitForImageImported', async () => {
      const res = await call(fastPage, mode, 'importImage', {
        imageName: name('imported'),
        OSType: 'linux',
        platform: 'Aliyun',
        architecture: 'x86_64',
        diskDeviceMapping: [{ OSSBucket: BUCKET, OSSObject: QCOW2_OBJECT, format: 'QCOW2' }],
      });
      assertRequestId(res);
      assert.match(res.taskId, /^t-/);
      ctx.importedId = res.imageId;
      const { value: image } = await wait(fastPage, mode, 'waitForImageImported', { imageId: res.imageId });
      assert.equal(image.diskDeviceMappings[0].importOSSObject, QCOW2_OBJECT);
    });

    test('CreateImageComponent', async () => {
      const res = await call(fastPage, mode, 'createImageComponent', {
        name: name('component'),
        componentType: 'Build',
        systemType: 'Linux',
        content: 'RUN echo "hello from a browser"',
      });
      assertRequestId(res);
      assert.match(res.imageComponentId, /^ic-/);
      ctx.componentId = res.imageComponentId;
    });

    test('DescribeImageComponents', async () => {
      const res = await call(fastPage, mode, 'describeImageComponents', { imageComponentId: [ctx.componentId] });
      assertRequestId(res);
      assert.equal(res.totalCount, 1);
      assert.equal(res.imageComponent[0].name, name('component'));
      assert.equal(res.imageComponent[0].content, 'RUN echo "hello from a browser"');
    });

    test('paginator, tokens: paginateDescribeImageComponents one component a page', async () => {
      for (const i of [1, 2]) {
        await call(fastPage, mode, 'createImageComponent', { name: name(`paged-${i}`), componentType: 'Build', content: `RUN echo ${i}` });
      }
      const r = await inPage(fastPage, 'paginate', mode, 'DescribeImageComponents', { owner: 'SELF' }, { pageSize: 1 });
      assert.equal(r.ok, true, JSON.stringify(r.error));
      const names = r.value.items.map((c) => c.name);
      for (const expected of [name('component'), name('paged-1'), name('paged-2')]) assert.ok(names.includes(expected), names.join(', '));
      assert.ok(r.value.pages.length >= 3);
      assert.ok(r.value.pages.every((p) => p.imageComponent.length <= 1));
      assert.equal(new Set(r.value.items.map((c) => c.imageComponentId)).size, r.value.items.length);
    });

    test('CreateImagePipeline', async () => {
      ctx.buildContent = `COMPONENT ${ctx.componentId}\nRUN echo done`;
      const res = await call(fastPage, mode, 'createImagePipeline', {
        name: name('pipeline'),
        baseImageType: 'IMAGE',
        baseImage: PUBLIC_IMAGE,
        buildContent: ctx.buildContent,
        imageName: name('built'),
        toRegionId: [OTHER_REGION],
        addAccount: [Number(DEMO2.account)],
        deleteInstanceOnFailure: true,
        tag: [{ key: 'suite', value: 'browser' }],
      });
      assertRequestId(res);
      assert.match(res.imagePipelineId, /^ip-/);
      ctx.pipelineId = res.imagePipelineId;
    });

    test('DescribeImagePipelines', async () => {
      const res = await call(fastPage, mode, 'describeImagePipelines', { imagePipelineId: [ctx.pipelineId] });
      assertRequestId(res);
      const [pipeline] = res.imagePipeline;
      assert.equal(pipeline.imagePipelineId, ctx.pipelineId);
      assert.equal(pipeline.buildContent, ctx.buildContent);
      assert.deepEqual(pipeline.toRegionIds, [OTHER_REGION]);
    });

    test('StartImagePipelineExecution', async () => {
      const res = await call(fastPage, mode, 'startImagePipelineExecution', { imagePipelineId: ctx.pipelineId });
      assertRequestId(res);
      assert.match(res.executionId, /^exec-/);
      ctx.executionId = res.executionId;
    });

    test('DescribeImagePipelineExecutions, then the waiter waitForPipelineExecution', async () => {
      const res = await call(fastPage, mode, 'describeImagePipelineExecutions', { imagePipelineId: ctx.pipelineId });
      assertRequestId(res);
      assert.equal(res.imagePipelineExecution[0].executionId, ctx.executionId);
      const { value: done, progress } = await wait(fastPage, mode, 'waitForPipelineExecution', { executionId: ctx.executionId });
      assert.equal(done.status, 'SUCCESS');
      assert.match(done.imageId, /^m-/);
      assert.equal(progress.at(-1).percent, 100);
    });

    test('CancelImagePipelineExecution (slow emulator): the waiter then fails with CANCELLED', async () => {
      const created = await call(slowPage, mode, 'createImagePipeline', {
        name: name('cancelled'),
        baseImageType: 'IMAGE',
        baseImage: PUBLIC_IMAGE,
        buildContent: 'RUN echo never finishes',
      });
      const started = await call(slowPage, mode, 'startImagePipelineExecution', { imagePipelineId: created.imagePipelineId });
      assertRequestId(await call(slowPage, mode, 'cancelImagePipelineExecution', { executionId: started.executionId }));
      const r = await inPage(slowPage, 'wait', mode, 'waitForPipelineExecution', { executionId: started.executionId }, WAIT);
      assert.equal(r.ok, false);
      assert.equal(r.error.kind, 'waiter');
      assert.equal(r.error.code, 'CANCELLED');
    });

    test('CancelCopyImage (slow emulator)', async () => {
      const source = await call(slowPage, mode, 'createImage', { instanceId: INSTANCE, imageName: name('cancel-source') });
      await wait(slowPage, mode, 'waitForImageAvailable', { imageId: source.imageId });
      const copy = await call(slowPage, mode, 'copyImage', {
        imageId: source.imageId,
        destinationRegionId: OTHER_REGION,
        destinationImageName: name('cancelled-copy'),
      });
      assertRequestId(await call(slowPage, mode, 'cancelCopyImage', { regionId: OTHER_REGION, imageId: copy.imageId }));
      const after = await call(slowPage, mode, 'describeImages', { regionId: OTHER_REGION, imageId: copy.imageId, status: ANY_IMAGE_STATUS });
      assert.equal(after.images.length, 0);
    });

    test('DeleteImagePipeline', async () => {
      assertRequestId(await call(fastPage, mode, 'deleteImagePipeline', { imagePipelineId: ctx.pipelineId }));
      const res = await call(fastPage, mode, 'describeImagePipelines', { imagePipelineId: [ctx.pipelineId] });
      assert.equal(res.totalCount, 0);
    });

    test('DeleteImageComponent', async () => {
      assertRequestId(await call(fastPage, mode, 'deleteImageComponent', { imageComponentId: ctx.componentId }));
      const res = await call(fastPage, mode, 'describeImageComponents', { imageComponentId: [ctx.componentId] });
      assert.equal(res.totalCount, 0);
    });

    test('DeleteImage, then the waiter waitForImageDeleted', async () => {
      assertRequestId(await call(fastPage, mode, 'deleteImage', { imageId: ctx.importedId }));
      const r = await wait(fastPage, mode, 'waitForImageDeleted', { imageId: ctx.importedId });
      assert.equal(r.progress.at(-1).status, 'NotFound');
    });

    test(`all ${OPERATIONS.length} operations went through the proxy with their region's Host, signed ${mode.toUpperCase()}, and were answered 200`, () => {
      const forwarded = [...fastServer.log.slice(fastLogStart.value), ...slowServer.log.slice(slowLogStart.value)];
      assert.ok(forwarded.length > 0);
      for (const entry of forwarded) {
        assert.equal(entry.signature, mode, `${entry.action}: ${entry.path}`);
        assert.equal(entry.method, options.method, entry.action);
        // In V3 the 200 proves the signed host was this one: the emulator verifies over it only.
        assert.equal(entry.host, `ecs.${regionOf(entry)}.aliyuncs.com`, `${entry.action}: ${entry.path}`);
        assert.equal(entry.status, 200, `${entry.action}: ${entry.status}`);
      }
      // The calls for the other region (the copy's waiter, CancelCopyImage) went to its own Host.
      assert.ok(forwarded.some((e) => e.host === `ecs.${OTHER_REGION}.aliyuncs.com`));
      assert.deepEqual([...new Set(forwarded.map((e) => e.action))].sort(), OPERATIONS.map((op) => op.name).sort());
    });
  });
}

// ---------------------------------------------------------------------------------------------

describe('the signed host through the proxy (V3; V1 does not sign the host)', () => {
  let page;
  before(async () => {
    page = await openHarness(browser, fastServer);
  });
  after(() => page?.page.close());

  // The proxy sends `Host: ecs.<the call's RegionId>.aliyuncs.com` and the emulator verifies over
  // that and nothing else, as the service does: only a client signing that host verifies.
  const cases = () => [
    // The README's settings: no endpoint, so each call signs its own region's regional host.
    ['no endpoint (signs ecs.cn-hangzhou.aliyuncs.com)', undefined, REGION, true],
    ['no endpoint, a call for cn-shanghai (signs ecs.cn-shanghai.aliyuncs.com)', undefined, OTHER_REGION, true],
    // An explicit endpoint is signed for every call: right for its own region only.
    ['endpoint ecs.cn-hangzhou.aliyuncs.com', 'ecs.cn-hangzhou.aliyuncs.com', REGION, true],
    ['endpoint ecs.cn-hangzhou.aliyuncs.com, a call for cn-shanghai', 'ecs.cn-hangzhou.aliyuncs.com', OTHER_REGION, false],
    // The official SDK's endpoint for cn-hangzhou, which the client signs without a proxy: the
    // proxy does not send it.
    ['endpoint ecs-cn-hangzhou.aliyuncs.com (the SDK endpoint)', 'ecs-cn-hangzhou.aliyuncs.com', REGION, false],
    // What these tests did while the emulator also accepted the Host it received: no longer.
    ['endpoint the emulator host:port', () => fast.host, REGION, false],
    // The page's own origin: the proxy replaces Host.
    ["endpoint the page's origin (the proxy's host:port)", () => new URL(fastServer.url).host, REGION, false],
  ];

  test('only the Host the proxy sends verifies', async () => {
    const refused = [];
    for (const [label, endpoint, regionId, verifies] of cases()) {
      const host = typeof endpoint === 'function' ? endpoint() : endpoint;
      const client = `host-${label}`;
      await makeClient(page, client, { regionId: REGION, credentials: DEMO, maxAttempts: 1, ...(host ? { endpoint: host } : {}) });
      const before = fastServer.log.length;
      const r = await inPage(page, 'call', client, 'describeImages', { regionId, pageSize: 1 });
      assert.deepEqual(fastServer.log.slice(before).map((e) => e.host), [`ecs.${regionId}.aliyuncs.com`], label);
      if (verifies) {
        assert.equal(r.ok, true, `${label}: ${JSON.stringify(r.error)}`);
        assert.equal(r.value.regionId, regionId, label);
      } else {
        refused.push(label);
        assert.equal(r.ok, false, `${label} verified`);
        assert.equal(r.error.code, 'SignatureDoesNotMatch', label);
        assert.ok(r.error.serverStringToSign && r.error.clientStringToSign, 'both strings to sign are reported');
        assert.match(r.error.serverStringToSign, /^ACS3-HMAC-SHA256\n/, label);
      }
    }
    // The refused calls are the only console errors: Chromium logs each 400 answer.
    const unexpected = unexpectedConsole(page.seen, [/the server responded with a status of 400/]);
    assert.deepEqual(unexpected, []);
    assert.equal(page.seen.console.filter((m) => m.type === 'error').length, refused.length);
  });
});

// ---------------------------------------------------------------------------------------------

describe('faults: CreateImage answers dropped (--fault drop=0.5@CreateImage --seed 7)', () => {
  let faulty;
  let server;
  let page;
  before(async () => {
    faulty = await startEmulator(['--speed', '2000', '--fault', 'drop=0.5@CreateImage', '--seed', '7']);
    server = await startServer({ upstream: faulty.url });
    page = await openHarness(browser, server);
    await makeClient(page, 'faulty', { regionId: REGION, credentials: DEMO, maxAttempts: 10, retry: { baseDelayMs: 5, maxDelayMs: 40 } });
  });
  after(async () => {
    await page?.page.close();
    await server?.close();
    await faulty?.stop();
  });

  test('every create succeeds, and exactly once, though answers were lost', async (t) => {
    const names = [1, 2, 3, 4, 5, 6].map((i) => `browser-fault-${i}`);
    const ids = [];
    for (const imageName of names) {
      const res = await call(page, 'faulty', 'createImage', { instanceId: INSTANCE, imageName });
      assert.match(res.imageId, /^m-/);
      ids.push(res.imageId);
    }
    const creates = server.log.filter((e) => e.action === 'CreateImage');
    const dropped = creates.filter((e) => e.status === 'dropped').length;
    t.diagnostic(`${names.length} creates, ${creates.length} attempts, ${dropped} answers dropped`);
    assert.ok(dropped >= 1, `no answer was dropped: ${JSON.stringify(creates)}`);
    assert.equal(creates.length, names.length + dropped, 'each dropped attempt was retried once more');
    // The retries carried the call's ClientToken: the service created each image once.
    const mine = await call(page, 'faulty', 'describeImages', { imageOwnerAlias: 'self', status: ANY_IMAGE_STATUS, pageSize: 100 });
    for (const [i, imageName] of names.entries()) {
      const found = mine.images.filter((image) => image.imageName === imageName);
      assert.deepEqual(found.map((image) => image.imageId), [ids[i]], imageName);
    }
    assert.equal(new Set(ids).size, names.length);
    // Chromium logs each 502 the proxy answered for a dropped connection; nothing else.
    assert.deepEqual(unexpectedConsole(page.seen, [/the server responded with a status of 502/]), []);
    assert.equal(page.seen.console.filter((m) => m.type === 'error').length, dropped);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the main pages', () => {
  test('logged no console errors or warnings and threw no uncaught errors', () => {
    for (const { seen } of [fastPage, slowPage]) {
      assert.deepEqual(unexpectedConsole(seen), []);
      assert.deepEqual(seen.pageErrors, []);
      assert.deepEqual(seen.failedRequests, []);
    }
  });
});
