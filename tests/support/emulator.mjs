// How the JavaScript suites (conformance, the npm package's Node and browser tests, the nginx
// test, the console's tests) run ecsimg-emulator: built first with cargo (a no-op when it is
// fresh, so no suite runs a stale binary; $ECSIMG_EMULATOR names a prebuilt one instead), on a
// free loopback port read from its banner, and killed when the test process exits.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BINARY = process.env.ECSIMG_EMULATOR ?? join(REPO_ROOT, process.env.CARGO_TARGET_DIR ?? 'target', 'release/ecsimg-emulator');

let built = Boolean(process.env.ECSIMG_EMULATOR);
/** Builds the release emulator once per process. */
export function buildEmulator() {
  if (built) return;
  const build = spawnSync('cargo', ['build', '-q', '--locked', '--release', '-p', 'ecsimg-emulator'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('cargo build --release -p ecsimg-emulator failed');
  built = true;
}

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/**
 * Starts `ecsimg-emulator --listen 127.0.0.1:0 ...args` and resolves once its banner names the URL.
 * `keys` (optional, `--config`'s `accessKeys` entries) are written to a config file. The result has
 * `url`, `host`, `stderr`, `stop()`, and, with `--admin` among the args, `setFaults(rules)` /
 * `clearFaults()`.
 */
export async function startEmulator(args = [], { keys } = {}) {
  buildEmulator();
  const extra = [];
  let configDir;
  if (keys) {
    configDir = mkdtempSync(join(tmpdir(), 'ecsimg-emulator-'));
    const file = join(configDir, 'keys.json');
    writeFileSync(file, JSON.stringify({ accessKeys: keys }));
    extra.push('--config', file);
  }
  const child = spawn(BINARY, ['--listen', '127.0.0.1:0', ...extra, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const exited = once(child, 'exit').then(() => children.delete(child));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const cleanup = () => configDir && rmSync(configDir, { recursive: true, force: true });
  let url;
  try {
    url = await new Promise((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`ecsimg-emulator printed no URL within 20 s: ${stderr}`)), 20_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        const found = /listening on (http:\/\/\S+)/.exec(line);
        if (found) {
          clearTimeout(timer);
          resolveUrl(found[1]);
        }
      });
      child.on('error', (e) => reject(new Error(`cannot run ${BINARY}: ${e.message}`)));
      child.on('exit', (code, signal) => reject(new Error(`ecsimg-emulator exited (${signal ?? code}): ${stderr}`)));
    });
  } catch (e) {
    child.kill('SIGKILL');
    cleanup();
    throw e;
  }
  child.stdout.resume();
  const emulator = {
    url,
    host: new URL(url).host,
    get stderr() {
      return stderr;
    },
    async stop() {
      cleanup();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
    /** Replaces the fault rules through the admin endpoint (`--admin`). */
    async setFaults(rules) {
      const res = await fetch(`${url}/_emulator/faults`, { method: 'PUT', body: JSON.stringify({ rules }) });
      assert.equal(res.status, 200, `PUT /_emulator/faults: ${await res.text()}`);
      await res.arrayBuffer().catch(() => {});
    },
    clearFaults() {
      return emulator.setFaults([]);
    },
  };
  return emulator;
}
