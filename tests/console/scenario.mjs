// Every one of the 23 operations through the console's forms, in headless Chromium, as one
// scenario that runs on a connection: the in-page sandbox (operations.test.mjs) or the local
// emulator through the proxy, signed V3 and V1 (operations-proxy.test.mjs). Each test picks the
// operation in the sidebar, fills the form through its inputs (typing, choosing, "Add ..." for
// list rows, nested groups), clicks "Call <Operation>" and checks the result panel: 200 OK, a
// RequestId, and the values or table the answer should show. Resources made by earlier tests
// (image, component, pipeline, execution IDs) are read from the result panel and offered back by
// the ID fields' datalists.
//
// The scenario waits on lifecycles timed for the sandbox's speed (ten times the service's): a
// proxy pass needs an emulator started with `--speed 10` (a copy must still run when it is
// cancelled).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  addRow,
  answerField,
  cspViolations,
  fillForm,
  offered,
  openConsole,
  operationNames,
  rawJson,
  resultPanel,
  screenshot,
  SEED,
  selectOperation,
  setConnection,
  submit,
  submitOk,
  unexpectedConsole,
  waitUntilDone,
} from './support.mjs';
import { ANY_IMAGE_STATUS } from '../support/catalogue.mjs';

/** The calls the scenario expects to be refused, by design (ImageUseShared, checked in the page). */
const REFUSED = ['DeleteImage 403'];

export const CONNECTIONS = {
  sandbox: 'Sandbox (in this page)',
  proxy: 'Sandbox (local emulator via proxy)',
};

/**
 * Registers the scenario as a `describe` block. `env` is filled by the file's `before` hook
 * (`browser`, `server`); the scenario opens its own tab (so kept form values of another pass do
 * not leak in), picks `connection` (a key of CONNECTIONS) and `signature` (`v3` or `v1`).
 * `suffix` keeps the names of resources unique when passes share an emulator. `shots` saves the
 * screenshots (one pass is enough).
 */
