// Paginators over more items than one page, in both styles: PageNumber (DescribeImages,
// DescribeImageSharePermission) and NextToken (DescribeImageComponents, DescribeImagePipelines,
// DescribeImagePipelineExecutions). `.items()` yields every item exactly once; a NextToken the
// service repeats ends the iteration instead of looping.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { INSTANCE, PUBLIC_IMAGE, makeClient, recordingFetch, rejectsEcs, rewriteJson, startEmulator } from './helpers.mjs';

const WAIT = { minDelayMs: 2, maxDelayMs: 5, maxWaitMs: 5_000 };

let emulator;
let client;
const made = { components: [], pipelines: [], executions: [] };
let sharedImage;
const SHARED_WITH = Array.from({ length: 10 }, (_, i) => String(1000000000000100 + i));

before(async () => {
  emulator = await startEmulator(['--speed', '5000']);
  client = makeClient(emulator);
  for (let i = 0; i < 7; i++) {
    const res = await client.createImageComponent({ name: `page-component-${i}`, content: `RUN echo ${i}` });
    made.components.push(res.imageComponentId);
  }
  // Four, and the demo seed's `build-agent` make five.
  for (let i = 0; i < 4; i++) {
    const res = await client.createImagePipeline({ name: `page-pipeline-${i}`, baseImageType: 'IMAGE', baseImage: PUBLIC_IMAGE, buildContent: 'RUN echo hi' });
    made.pipelines.push(res.imagePipelineId);
  }
  // One execution at a time per template: four in a row on the first pipeline.
  for (let i = 0; i < 4; i++) {
    const { executionId } = await client.startImagePipelineExecution({ imagePipelineId: made.pipelines[0] });
    await client.waitForPipelineExecution({ executionId }, WAIT);
    made.executions.push(executionId);
  }
  const { imageId } = await client.createImage({ instanceId: INSTANCE, imageName: 'page-shared' });
  await client.waitForImageAvailable({ imageId }, WAIT);
  await client.modifyImageSharePermission({ imageId, addAccount: SHARED_WITH });
  sharedImage = imageId;
});
after(() => emulator?.stop());

/** Every page of `paginator`, and every item of `.items()`. */
async function drain(paginator) {
  const pages = [];
  for await (const page of paginator) pages.push(page);
  const items = [];
  for await (const item of paginator.items()) items.push(item);
  return { pages, items };
}

describe('PageNumber style', () => {
  test('paginateDescribeImages: every public image once, pages numbered 1..n, no call past the last', async () => {
    const all = await client.describeImages({ imageOwnerAlias: 'system', pageSize: 100 });
    assert.ok(all.totalCount > 20);
    const log = recordingFetch();
    const paged = makeClient(emulator, { fetch: log });
    const { pages, items } = await drain(paged.paginateDescribeImages({ imageOwnerAlias: 'system' }, { pageSize: 5 }));
    const n = Math.ceil(all.totalCount / 5);
    assert.equal(pages.length, n);
    assert.deepEqual(pages.map((p) => p.pageNumber), Array.from({ length: n }, (_, i) => i + 1));
    assert.ok(pages.every((p) => p.pageSize === 5 && p.totalCount === all.totalCount && p.statusCode === 200));
    assert.ok(pages.every((p) => p.body.images.image.length === p.images.length));
    assert.equal(items.length, all.totalCount);
    assert.equal(new Set(items.map((i) => i.imageId)).size, items.length, 'an image came twice');
    assert.deepEqual(items.map((i) => i.imageId), all.images.map((i) => i.imageId));
    // Pages for the iteration and again for items(): 2n calls, none past the last page.
    assert.equal(log.calls.length, 2 * n);
    assert.deepEqual(log.calls.slice(0, n).map((c) => [c.params.get('PageNumber'), c.params.get('PageSize')]), pages.map((p) => [String(p.pageNumber), '5']));
  });

  test('an exact multiple of the page size stops at the last full page', async () => {
    const { totalCount } = await client.describeImages({ imageOwnerAlias: 'system', pageSize: 1 });
    const divisor = [6, 4, 3, 2].find((d) => totalCount % d === 0) ?? 1;
    const log = recordingFetch();
    const pages = [];
    for await (const page of makeClient(emulator, { fetch: log }).paginateDescribeImages({ imageOwnerAlias: 'system' }, { pageSize: divisor })) pages.push(page);
    assert.equal(pages.length, totalCount / divisor);
    assert.equal(log.calls.length, totalCount / divisor);
  });

  test('paginateDescribeImageSharePermission: all 10 accounts over 4 pages', async () => {
    const { pages, items } = await drain(client.paginateDescribeImageSharePermission({ imageId: sharedImage }, { pageSize: 3 }));
    assert.deepEqual(pages.map((p) => p.accounts.length), [3, 3, 3, 1]);
    assert.deepEqual(items.map((a) => a.aliyunId).sort(), [...SHARED_WITH].sort());
  });

  test('a page size above the limit is capped at 100; nothing matching is one empty page', async () => {
    const log = recordingFetch();
    const paged = makeClient(emulator, { fetch: log });
    const { pages, items } = await drain(paged.paginateDescribeImages({ imageOwnerAlias: 'self', imageName: 'no-such-image' }, { pageSize: 1_000 }));
    assert.equal(pages.length, 1);
    assert.deepEqual(items, []);
    assert.equal(log.calls[0].params.get('PageSize'), '100');
  });
});

