// The package's TypeScript types: types/sample.ts (every operation method, paginator and waiter,
// typed requests and responses, and `@ts-expect-error` lines for what must not compile) and
// types/workflows.ts (the workflows' functions and types, likewise) checked by tsc against the
// built package (crates/wasm/pkg, through its package.json), with no errors.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { PKG_DIST, ROOT } from './helpers.mjs';

const TSC = join(ROOT, 'tools/node_modules/.bin/tsc');
const PROJECT = join(ROOT, 'crates/wasm/tests-js/types/tsconfig.json');

test('types/sample.ts type-checks against the built package (tsc --noEmit)', { timeout: 60_000 }, async () => {
  assert.ok(existsSync(TSC), `${TSC} is missing: run scripts/setup.sh test`);
  const { stdout, stderr, code } = await promisify(execFile)(TSC, ['--noEmit', '--listFiles', '-p', PROJECT], {
    cwd: ROOT,
    maxBuffer: 16 << 20,
  }).then(
    (r) => ({ ...r, code: 0 }),
    (e) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? String(e), code: e.code }),
  );
  const errors = stdout.split('\n').filter((line) => /error TS\d+/.test(line));
  assert.deepEqual(errors, [], `tsc found errors:\n${errors.join('\n')}\n${stderr}`);
  assert.equal(code, 0, stderr);
  // The types came from the built package, resolved through its package.json.
  const files = stdout.split('\n').map((line) => line.trim());
  assert.ok(files.includes(join(PKG_DIST, 'browser.d.ts')), 'the package entry point was not type-checked');
  assert.ok(files.includes(join(PKG_DIST, 'generated/types.d.ts')), 'the generated types were not type-checked');
  assert.ok(files.some((f) => f.endsWith('tests-js/types/sample.ts')));
  assert.ok(files.some((f) => f.endsWith('tests-js/types/workflows.ts')));
});
