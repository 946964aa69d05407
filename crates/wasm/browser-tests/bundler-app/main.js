// A tiny app that imports the package by name, as an application would after `npm install ecsimg`,
// and lists images through the same-origin proxy at /api/ecs, configured as the package README
// says: no endpoint, so the client signs the Host the proxy sends (ecs.cn-hangzhou.aliyuncs.com).
//
// Test-only: the demo keys are the emulator's. A real app gets credentials from its user.

import { EcsError, EcsImageClient } from 'ecsimg';
// The package's own glue (the same module in the bundle), for the out-of-memory scenario below.
import { initSync } from '../../pkg/dist/wasm/ecsimg_wasm.js';

const client = new EcsImageClient({
  regionId: 'cn-hangzhou',
  proxyBaseUrl: '/api/ecs',
  credentials: { accessKeyId: 'demo', accessKeySecret: 'demo-secret' },
});

const status = document.getElementById('status');
const rows = document.getElementById('images');

async function main() {
  try {
    const answer = await client.describeImages({ imageOwnerAlias: 'system', pageSize: 10 });
    for (const image of answer.images ?? []) {
      const row = rows.insertRow();
      for (const value of [image.imageId, image.imageName, image.OSName, image.status]) {
        row.insertCell().textContent = value ?? '';
      }
    }
    status.textContent = `${answer.images?.length ?? 0} of ${answer.totalCount} images (request ${answer.requestId})`;
    status.dataset.state = 'done';
  } catch (e) {
    status.textContent = e instanceof EcsError ? `${e.kind}: ${e.message}` : String(e);
    status.dataset.state = 'error';
  }
}

/**
 * `#trap`: the core runs out of memory (its memory grown to the wasm32 limit, then an 8 MiB
 * request), and the next calls run on a fresh instance made from the bundle's one copy of the glue.
 */
async function trap() {
  const steps = [];
  const call = async (imageName) => {
    try {
      await client.describeImages({ imageOwnerAlias: 'system', pageSize: 1, imageName });
      return 'ok';
    } catch (e) {
      return e instanceof EcsError ? e.kind : String(e);
    }
  };
  steps.push(await call(undefined));
  const exports = initSync();
  exports.memory.grow(65536 - exports.memory.buffer.byteLength / 65536);
  steps.push(await call('x'.repeat(8 << 20)));
  // 4 MiB through the core (checked, not sent: a URL that long is no request), then a call.
  steps.push(`${(await client.validate('DescribeImages', { imageName: 'x'.repeat(4 << 20) })).length} problems`);
  steps.push(await call(undefined));
  steps.push(initSync() === exports ? 'same instance' : 'fresh instance');
  status.textContent = steps.join(', ');
  status.dataset.state = 'done';
}

if (location.hash === '#trap') trap();
else main();
