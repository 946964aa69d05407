// The end of a distribution in a few columns: per region the new image, who it is shared with,
// what failed; as rows, CSV or JSON.

import { toCsv, toJson } from '../export.js';
import { cellOf, type DistributionState } from './state.js';

export interface DistributionSummaryRow {
  regionId: string;
  /** The copy's ID ('' when there is none). */
  imageId: string;
  /** done when every step of the region is done; else failed, cancelled or pending. */
  status: 'done' | 'failed' | 'cancelled' | 'pending';
  /** The accounts the copy is shared with. */
  sharedWith: string[];
  /** The family it was put in ('' when none). */
  family: string;
  /** `step: reason` of each failed step. */
  failures: string[];
}

export function summarizeDistribution(state: DistributionState): DistributionSummaryRow[] {
  return state.regions.map((region) => {
    const statuses = region.cells.map((c) => c.status);
    const status = statuses.every((s) => s === 'done') ? 'done' : statuses.includes('failed') ? 'failed' : statuses.includes('cancelled') ? 'cancelled' : 'pending';
    const sharedWith = state.plan.shareWith.filter((a) => cellOf(region, `share:${a}`).status === 'done');
    const family = state.plan.family && cellOf(region, 'family').status === 'done' ? state.plan.family : '';
    const failures = region.cells.filter((c) => c.status === 'failed').map((c) => `${c.step}: ${c.error?.code ?? c.error?.kind}: ${c.error?.message}`);
    return { regionId: region.regionId, imageId: region.imageId ?? '', status, sharedWith, family, failures };
  });
}

const COLUMNS = ['regionId', 'imageId', 'status', 'sharedWith', 'family', 'failures'] as const;

/** The summary as CSV (lists joined by spaces). */
export function distributionSummaryCsv(state: DistributionState): string {
  return toCsv(summarizeDistribution(state), COLUMNS);
}

/** The summary as JSON text. */
export function distributionSummaryJson(state: DistributionState): string {
  return toJson(summarizeDistribution(state));
}