export function operationsScenario({ env, connection = 'sandbox', signature = 'v3', suffix = '', shots = false }) {
  const sandbox = connection === 'sandbox';
  const name = (what) => `e2e-${what}${suffix}`;
  const shot = (page, file, options) => shots && screenshot(page, file, options);
  const ctx = {};
  const covered = new Set();
  let tab;
  let from;

  /** Opens `op`'s form, fills it, submits it, and expects success; returns the panel's text. */
  async function run(op, values = {}, rows = {}) {
    const { page } = tab;
    await selectOperation(page, op);
    for (const [list, count] of Object.entries(rows)) {
      for (let i = 0; i < count; i++) await addRow(page, list);
    }
    await fillForm(page, values);
    const text = await submitOk(page, op);
    covered.add(op);
    return text;
  }

  /** The rows of the result's table captioned `caption` (a RegExp), as arrays of cell texts. */
  async function tableRows(caption) {
    const table = resultPanel(tab.page).locator('table', { has: tab.page.locator('caption', { hasText: caption }) });
    await table.first().waitFor();
    return table.first().locator('tbody tr:not([aria-hidden="true"])').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.innerText.trim())),
    );
  }

  describe(`the 23 operations through their forms, on ${CONNECTIONS[connection]}, ${signature.toUpperCase()}`, () => {
    before(async () => {
      from = env.server.log.length;
      tab = await openConsole(env.browser, `${env.server.url}/`);
      if (!sandbox) await setConnection(tab.page, CONNECTIONS[connection]);
      if (signature === 'v1') await tab.page.locator('#conn-signature').selectOption({ label: 'V1 (HMAC-SHA1)' });
    });
    after(() => tab?.close());

    test('the sidebar offers 23 operations', async () => {
      const names = await operationNames(tab.page);
      assert.equal(names.length, 23, names.join(', '));
      ctx.operations = names;
    });

    if (sandbox) {
      test('the page loads without the emulator: its worker starts when a form is first used', async () => {
        const { page } = tab;
        const sandboxFiles = () => env.server.log.filter((e) => /sandbox-worker\.js|ecsimg-sandbox/.test(e.path)).map((e) => `${e.path} ${e.status}`);
        await page.waitForLoadState('networkidle');
        assert.deepEqual(sandboxFiles(), []);
        // Focusing a field, before any call, starts it, so that it is ready by the first call.
        await page.locator('#f-regionId').focus();
        // The server logs a request when it arrives and its status once it answered it.
        const answered = () => sandboxFiles().filter((f) => !f.endsWith(' null'));
        for (const until = Date.now() + 5_000; answered().length < 3 && Date.now() < until; ) await page.waitForTimeout(20);
        assert.deepEqual(sandboxFiles().sort(), ['/ecsimg-sandbox.js 200', '/ecsimg-sandbox_bg.wasm 200', '/sandbox-worker.js 200']);
        await run('DescribeImages', { imageOwnerAlias: 'self' });
        assert.equal(sandboxFiles().length, 3, 'started twice');
      });
    }

    test('DescribeImages: the public images as a table', async () => {
      const { page } = tab;
      const text = await run('DescribeImages', { imageOwnerAlias: 'system', pageSize: '50', OSType: 'linux' });
      assert.match(text, /\d+ images/);
      const rows = await tableRows(/^Images \(\d+\)$/);
      assert.ok(rows.length >= 10, `${rows.length} rows`);
      const row = rows.find((cells) => cells[0] === SEED.publicImage);
      assert.ok(row, `${SEED.publicImage} is not in the table`);
      assert.equal(row[2].split(/\s/)[0], 'Available');
      assert.equal(row[3], 'system');
      // Every row asked for Linux.
      const raw = await rawJson(page);
      assert.ok(raw.images.image.every((i) => i.OSType === 'linux'));
      await shot(page, 'describe-images-table', { element: resultPanel(page) });
    });

    test('DescribeImageFromFamily: the newest image of a public family', async () => {
      await run('DescribeImageFromFamily', { imageFamily: SEED.publicFamily });
      const rows = await tableRows(/^Images \(1\)$/);
      assert.equal(rows[0][0], SEED.publicImage);
    });

    test('DescribeImageSupportInstanceTypes: the instance types of a public image', async () => {
      await run('DescribeImageSupportInstanceTypes', { imageId: SEED.publicImage });
      const rows = await tableRows(/^instanceTypes \(\d+\)$/);
      assert.ok(rows.length > 0);
      assert.ok(rows.some((cells) => cells.includes('ecs.g7.large')), JSON.stringify(rows));
    });

    test('DescribeAvailableResource: instance types by zone as a grid', async () => {
      const text = await run('DescribeAvailableResource', { destinationResource: 'InstanceType', instanceChargeType: 'PostPaid' });
      assert.match(text, /ecs\.g7\.large/);
      assert.match(text, /cn-hangzhou-[a-z]/);
    });

    test('CreateImage from an instance, with a tag row and a nested group, then "Wait until done"', async () => {
      const { page } = tab;
      await selectOperation(page, 'CreateImage');
      // On the sandbox the instance field suggests its instances (no operation here lists them).
      if (sandbox) assert.ok(await offered(page, 'ids-instances', SEED.instance), 'the instance datalist lacks i-hangzhou-web1');
      await addRow(page, 'tag');
      await fillForm(page, {
        instanceId: SEED.instance,
        imageName: name('image'),
        imageFamily: name('family'),
        description: 'made through the console',
        'features-imdsSupport': 'v2',
        'tag-0-key': 'suite',
        'tag-0-value': 'console',
      });
      await shot(page, 'form-create-image');
      await submitOk(page, 'CreateImage');
      covered.add('CreateImage');
      ctx.imageId = await answerField(page, 'imageId');
      assert.match(ctx.imageId, /^m-/);
      assert.equal(await waitUntilDone(page), 'Available');
      // The new ID is offered by every image ID field.
      assert.ok(await offered(page, 'ids-images', ctx.imageId));
      // Check what was made.
      await run('DescribeImages', { imageId: ctx.imageId, imageOwnerAlias: 'self', pageSize: '', OSType: '' });
      const raw = await rawJson(page);
      const [image] = raw.images.image;
      assert.equal(image.imageName, name('image'));
      assert.equal(image.imageFamily, name('family'));
      assert.equal(image.status, 'Available');
      assert.deepEqual(image.tags.tag.map((t) => [t.tagKey, t.tagValue]), [['suite', 'console']]);
      assert.equal(image.features?.imdsSupport, 'v2');
    });

    test('ModifyImageAttribute: rename and describe', async () => {
      await run('ModifyImageAttribute', { imageId: ctx.imageId, imageName: name('renamed'), description: 'renamed in the console' });
      await run('DescribeImages', { imageId: ctx.imageId, imageOwnerAlias: 'self' });
      const rows = await tableRows(/^Images \(1\)$/);
      assert.equal(rows[0][1], name('renamed'));
    });

    test('ModifyImageSharePermission: add an account (a list row)', async () => {
      await run('ModifyImageSharePermission', { imageId: ctx.imageId, 'addAccount-0': SEED.demo2Account }, { addAccount: 1 });
    });

    test('ModifyImageShareGroupPermission: share with the group "all"', async () => {
      await run('ModifyImageShareGroupPermission', { imageId: ctx.imageId, 'addGroup-0': 'all' }, { addGroup: 1 });
    });

    test('DescribeImageSharePermission: the account and the group', async () => {
      const text = await run('DescribeImageSharePermission', { imageId: ctx.imageId });
      assert.match(text, new RegExp(SEED.demo2Account));
      const raw = await rawJson(tab.page);
      assert.deepEqual(raw.accounts.account.map((a) => a.aliyunId), [SEED.demo2Account]);
      assert.deepEqual(raw.shareGroups.shareGroup.map((g) => g.group), ['all']);
    });

    test('CopyImage to cn-shanghai, then CancelCopyImage there', async () => {
      const { page } = tab;
      await run('CopyImage', { imageId: ctx.imageId, destinationRegionId: SEED.otherRegion, destinationImageName: name('copy') });
      ctx.copyId = await answerField(page, 'imageId');
      assert.match(ctx.copyId, /^m-/);
      // The copy takes 3 s at this speed: cancel it at once, in its region.
      await run('CancelCopyImage', { regionId: SEED.otherRegion, imageId: ctx.copyId });
      await run('DescribeImages', { regionId: SEED.otherRegion, imageId: ctx.copyId, imageOwnerAlias: 'self', status: ANY_IMAGE_STATUS });
      assert.match(await resultPanel(page).innerText(), /No images match/);
    });

    test('ExportImage to the demo bucket', async () => {
      await run('ExportImage', { imageId: ctx.imageId, OSSBucket: SEED.bucket, OSSPrefix: 'console' });
      assert.match(await answerField(tab.page, 'taskId'), /^t-/);
    });

    test('ImportImage from a QCOW2 object (a disk mapping row)', async () => {
      await run(
        'ImportImage',
        {
          imageName: name('imported'),
          OSType: 'linux',
          platform: 'Aliyun',
          architecture: 'x86_64',
          'diskDeviceMapping-0-OSSBucket': SEED.bucket,
          'diskDeviceMapping-0-OSSObject': SEED.qcow2,
          'diskDeviceMapping-0-format': 'QCOW2',
        },
        { diskDeviceMapping: 1 },
      );
      assert.match(await answerField(tab.page, 'taskId'), /^t-/);
      ctx.importedId = await answerField(tab.page, 'imageId');
      assert.match(ctx.importedId, /^m-/);
    });

    test('CreateImageComponent', async () => {
      await run('CreateImageComponent', {
        name: name('component'),
        componentType: 'Build',
        systemType: 'Linux',
        content: 'RUN echo "hello from the console"',
      });
      ctx.componentId = await answerField(tab.page, 'imageComponentId');
      assert.match(ctx.componentId, /^ic-/);
    });

    test('DescribeImageComponents: the component by ID (a list row)', async () => {
      await run('DescribeImageComponents', { 'imageComponentId-0': ctx.componentId }, { imageComponentId: 1 });
      const text = await resultPanel(tab.page).innerText();
      assert.match(text, new RegExp(ctx.componentId));
      assert.match(text, new RegExp(name('component')));
    });

    test('CreateImagePipeline: lists, a nested group, a tag', async () => {
      await run(
        'CreateImagePipeline',
        {
          name: name('pipeline'),
          baseImageType: 'IMAGE',
          baseImage: SEED.publicImage,
          buildContent: `COMPONENT ${ctx.componentId}\nRUN echo done`,
          'imageOptions-imageName': name('built'),
          'toRegionId-0': SEED.otherRegion,
          'addAccount-0': SEED.demo2Account,
          deleteInstanceOnFailure: 'true',
          'tag-0-key': 'suite',
          'tag-0-value': 'console',
        },
        { toRegionId: 1, addAccount: 1, tag: 1 },
      );
      ctx.pipelineId = await answerField(tab.page, 'imagePipelineId');
      assert.match(ctx.pipelineId, /^ip-/);
    });

    test('DescribeImagePipelines: the pipeline as a table', async () => {
      await run('DescribeImagePipelines', { 'imagePipelineId-0': ctx.pipelineId }, { imagePipelineId: 1 });
      const rows = await tableRows(/^Pipelines \(1\)$/);
      assert.equal(rows[0][0], ctx.pipelineId);
      assert.equal(rows[0][1], name('pipeline'));
    });

    test('StartImagePipelineExecution', async () => {
      await run('StartImagePipelineExecution', { imagePipelineId: ctx.pipelineId });
      ctx.executionId = await answerField(tab.page, 'executionId');
      assert.match(ctx.executionId, /^exec-/);
    });

    test('DescribeImagePipelineExecutions: the execution as a timeline', async () => {
      const { page } = tab;
      await run('DescribeImagePipelineExecutions', { imagePipelineId: ctx.pipelineId });
      const card = resultPanel(page).locator('li.execution', { hasText: ctx.executionId });
      await card.waitFor();
      const steps = await card.locator('ol.timeline > li').allInnerTexts();
      assert.deepEqual(steps.slice(0, 6).map((s) => s.split(/\s/)[0]), ['PREPARING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'RELEASING', 'SUCCESS']);
      assert.equal(await card.locator('ol.timeline > li[aria-current="step"]').count(), 1, 'no current step');
      await shot(page, 'execution-timeline', { element: resultPanel(page) });
    });

    test('CancelImagePipelineExecution, and the timeline says so', async () => {
      const { page } = tab;
      await run('CancelImagePipelineExecution', { executionId: ctx.executionId });
      await run('DescribeImagePipelineExecutions', { executionId: ctx.executionId, imagePipelineId: '' });
      const card = resultPanel(page).locator('li.execution', { hasText: ctx.executionId });
      assert.match(await card.innerText(), /CANCELL(ING|ED)/);
      // Cancelling takes a moment (0.3 s at this speed): call again until it is CANCELLED, as a
      // user would, so that the pipeline can be deleted.
      for (let i = 0; i < 20 && !/CANCELLED/.test(await card.innerText()); i++) {
        await page.waitForTimeout(200);
        await submitOk(page, 'DescribeImagePipelineExecutions');
      }
      assert.match(await card.locator('.badge').innerText(), /^CANCELLED$/);
    });

    test('DeleteImagePipeline', async () => {
      await run('DeleteImagePipeline', { imagePipelineId: ctx.pipelineId });
      await run('DescribeImagePipelines', { 'imagePipelineId-0': ctx.pipelineId });
      assert.match(await resultPanel(tab.page).innerText(), /No pipelines match/);
    });

    test('DeleteImageComponent', async () => {
      await run('DeleteImageComponent', { imageComponentId: ctx.componentId });
    });

    test('DeleteImage: refused while shared, then with force', async () => {
      const { page } = tab;
      await selectOperation(page, 'DeleteImage');
      await fillForm(page, { imageId: ctx.imageId });
      const refused = await submit(page, 'DeleteImage');
      assert.match(refused, /ImageUseShared/);
      assert.equal(await resultPanel(page).getByRole('alert').count(), 1, 'the error is not an alert');
      await run('DeleteImage', { imageId: ctx.imageId, force: 'true' });
      // In the image's region (the form still says cn-shanghai from the copy's check).
      await run('DescribeImages', { regionId: SEED.region, imageId: ctx.imageId, imageOwnerAlias: 'self', status: ANY_IMAGE_STATUS });
      assert.match(await resultPanel(page).innerText(), /No images match/);
    });

    test('every operation was called, with no console errors or CSP violations', async () => {
      assert.deepEqual([...covered].sort(), [...ctx.operations].sort());
      // Chromium logs the refused DeleteImage when it went over HTTP.
      assert.deepEqual(unexpectedConsole(tab.seen, sandbox ? [] : [/status of 403 \(Forbidden\)/]), []);
      assert.deepEqual(tab.seen.pageErrors, []);
      assert.deepEqual(await cspViolations(tab.page), []);
      const log = env.server.log.slice(from);
      // Nothing asked for is missing (the page declares its icon, so not even /favicon.ico).
      assert.deepEqual(log.filter((e) => e.status === 404).map((e) => e.path), []);
      if (sandbox) {
        // The sandbox is in the page: nothing but the page's own files was fetched.
        assert.deepEqual(log.filter((e) => e.api), []);
      } else {
        // Over HTTP only: the sandbox's worker was never started.
        assert.deepEqual(log.filter((e) => /sandbox-worker\.js|ecsimg-sandbox/.test(e.path)).map((e) => e.path), []);
      }
    });

    if (!sandbox) {
      test('the proxy forwarded every operation, each call signed as chosen and sent with the Host of its own region', async () => {
        const calls = env.server.log.slice(from).filter((e) => e.api);
        const ok = new Set(calls.filter((c) => c.status === 200).map((c) => c.action));
        assert.deepEqual([...ok].sort(), [...ctx.operations].sort());
        assert.deepEqual(calls.filter((c) => c.status !== 200).map((c) => `${c.action} ${c.status}`), REFUSED);
        for (const c of calls) {
          assert.equal(c.signature, signature, `${c.action} ${c.path}`);
          const region = new URLSearchParams(c.path.split('?')[1]).get('RegionId');
          assert.equal(c.host, `ecs.${region}.aliyuncs.com`, `${c.action} ${c.path}`);
        }
        // Not only the connection's region: the copy was cancelled and looked for in its own.
        const otherRegion = calls.filter((c) => c.host === `ecs.${SEED.otherRegion}.aliyuncs.com`).map((c) => c.action);
        assert.deepEqual([...new Set(otherRegion)].sort(), ['CancelCopyImage', 'DescribeImages']);
      });
    }
  });
}