describe('NextToken style', () => {
  test('paginateDescribeImageComponents: 7 components in pages of 3', async () => {
    const log = recordingFetch();
    const { pages, items } = await drain(makeClient(emulator, { fetch: log }).paginateDescribeImageComponents({ owner: 'SELF' }, { pageSize: 3 }));
    assert.deepEqual(pages.map((p) => p.imageComponent.length), [3, 3, 1]);
    assert.ok(pages[0].nextToken && pages[1].nextToken && !pages[2].nextToken);
    assert.deepEqual(items.map((c) => c.imageComponentId).sort(), [...made.components].sort());
    // The first request has no token; each next one carries the previous page's.
    const sent = log.calls.slice(0, 3).map((c) => [c.params.get('MaxResults'), c.params.get('NextToken')]);
    assert.deepEqual(sent, [['3', null], ['3', pages[0].nextToken], ['3', pages[1].nextToken]]);
  });

  test('paginateDescribeImagePipelines: 5 pipelines in pages of 2', async () => {
    const { pages, items } = await drain(client.paginateDescribeImagePipelines({}, { pageSize: 2 }));
    assert.deepEqual(pages.map((p) => p.imagePipeline.length), [2, 2, 1]);
    const seeded = items.filter((p) => p.name === 'build-agent').map((p) => p.imagePipelineId);
    assert.equal(seeded.length, 1);
    assert.deepEqual(items.map((p) => p.imagePipelineId).sort(), [...made.pipelines, ...seeded].sort());
  });

  test('paginateDescribeImagePipelineExecutions: 4 executions in pages of 3', async () => {
    const { pages, items } = await drain(client.paginateDescribeImagePipelineExecutions({ imagePipelineId: made.pipelines[0] }, { pageSize: 3 }));
    assert.deepEqual(pages.map((p) => p.imagePipelineExecution.length), [3, 1]);
    assert.deepEqual(items.map((e) => e.executionId).sort(), [...made.executions].sort());
    assert.ok(items.every((e) => e.status === 'SUCCESS'));
  });

  test('a NextToken the service repeats ends the iteration', async () => {
    // The second page comes back with the first page's token again.
    let firstToken;
    const log = recordingFetch(async (url, init, entry, calls) => {
      const res = await fetch(url, init);
      return rewriteJson(res, (json) => {
        if (calls.length === 1) firstToken = json.NextToken;
        else json.NextToken = firstToken;
      });
    });
    const pages = [];
    for await (const page of makeClient(emulator, { fetch: log }).paginateDescribeImageComponents({ owner: 'SELF' }, { pageSize: 3 })) pages.push(page);
    assert.ok(firstToken);
    assert.equal(pages.length, 2);
    assert.equal(pages[1].nextToken, firstToken);
    assert.equal(log.calls.length, 2);
  });
});

describe('paginator options', () => {
  test('an aborted signal stops the first page', async () => {
    const log = recordingFetch();
    const pages = makeClient(emulator, { fetch: log }).paginateDescribeImages({}, { abortSignal: AbortSignal.abort() });
    await rejectsEcs((async () => {
      for await (const page of pages) void page;
    })(), { kind: 'aborted' });
    assert.equal(log.calls.length, 0);
  });

  test('breaking out of the loop fetches no more pages', async () => {
    const log = recordingFetch();
    for await (const item of makeClient(emulator, { fetch: log }).paginateDescribeImages({ imageOwnerAlias: 'system' }, { pageSize: 2 }).items()) {
      if (item) break;
    }
    assert.equal(log.calls.length, 1);
  });
});
