// Every one of the 23 operations through the console's forms, in headless Chromium, against the
// in-page sandbox (the default connection: the emulator compiled to wasm, in a worker the page
// starts when a form is first used; demo account, lifecycles ten times faster than the service).
// The scenario is scenario.mjs; operations-proxy.test.mjs runs it over HTTP.
//
// Screenshots of the views go to tests/console/artifacts/.
//
// Run from the repository root: `node --test tests/console/` (builds the console if needed).

import { after, before } from 'node:test';
import { operationsScenario } from './scenario.mjs';
import { startConsole, stopConsole } from './support.mjs';

const env = {};

before(async () => {
  Object.assign(env, await startConsole({ tab: false }));
});
after(() => stopConsole(env));

operationsScenario({ env, connection: 'sandbox', shots: true });
