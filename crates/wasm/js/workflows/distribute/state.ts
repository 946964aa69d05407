// A distribution's progress: plain data (JSON-safe) that a caller saves after every change and
// hands back to resume. Per destination region: the copy's ID once known, how many copies were
// cancelled there, and a cell per step.

import { EcsError } from '../../errors.js';
import type { FailureReason } from '../errors.js';
import type { DistributionPlan, DistributionStep } from './plan.js';

/** pending (not run yet, or stopped before it finished), running, done, failed (with why), cancelled (by an abort). */
export type CellStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface DistributionCell {
  step: DistributionStep;
  status: CellStatus;
  /** 0 to 100 (the wait's from the copy's progress). */
  percent: number;
  error?: FailureReason;
  /** What happened besides, in words (a cancelled copy, a retry). */
  note?: string;
}

export interface DistributionRegion {
  regionId: string;
  /** The copy's ID, once CopyImage answered. */
  imageId?: string;
  /** Copies cancelled in this region so far: the next copy's ClientToken is a new one. */
  cancelledCopies: number;
  cells: DistributionCell[];
}

export type DistributionStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface DistributionState {
  version: 1;
  plan: DistributionPlan;
  status: DistributionStatus;
  regions: DistributionRegion[];
  /** Calls the runs made so far (waiter polls included; the client's own retries not). */
  calls: number;
  /** ISO time of the last change. */
  updatedAt: string;
}

/** The state of a plan not yet run. */
export function initialState(plan: DistributionPlan): DistributionState {
  const regions = plan.destinations.map(({ regionId }) => ({
    regionId,
    cancelledCopies: 0,
    cells: plan.calls.filter((c) => c.regionId === regionId).map((c): DistributionCell => ({ step: c.step, status: 'pending', percent: 0 })),
  }));
  return { version: 1, plan, status: 'pending', regions, calls: 0, updatedAt: new Date().toISOString() };
}

/** The region of a state, or an error naming it. */
export function regionOf(state: DistributionState, regionId: string): DistributionRegion {
  const region = state.regions.find((r) => r.regionId === regionId);
  if (!region) throw new EcsError({ kind: 'validation', message: `distribution ${state.plan.id}: no destination ${regionId}` });
  return region;
}

export function cellOf(region: DistributionRegion, step: DistributionStep): DistributionCell {
  const cell = region.cells.find((c) => c.step === step);
  if (!cell) throw new EcsError({ kind: 'validation', message: `distribution: ${region.regionId} has no step ${step}` });
  return cell;
}

/** The overall status from the cells. */
export function overall(state: DistributionState, aborted: boolean): DistributionStatus {
  const cells = state.regions.flatMap((r) => r.cells);
  if (cells.every((c) => c.status === 'done')) return 'done';
  if (aborted) return 'cancelled';
  return cells.some((c) => c.status === 'failed') ? 'failed' : 'pending';
}

/**
 * The state with one failed (or cancelled) cell made pending again, for the next
 * `distributeImage` run to try. Retrying the wait for a copy that failed (CreateFailed) makes a
 * new copy: the copy's cell too is pending again, with a new ClientToken.
 */
export function retryDistributionCell(state: DistributionState, regionId: string, step: DistributionStep): DistributionState {
  const next: DistributionState = structuredClone(state);
  const region = regionOf(next, regionId);
  const cell = cellOf(region, step);
  if (cell.status !== 'failed' && cell.status !== 'cancelled') {
    throw new EcsError({ kind: 'validation', message: `distribution: ${regionId} ${step} is ${cell.status}, not failed` });
  }
  if (step === 'wait' && cell.error?.kind === 'waiter') {
    abandonCopy(region, 'pending', `the copy ${region.imageId} failed (${cell.error.code}); retried with a new copy`);
  }
  delete cell.error;
  Object.assign(cell, { status: 'pending', percent: 0 });
  return next;
}

/**
 * Forgets a copy that is gone (cancelled or failed), its copy and wait cells put in `status`: the
 * next run makes a new one under a new token.
 */
export function abandonCopy(region: DistributionRegion, status: CellStatus, note: string): void {
  region.cancelledCopies++;
  delete region.imageId;
  for (const step of ['copy', 'wait'] as const) {
    const cell = cellOf(region, step);
    delete cell.error;
    Object.assign(cell, { status, percent: 0, note });
  }
}
