// Waiters: poll until an image or a pipeline execution gets where the caller wants it, as the
// generated WAITERS table (the catalogue's) says.

import { EcsError } from './errors.js';
import { NOT_FOUND, WAITERS } from './generated/operations.js';
import type { WaiterMethods } from './generated/types.js';
import type { LifecycleInfo, WaiterInfo } from './operation.js';
import type { CallOptions, WaitOptions } from './options.js';
import { sleep } from './retry.js';

export type { ExecutionTarget, ImageTarget } from './generated/types.js';

type Item = Record<string, unknown>;

/** What one poll saw. */
export interface Probe {
  status: string;
  percent: number;
  outcome: 'done' | 'failed' | 'waiting';
  value?: Item;
}

/** What a poll concludes from the first item of the describe call's answer, or from its finding none. */
export function probe({ lifecycle, until }: WaiterInfo, item: Item | undefined): Probe {
  const gone = until === 'gone';
  if (!item) return { status: NOT_FOUND, percent: gone ? 100 : 0, outcome: gone ? 'done' : 'waiting' };
  const status = String(item[lifecycle.status]);
  if (gone) return { status, percent: 0, outcome: 'waiting' };
  const outcome = lifecycle.done.includes(status) ? 'done' : lifecycle.failed.includes(status) ? 'failed' : 'waiting';
  return { status, percent: outcome === 'done' ? 100 : percentOf(lifecycle, item, status), outcome, value: item };
}

/** From the item's percentage field (`"42%"`), or the lifecycle's table by status; 0 otherwise. */
function percentOf({ percent }: LifecycleInfo, item: Item, status: string): number {
  if (typeof percent !== 'string') return percent[status] ?? 0;
  return Number.parseInt(String(item[percent] ?? '0'), 10) || 0;
}

export interface Waiters extends WaiterMethods {}

/** One method per waiter of the generated table (`waitFor...`). */
export abstract class Waiters {
  protected abstract invoke(action: string, request: object, options?: CallOptions): Promise<Record<string, unknown>>;

  static {
    for (const [name, waiter] of Object.entries(WAITERS)) {
      Object.defineProperty(Waiters.prototype, name, {
        value: function (this: Waiters, target: object, options?: WaitOptions) {
          const { describe, request, items } = waiter.lifecycle;
          return poll(name, options, async () => {
            const page = await this.invoke(describe, { ...target, ...request }, { abortSignal: options?.abortSignal, backoff: options?.backoff });
            return probe(waiter, (page[items] as Item[] | undefined)?.[0]);
          });
        },
        writable: true,
        configurable: true,
      });
    }
  }
}

/** Polls with growing delays until a look is done (resolves) or failed, or the wait runs out. */
async function poll(name: string, options: WaitOptions = {}, look: () => Promise<Probe>): Promise<Item | undefined> {
  const { abortSignal, maxWaitMs = 30 * 60_000, minDelayMs = 2_000, maxDelayMs = 30_000, onProgress } = options;
  const started = Date.now();
  let delay = minDelayMs;
  for (;;) {
    const seen = await look();
    onProgress?.({ status: seen.status, percent: seen.percent, elapsedMs: Date.now() - started });
    if (seen.outcome === 'done') return seen.value;
    if (seen.outcome === 'failed') {
      throw new EcsError({ kind: 'waiter', code: seen.status, message: `${name}: reached ${seen.status}` });
    }
    const left = started + maxWaitMs - Date.now();
    if (left <= 0) {
      throw new EcsError({ kind: 'timeout', code: seen.status, message: `${name}: still ${seen.status} after ${maxWaitMs} ms` });
    }
    try {
      await sleep(Math.min(delay, left), abortSignal);
    } catch (cause) {
      throw new EcsError({ kind: 'aborted', message: `${name}: aborted`, cause });
    }
    delay = Math.min(maxDelayMs, Math.ceil(delay * 1.5));
  }
}
