// The 23 operations' scenario (scenario.mjs) over HTTP: the "Sandbox (local emulator via proxy)"
// connection, the page's /api/ecs/ forwarded by the test server (support.mjs, with the Host
// web/nginx/ecsimg.conf sends: ecs.<the call's RegionId>.aliyuncs.com) to a real, strict
// ecsimg-emulator process at the sandbox's speed (--speed 10). Once signed V3 and once V1, in
// their own tabs, on one emulator (the V1 pass names its resources apart). Each pass checks the
// server's log: every operation answered 200 (DeleteImage's refusal while shared aside), each
// call signed as chosen and forwarded with the Host of its own region.

import { after, before } from 'node:test';
import { operationsScenario } from './scenario.mjs';
import { startConsole, stopConsole } from './support.mjs';

const env = {};

before(async () => {
  Object.assign(env, await startConsole({ emulator: ['--speed', '10'], tab: false }));
});
after(() => stopConsole(env));

operationsScenario({ env, connection: 'proxy', signature: 'v3' });
operationsScenario({ env, connection: 'proxy', signature: 'v1', suffix: '-v1' });
