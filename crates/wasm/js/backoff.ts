// A backoff budget shared by concurrent calls: the service throttles an account, not a call, so
// when one call is throttled the others sharing the budget hold back too, rather than each
// finding out on its own and adding to the load.

import { sleep } from './retry.js';

/**
 * Give one to every call of a batch (`CallOptions.backoff`, `WaitOptions.backoff`; the workflows
 * make one per run). A throttled attempt holds every call sharing it until its wait is over, and
 * raises the shared streak that the next throttled call's wait grows from (full jitter over
 * `base * 2^(streak-1)`, as a single call's attempts); each success lowers the streak again.
 */
export class SharedBackoff {
  #resumeAt = 0;
  #streak = 0;
  #throttles = 0;
  #heldMs = 0;

  /** Throttled answers met by the calls sharing it so far. */
  get throttles(): number {
    return this.#throttles;
  }

  /** Milliseconds of holds put on the calls (each throttle's wait, overlapping ones counted once). */
  get heldMs(): number {
    return this.#heldMs;
  }

  /** The attempt number a throttled call's wait is computed from: its own, or the shared streak when that is longer. */
  attemptFor(own: number): number {
    return Math.max(own, this.#streak);
  }

  /** A call was throttled and waits `waitMs`: every call sharing the budget waits as long. */
  throttled(waitMs: number, now = Date.now()): void {
    this.#throttles++;
    this.#streak++;
    const until = now + waitMs;
    this.#heldMs += Math.max(0, until - Math.max(now, this.#resumeAt));
    this.#resumeAt = Math.max(this.#resumeAt, until);
  }

  /** A call got its answer: the streak goes down by one. */
  succeeded(): void {
    this.#streak = Math.max(0, this.#streak - 1);
  }

  /** Resolves when no hold is in force (at once when none is); rejects with the signal's reason on abort. */
  async ready(signal?: AbortSignal): Promise<void> {
    for (let left = this.#resumeAt - Date.now(); left > 0; left = this.#resumeAt - Date.now()) {
      await sleep(left, signal);
    }
  }
}
