// The long-running children the tests talk to, one JSON object per line each way: our presign
// example and the independent V3 verifier.

import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './catalogue.mjs';

export class LineProcess {
  #child;
  #pending = [];
  #exited = null;

  constructor(command, args, what) {
    this.#child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const next = this.#pending.shift();
      try {
        next?.resolve(JSON.parse(line));
      } catch {
        next?.reject(new Error(`${what} answered a line that is not JSON: ${line}`));
      }
    });
    const fail = (why) => {
      this.#exited = new Error(`${what} (${command}) ${why}`);
      for (const next of this.#pending.splice(0)) next.reject(this.#exited);
    };
    this.#child.on('error', (e) => fail(`could not run: ${e.message}`));
    this.#child.on('exit', (code, signal) => fail(`exited (${signal ?? code})`));
  }

  /** Sends one object and resolves with the answer line; answers come back in order. */
  ask(message) {
    if (this.#exited) return Promise.reject(this.#exited);
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.#child.stdin.write(`${JSON.stringify(message)}\n`);
    });
  }

  close() {
    this.#child.stdin.end();
  }
}

/** Builds the presign example once, then keeps one child running for every request. */
export function startPresign() {
  const build = spawnSync('cargo', ['build', '-q', '-p', 'ecsimg-core', '--example', 'presign'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('cargo build -p ecsimg-core --example presign failed');
  const target = resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
  return new LineProcess(resolve(target, 'debug', 'examples', 'presign'), [], 'the presign example');
}

export function startVerifier() {
  return new LineProcess('python3', [resolve(REPO_ROOT, 'tests/conformance/v3-verifier.py')], 'the V3 verifier');
}
