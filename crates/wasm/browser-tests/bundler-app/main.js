// A tiny app that imports the package by name, as an application would after `npm install ecsimg`,
// and lists images through the same-origin proxy at /api/ecs, configured as the package README
// says: no endpoint, so the client signs the Host the proxy sends (ecs.cn-hangzhou.aliyuncs.com).
//
// Test-only: the demo keys are the emulator's. A real app gets credentials from its user.

import { EcsError, EcsImageClient } from 'ecsimg';

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

main();
