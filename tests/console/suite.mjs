// The console a test file runs against, started before its tests and stopped after them.

import { after, before } from 'node:test';
import { openConsole, startConsole, stopConsole } from './support.mjs';

/**
 * A test file's console: started before its tests (with the local emulator when `emulator` gives
 * its flags) with one page open at `path` on the view the hash names, then `ready(tab)` awaited;
 * stopped after them. The object returned is filled in before the first test: `{ server,
 * browser, emulator, tab }`.
 */
export function consoleSuite({ path, emulator, ready } = {}) {
  const suite = {};
  before(async () => {
    Object.assign(suite, await startConsole({ emulator, tab: false }));
    suite.tab = await openConsole(suite.browser, `${suite.server.url}${path}`, { view: '' });
    await ready?.(suite.tab);
  });
  after(() => stopConsole(suite));
  return suite;
}
