// The flat view of an answer (js/unwrap.ts): every wrapper object on a path of the operation's
// generated `wraps` table replaced by its list, at every depth, with the body left as it was; and
// the client's answers carrying it beside the body.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { DEMO, EcsImageClient, OPERATIONS, PKG_DIST, REGION } from './helpers.mjs';

const { unwrapLists } = await import(pathToFileURL(join(PKG_DIST, 'unwrap.js')).href);
const wrapsOf = (name) => OPERATIONS.find((op) => op.name === name).wraps;

/** The answer of a client whose fetch answers every call with `raw` (status 200). */
function answer(method, raw) {
  const fetch = async () => new Response(raw, { status: 200, headers: { 'content-type': 'application/json' } });
  return new EcsImageClient({ regionId: REGION, credentials: DEMO, endpoint: 'http://127.0.0.1:9', fetch, maxAttempts: 1 })[method]({});
}

/** `value` with every object and array in it frozen, so that a change to it throws. */
function deepFreeze(value) {
  if (value !== null && typeof value === 'object') Object.values(Object.freeze(value)).forEach(deepFreeze);
  return value;
}

describe('the client answers with the flat view beside the body', () => {
  test('wrappers kept in SDK names in the body, unwrapped in the flat fields', async () => {
    const raw = `{"RequestId":"r-1","TotalCount":1,"PageNumber":1,"PageSize":10,"RegionId":"cn-hangzhou",
      "Images":{"Image":[{"ImageId":"m-1","OSType":"linux","Size":"40","Tags":{"Tag":[{"TagKey":"k","TagValue":"v"}]},
      "DiskDeviceMappings":{"DiskDeviceMapping":[{"Size":20}]},"NewField":{"InnerThing":1}}]}}`;
    const { statusCode, headers, body, ...flat } = await answer('describeImages', raw);
    const image = { imageId: 'm-1', OSType: 'linux', size: 40, newField: { innerThing: 1 } };
    const top = { requestId: 'r-1', totalCount: 1, pageNumber: 1, pageSize: 10, regionId: 'cn-hangzhou' };
    assert.deepEqual(body, {
      ...top,
      images: { image: [{ ...image, tags: { tag: [{ tagKey: 'k', tagValue: 'v' }] }, diskDeviceMappings: { diskDeviceMapping: [{ size: '20' }] } }] },
    });
    assert.deepEqual(flat, { ...top, images: [{ ...image, tags: [{ tagKey: 'k', tagValue: 'v' }], diskDeviceMappings: [{ size: '20' }] }] });
  });

  test('an empty wrapper unwraps to an empty list', async () => {
    const { statusCode, headers, body, ...flat } = await answer('describeImages', '{"RequestId":"r","Images":{}}');
    assert.deepEqual(body, { requestId: 'r', images: {} });
    assert.deepEqual(flat, { requestId: 'r', images: [] });
  });
});

describe('unwrapLists', () => {
  test('unwraps into list items and objects, keeps unknown keys, and leaves the body unchanged', () => {
    const body = deepFreeze({
      requestId: 'r',
      availableZones: {
        availableZone: [
          { zoneId: 'z-a', availableResources: { availableResource: [{ type: 'T', supportedResources: { supportedResource: [{ value: 'v' }] } }] } },
          { zoneId: 'z-b', availableResources: {}, extra: { availableResources: { availableResource: [] } } },
        ],
        unknownBeside: 1,
      },
      unknownTop: { availableZone: [1] },
    });
    const copy = structuredClone(body);
    const flat = unwrapLists(wrapsOf('DescribeAvailableResource'), body);
    assert.deepEqual(flat, {
      requestId: 'r',
      availableZones: [
        { zoneId: 'z-a', availableResources: [{ type: 'T', supportedResources: [{ value: 'v' }] }] },
        { zoneId: 'z-b', availableResources: [], extra: { availableResources: { availableResource: [] } } },
      ],
      unknownTop: { availableZone: [1] },
    });
    assert.deepEqual(body, copy);
    // What is on no wrapper path is shared, not copied.
    assert.equal(flat.unknownTop, body.unknownTop);
    assert.equal(flat.availableZones[1].extra, body.availableZones.availableZone[1].extra);
  });

  test('values of another shape than described are kept as they are', () => {
    const wraps = wrapsOf('DescribeImageFromFamily');
    const cases = [
      [{ image: 'm-1' }, { image: 'm-1' }],
      [{ image: [{ tags: { tag: [] } }] }, { image: [{ tags: { tag: [] } }] }],
      [{ image: { tags: [{ tagKey: 'k' }], diskDeviceMappings: { diskDeviceMapping: 'x' } } }, { image: { tags: [{ tagKey: 'k' }], diskDeviceMappings: 'x' } }],
      [{ image: { tags: null, diskDeviceMappings: { diskDeviceMapping: null } } }, { image: { tags: null, diskDeviceMappings: null } }],
    ];
    for (const [body, flat] of cases) assert.deepEqual(unwrapLists(wraps, deepFreeze(body)), flat, JSON.stringify(body));
    assert.equal(unwrapLists(wraps, 'text'), 'text');
    assert.deepEqual(unwrapLists(wraps, [1]), [1]);
  });

  test('a bare list whose items hold wrappers, and a `__proto__` key kept as a field', () => {
    const wraps = { groups: [null, { members: ['member'] }] };
    const body = deepFreeze(JSON.parse('{"groups":[{"members":{"member":[1,2]}},{}],"__proto__":{"member":[3]}}'));
    const flat = unwrapLists(wraps, body);
    assert.deepEqual(flat.groups, [{ members: [1, 2] }, {}]);
    assert.ok(Object.hasOwn(flat, '__proto__'), '__proto__ is not an own field');
    assert.equal(Object.getPrototypeOf(flat), Object.prototype);
  });
});
