// Waiters: poll until an image or a pipeline execution reaches where the caller wants it.

import { EcsError } from './errors.js';
import type { DescribeImagePipelineExecutionsResultImagePipelineExecutionSet as Execution, DescribeImagesResultImage as Image } from './generated/types.js';
import type { CallOptions, WaitOptions } from './options.js';
import { sleep } from './retry.js';

/** Every image status, so that a poll sees the image whatever its state (the default is only Available). */
const ANY_STATUS = 'Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated';

/** How far along an execution is, by status. */
const EXECUTION_PERCENT: Record<string, number> = {
  PREPARING: 10, BUILDING: 30, TESTING: 60, DISTRIBUTING: 80, RELEASING: 95, SUCCESS: 100, CANCELLING: 100,
};

interface Probe<T> {
  status: string;
  percent: number;
  outcome: 'done' | 'failed' | 'waiting';
  value?: T;
}

export interface ImageTarget {
  /** The image's region (for a copy: the destination region). Default: the client's. */
  regionId?: string;
  imageId: string;
}

export interface ExecutionTarget {
  regionId?: string;
  executionId: string;
}

export abstract class Waiters {
  protected abstract invoke(action: string, request: object, options?: CallOptions): Promise<Record<string, unknown>>;

  /** Until the image is Available; fails on CreateFailed or UnAvailable. */
  waitForImageAvailable(target: ImageTarget, options?: WaitOptions): Promise<Image> {
    return this.#waitForImage('waitForImageAvailable', target, options);
  }

  /** Until a copy is Available in its destination region (`regionId` is the destination). */
  waitForImageCopied(target: ImageTarget & { regionId: string }, options?: WaitOptions): Promise<Image> {
    return this.#waitForImage('waitForImageCopied', target, options);
  }

  /** Until an imported image is Available. */
  waitForImageImported(target: ImageTarget, options?: WaitOptions): Promise<Image> {
    return this.#waitForImage('waitForImageImported', target, options);
  }

  /** Until the image no longer exists. */
  async waitForImageDeleted(target: ImageTarget, options?: WaitOptions): Promise<void> {
    await poll('waitForImageDeleted', options, async () => {
      const image = await this.#describeImage(target, options);
      if (!image) return { status: 'NotFound', percent: 100, outcome: 'done' };
      return { status: String(image.status), percent: 0, outcome: 'waiting' };
    });
  }

  /** Until the execution succeeds; fails on FAILED, TEST_FAILED or CANCELLED. */
  waitForPipelineExecution(target: ExecutionTarget, options?: WaitOptions): Promise<Execution> {
    return poll('waitForPipelineExecution', options, async () => {
      const page = await this.invoke('DescribeImagePipelineExecutions', { ...target }, { abortSignal: options?.abortSignal });
      const execution = (page.imagePipelineExecution as Execution[] | undefined)?.[0];
      if (!execution) return { status: 'NotFound', percent: 0, outcome: 'waiting' };
      const status = String(execution.status);
      const outcome = status === 'SUCCESS' ? 'done' : ['FAILED', 'TEST_FAILED', 'CANCELLED'].includes(status) ? 'failed' : 'waiting';
      return { status, percent: EXECUTION_PERCENT[status] ?? 0, outcome, value: execution };
    });
  }

  #waitForImage(name: string, target: ImageTarget, options?: WaitOptions): Promise<Image> {
    return poll(name, options, async () => {
      const image = await this.#describeImage(target, options);
      if (!image) return { status: 'NotFound', percent: 0, outcome: 'waiting' };
      const status = String(image.status);
      const outcome = status === 'Available' || status === 'Deprecated' ? 'done' : status === 'CreateFailed' || status === 'UnAvailable' ? 'failed' : 'waiting';
      const percent = outcome === 'done' ? 100 : Number.parseInt(String(image.progress ?? '0'), 10) || 0;
      return { status, percent, outcome, value: image };
    });
  }

  async #describeImage(target: ImageTarget, options?: WaitOptions): Promise<Image | undefined> {
    const page = await this.invoke('DescribeImages', { ...target, status: ANY_STATUS }, { abortSignal: options?.abortSignal });
    return (page.images as Image[] | undefined)?.[0];
  }
}

/** Polls with growing delays until the probe is done (resolves) or failed, or the wait runs out. */
async function poll<T>(name: string, options: WaitOptions = {}, probe: () => Promise<Probe<T>>): Promise<T> {
  const { abortSignal, maxWaitMs = 30 * 60_000, minDelayMs = 2_000, maxDelayMs = 30_000, onProgress } = options;
  const started = Date.now();
  let delay = minDelayMs;
  for (;;) {
    const seen = await probe();
    onProgress?.({ status: seen.status, percent: seen.percent, elapsedMs: Date.now() - started });
    if (seen.outcome === 'done') return seen.value as T;
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
