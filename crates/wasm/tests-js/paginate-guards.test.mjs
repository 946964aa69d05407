// Paginators stop on a service that never ends a listing (issue 10, Scope 2): an empty page, a
// repeated NextToken, a page that repeats the one before, or past totalCount. A fake fetch plays
// the service, so each misbehaviour is exact.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO, EcsImageClient, REGION, recordingFetch } from './helpers.mjs';

const json = (body) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const image = (id) => ({ ImageId: id, Status: 'Available' });
const component = (id) => ({ ImageComponentId: id, Name: id });

/** A client whose fetch answers `answer(params, n)` (n from 1) and counts the calls, failing past `limit`. */
function fake(answer, limit = 20) {
  const log = recordingFetch(async (url, init, entry, calls) => {
    assert.ok(calls.length <= limit, `more than ${limit} calls: the paginator does not stop`);
    return json({ RequestId: 'AAAAAAAA-0000-4000-8000-000000000000', ...answer(entry.params, calls.length) });
  });
  const client = new EcsImageClient({ regionId: REGION, credentials: DEMO, endpoint: 'http://127.0.0.1:9', fetch: log, maxAttempts: 1 });
  return { client, log };
}

async function items(paginator) {
  const all = [];
  for await (const item of paginator.items()) all.push(item);
  return all;
}

describe('PageNumber style (DescribeImages)', () => {
  test('a service that answers the same page whatever the number: one page, then stop', async () => {
    const { client, log } = fake(() => ({ TotalCount: 1000, PageNumber: 1, PageSize: 2, Images: { Image: [image('m-1'), image('m-2')] } }));
    const all = await items(client.paginateDescribeImages({}, { pageSize: 2 }));
    assert.deepEqual(all.map((i) => i.imageId), ['m-1', 'm-2']);
    assert.equal(log.calls.length, 2);
  });

  test('an empty page ends the listing although totalCount says more', async () => {
    const { client, log } = fake((params, n) => ({ TotalCount: 1000, Images: { Image: n === 1 ? [image('m-1')] : [] } }));
    assert.equal((await items(client.paginateDescribeImages({}, { pageSize: 1 }))).length, 1);
    assert.equal(log.calls.length, 2);
  });

  test('no page is asked for past totalCount', async () => {
    const { client, log } = fake((params) => ({ TotalCount: 3, Images: { Image: [image(`m-${params.get('PageNumber')}`)] } }));
    assert.deepEqual((await items(client.paginateDescribeImages({}, { pageSize: 1 }))).map((i) => i.imageId), ['m-1', 'm-2', 'm-3']);
    assert.equal(log.calls.length, 3);
  });

  test('an answer without totalCount is one page', async () => {
    const { client, log } = fake(() => ({ Images: { Image: [image('m-1')] } }));
    assert.equal((await items(client.paginateDescribeImages({}, { pageSize: 1 }))).length, 1);
    assert.equal(log.calls.length, 1);
  });
});

describe('NextToken style (DescribeImageComponents)', () => {
  test('a repeated NextToken ends the listing', async () => {
    const { client, log } = fake((params, n) => ({ NextToken: 'same', ImageComponent: { ImageComponentSet: [component(`ic-${n}`)] } }));
    assert.deepEqual((await items(client.paginateDescribeImageComponents({}))).map((c) => c.imageComponentId), ['ic-1', 'ic-2']);
    assert.equal(log.calls.length, 2);
  });

  test('an empty page ends the listing although it names a next token', async () => {
    const { client, log } = fake((params, n) => ({ NextToken: `t${n}`, ImageComponent: { ImageComponentSet: n === 1 ? [component('ic-1')] : [] } }));
    assert.equal((await items(client.paginateDescribeImageComponents({}))).length, 1);
    assert.equal(log.calls.length, 2);
  });

  test('a page that repeats the one before under a new token ends the listing, not yielded twice', async () => {
    const { client, log } = fake((params, n) => ({ NextToken: `t${n}`, ImageComponent: { ImageComponentSet: [component('ic-1')] } }));
    assert.deepEqual((await items(client.paginateDescribeImageComponents({}))).map((c) => c.imageComponentId), ['ic-1']);
    assert.equal(log.calls.length, 2);
  });

  test('a well-behaved listing is read to its end', async () => {
    const { client, log } = fake((params, n) => ({ ...(n < 3 ? { NextToken: `t${n}` } : {}), ImageComponent: { ImageComponentSet: [component(`ic-${n}`)] } }));
    assert.deepEqual((await items(client.paginateDescribeImageComponents({}))).map((c) => c.imageComponentId), ['ic-1', 'ic-2', 'ic-3']);
    assert.deepEqual(log.calls.map((c) => c.params.get('NextToken')), [null, 't1', 't2']);
  });
});
