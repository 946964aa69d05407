// Distribution of one image to 7 regions and 3 accounts on the emulator at `--speed 100` (a copy
// takes 0.3 s): the calls made (the runner's, waiter polls included; and the HTTP requests, retries
// included), the wall time, and the same through 30 % throttling. Prints figures, asserts nothing.
//
//   node crates/wasm/benches/distribute.mjs [--poll MS]
//
// Needs the package built (crates/wasm/build.sh); builds the release emulator if it is stale. The
// distributing account is the demo's second (…002), whose copy slots are free at the start (the
// first account's seed has copies into eu-central-1 under way, which a new copy would queue behind).

import { parseArgs } from 'node:util';
import { DEMO2, makeClient, pkg, recordingFetch, startEmulator } from '../tests-js/helpers.mjs';

const { planDistribution, distributeImage } = pkg;
const { values } = parseArgs({ options: { poll: { type: 'string', default: '100' } } });
const POLL_MS = Number(values.poll);

const SOURCE = 'cn-hangzhou';
const DESTINATIONS = ['cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1', 'us-west-1', 'eu-central-1'];
const ACCOUNTS = ['1000000000000001', '1000000000000003', '1000000000000004'];

async function run(label, faults) {
  const emulator = await startEmulator(['--speed', '100', ...faults]);
  try {
    const log = recordingFetch();
    // The client's default backoff (throttling: 1 s base), not the tests' short one.
    const client = makeClient(emulator, { credentials: DEMO2, fetch: log, maxAttempts: 10, retry: {} });
    const { imageId } = await client.createImage({ regionId: SOURCE, snapshotId: 's-hangzhou-sys2', imageName: 'bench-golden' });
    await client.waitForImageAvailable({ regionId: SOURCE, imageId }, { minDelayMs: POLL_MS, maxDelayMs: POLL_MS });
    const plan = planDistribution({ sourceRegionId: SOURCE, imageId, destinations: DESTINATIONS.map((regionId) => ({ regionId, imageName: 'bench-golden' })), shareWith: ACCOUNTS });
    const before = log.calls.length;
    const backoff = new pkg.SharedBackoff();
    let reports = 0;
    const started = performance.now();
    const state = await distributeImage(client, plan, { backoff, onProgress: () => reports++, wait: { minDelayMs: POLL_MS, maxDelayMs: POLL_MS } });
    const wallMs = performance.now() - started;
    const requests = log.calls.length - before;
    const byAction = {};
    for (const entry of log.calls.slice(before)) {
      const action = entry.headers['x-acs-action'] ?? entry.params.get('Action');
      byAction[action] = (byAction[action] ?? 0) + 1;
    }
    console.log(`${label}: status ${state.status}; ${plan.calls.length} planned calls; ${state.calls} calls made (waiter polls included); ${requests} HTTP requests (retries included): ${JSON.stringify(byAction)}`);
    console.log(`  wall time ${wallMs.toFixed(0)} ms; ${reports} progress reports; throttled ${backoff.throttles} times, calls held ${backoff.heldMs} ms in all`);
  } finally {
    await emulator.stop();
  }
}

console.log(`one image, ${SOURCE} → ${DESTINATIONS.length} regions, shared with ${ACCOUNTS.length} accounts; --speed 100 (a copy takes 300 ms); polls every ${POLL_MS} ms; Node ${process.version}`);
await run('clean', []);
await run('throttling 30 %', ['--seed', '3', '--fault', 'throttling=0.3']);
