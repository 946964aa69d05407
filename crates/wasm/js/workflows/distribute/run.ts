// distributeImage: carries out a plan (or resumes a saved state): per destination, the copy (its
// ClientToken from the plan), the wait until Available, a share per account, the family; regions
// side by side, cells failing alone; an abort cancels the copies in flight.

import { SharedBackoff } from '../../backoff.js';
import type { BaseClient } from '../../client.js';
import { EcsError } from '../../errors.js';
import type { WaitOptions } from '../../options.js';
import { isAbort, reasonOf } from '../errors.js';
import { DEFAULT_CONCURRENCY, runPool } from '../pool.js';
import { copyRequest, type DistributionPlan, type DistributionStep } from './plan.js';
import { abandonCopy, cellOf, initialState, overall, type DistributionRegion, type DistributionState } from './state.js';

export interface DistributeOptions {
  /** Called with a copy of the state after every change (save it to resume). */
  onProgress?: (state: DistributionState) => void;
  /** Stops every step; copies in flight are cancelled (CancelCopyImage). */
  signal?: AbortSignal;
  /** Destination regions worked on at once (default 4). */
  concurrency?: number;
  /** Shared by every call (default: one for this run). */
  backoff?: SharedBackoff;
  /** How the copies are waited for (`waitForImageAvailable`'s options; defaults: 2 s growing to 30 s, for up to 6 hours). */
  wait?: Pick<WaitOptions, 'minDelayMs' | 'maxDelayMs' | 'maxWaitMs'>;
}

/** What one run shares: the client, the state it changes, how it reports and stops. */
interface Run {
  client: BaseClient;
  state: DistributionState;
  options: DistributeOptions;
  backoff: SharedBackoff;
  emit: () => void;
}

/**
 * Runs a plan, or resumes a state a run reported: cells done are skipped; cells pending, cancelled
 * or left running (a crashed run) are carried out; failed cells stay failed until
 * `retryDistributionCell` makes them pending. Resolves with the final state (never rejects for a
 * cell's failure; the cell says why).
 */
export async function distributeImage(client: BaseClient, planOrState: DistributionPlan | DistributionState, options: DistributeOptions = {}): Promise<DistributionState> {
  const state: DistributionState = 'plan' in planOrState ? structuredClone(planOrState) : initialState(planOrState);
  for (const cell of state.regions.flatMap((r) => r.cells)) if (cell.status === 'running') cell.status = 'pending';
  const run: Run = { client, state, options, backoff: options.backoff ?? new SharedBackoff(), emit: () => report(run) };
  state.status = 'running';
  run.emit();
  await runPool(state.regions, options.concurrency ?? DEFAULT_CONCURRENCY, (region) => runRegion(run, region));
  if (options.signal?.aborted) await cancelCopies(run);
  state.status = overall(state, Boolean(options.signal?.aborted));
  run.emit();
  return structuredClone(state);
}

function report(run: Run): void {
  run.state.updatedAt = new Date().toISOString();
  run.options.onProgress?.(structuredClone(run.state));
}

/** One destination's steps in order; a step that does not end done stops the ones after the copy's wait. */
async function runRegion(run: Run, region: DistributionRegion): Promise<void> {
  if (!(await step(run, region, 'copy', () => copy(run, region)))) return;
  if (!(await step(run, region, 'wait', () => waitFor(run, region)))) return;
  const imageId = region.imageId as string;
  for (const account of run.state.plan.shareWith) {
    await step(run, region, `share:${account}`, () => call(run, 'ModifyImageSharePermission', { regionId: region.regionId, imageId, addAccount: [account] }));
  }
  const family = run.state.plan.family;
  if (family) await step(run, region, 'family', () => call(run, 'ModifyImageAttribute', { regionId: region.regionId, imageId, imageFamily: family }));
}

/** Runs a cell unless it is done or failed: running, then done or failed with the reason (back to pending on abort). */
async function step(run: Run, region: DistributionRegion, name: DistributionStep, work: () => Promise<unknown>): Promise<boolean> {
  const cell = cellOf(region, name);
  if (cell.status === 'done') return true;
  if (cell.status === 'failed' || run.options.signal?.aborted) return false;
  Object.assign(cell, { status: 'running', percent: 0 });
  run.emit();
  try {
    await work();
    Object.assign(cell, { status: 'done', percent: 100 });
    run.emit();
    return true;
  } catch (error) {
    if (isAbort(error, run.options.signal)) cell.status = 'pending';
    else Object.assign(cell, { status: 'failed', error: reasonOf(error) });
    run.emit();
    return false;
  }
}

/** A call of the run: counted, with the run's backoff, and its signal unless `stoppable` is false (the cancels after an abort). */
async function call(run: Run, action: 'CopyImage' | 'ModifyImageSharePermission' | 'ModifyImageAttribute' | 'CancelCopyImage', request: object, stoppable = true) {
  run.state.calls++;
  return run.client.call(action, request, { abortSignal: stoppable ? run.options.signal : undefined, backoff: run.backoff });
}

async function copy(run: Run, region: DistributionRegion): Promise<void> {
  const destination = run.state.plan.destinations.find((d) => d.regionId === region.regionId);
  const answer = await call(run, 'CopyImage', copyRequest(run.state.plan, destination!, region.cancelledCopies));
  region.imageId = String(answer.imageId);
}

async function waitFor(run: Run, region: DistributionRegion): Promise<void> {
  const cell = cellOf(region, 'wait');
  const { minDelayMs = 2_000, maxDelayMs = 30_000, maxWaitMs = 6 * 3600_000 } = run.options.wait ?? {};
  // Each poll is a call, counted as it reports.
  await run.client.waitForImageAvailable(
    { regionId: region.regionId, imageId: region.imageId as string },
    {
      abortSignal: run.options.signal,
      backoff: run.backoff,
      minDelayMs,
      maxDelayMs,
      maxWaitMs,
      onProgress: ({ percent }) => {
        run.state.calls++;
        cell.percent = percent;
        run.emit();
      },
    },
  );
}

/**
 * After an abort: CancelCopyImage for every copy not yet Available (sent without the aborted
 * signal). A cancelled copy's cells say so, and a resumed run copies again under a new token; a
 * copy that finished meanwhile is kept (its wait resumes).
 */
async function cancelCopies(run: Run): Promise<void> {
  const inFlight = run.state.regions.filter((r) => r.imageId && cellOf(r, 'wait').status !== 'done');
  await runPool(inFlight, run.options.concurrency ?? DEFAULT_CONCURRENCY, async (region) => {
    const imageId = region.imageId as string;
    try {
      await call(run, 'CancelCopyImage', { regionId: region.regionId, imageId }, false);
      abandonCopy(region, 'cancelled', `the copy ${imageId} was cancelled (CancelCopyImage) when the run was stopped`);
    } catch (error) {
      const why = reasonOf(error);
      const finished = error instanceof EcsError && error.code === 'IncorrectImageStatus';
      cellOf(region, 'wait').note = finished ? `the copy ${imageId} finished before it could be cancelled` : `cancelling the copy ${imageId} failed: ${why.message}`;
    }
    run.emit();
  });
}
