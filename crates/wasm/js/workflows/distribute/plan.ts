// A distribution's plan: every call it will make, worked out before anything is sent, and the
// ClientToken of each copy, derived from the plan so that running it again never copies twice.

import { EcsError } from '../../errors.js';

/** Where one copy goes, and what it is called there. */
export interface DistributionDestination {
  regionId: string;
  /** The copy's name (default: the service's, its ID). */
  imageName?: string;
  description?: string;
  /** Encrypt the copy's snapshots (with `kmsKeyId`, that key of the destination region's). */
  encrypted?: boolean;
  kmsKeyId?: string;
}

/** What to distribute: an image, the regions it goes to, the accounts each copy is shared with. */
export interface DistributionRequest {
  sourceRegionId: string;
  imageId: string;
  destinations: DistributionDestination[];
  /** Account IDs each copy is shared with once it is Available. */
  shareWith?: string[];
  /** An image family each copy is put in. */
  family?: string;
  /**
   * The plan's ID, which every copy's ClientToken derives from. Default: a hash of the request, so
   * the same request is the same plan (the service remembers a ClientToken for a day).
   */
  id?: string;
}

/** A step of a destination: the copy, the wait for it, a share with one account, the family. */
export type DistributionStep = 'copy' | 'wait' | `share:${string}` | 'family';

/** One call the plan makes (`wait`: DescribeImages, polled until the copy is Available). */
export interface PlannedCall {
  regionId: string;
  step: DistributionStep;
  action: 'CopyImage' | 'DescribeImages' | 'ModifyImageSharePermission' | 'ModifyImageAttribute';
  /** The request; `imageId` of the calls after the copy is the copy's, known once CopyImage answers. */
  request: Record<string, unknown>;
}

export interface DistributionPlan {
  id: string;
  sourceRegionId: string;
  imageId: string;
  destinations: DistributionDestination[];
  shareWith: string[];
  family?: string;
  calls: PlannedCall[];
}

/** Stands for the copy's ID in a planned call's request. */
export const COPY_ID = '(the copy)';

/**
 * The plan of a distribution (pure: nothing is sent). Refuses no destination, a region given
 * twice, and an account given twice; the calls themselves are checked when they are made.
 */
export function planDistribution(request: DistributionRequest): DistributionPlan {
  const problem = planProblem(request);
  if (problem) throw new EcsError({ kind: 'validation', message: `planDistribution: ${problem}` });
  const shareWith = [...(request.shareWith ?? [])];
  const destinations = request.destinations.map((d) => ({ ...d }));
  const base = { sourceRegionId: request.sourceRegionId, imageId: request.imageId, destinations, shareWith, ...(request.family ? { family: request.family } : {}) };
  const id = request.id ?? hash(JSON.stringify(base));
  const plan: DistributionPlan = { id, ...base, calls: [] };
  plan.calls = destinations.flatMap((d) => callsOf(plan, d));
  return plan;
}

function planProblem({ sourceRegionId, imageId, destinations, shareWith = [] }: DistributionRequest): string | undefined {
  if (!sourceRegionId || !imageId) return 'sourceRegionId and imageId are required';
  if (!destinations?.length) return 'destinations must name at least one region';
  const regions = destinations.map((d) => d.regionId);
  const twice = regions.find((r, i) => regions.indexOf(r) !== i);
  if (twice) return `destinations name ${twice} twice`;
  const account = shareWith.find((a, i) => shareWith.indexOf(a) !== i);
  return account ? `shareWith names ${account} twice` : undefined;
}

/** The calls of one destination, in their order. */
function callsOf(plan: DistributionPlan, d: DistributionDestination): PlannedCall[] {
  const at = { regionId: d.regionId, imageId: COPY_ID };
  const calls: PlannedCall[] = [
    { regionId: d.regionId, step: 'copy', action: 'CopyImage', request: copyRequest(plan, d, 0) },
    { regionId: d.regionId, step: 'wait', action: 'DescribeImages', request: { ...at, status: 'ALL' } },
    ...plan.shareWith.map((account): PlannedCall => ({ regionId: d.regionId, step: `share:${account}`, action: 'ModifyImageSharePermission', request: { ...at, addAccount: [account] } })),
  ];
  if (plan.family) calls.push({ regionId: d.regionId, step: 'family', action: 'ModifyImageAttribute', request: { ...at, imageFamily: plan.family } });
  return calls;
}

/** CopyImage's request for a destination; `generation` counts the copies cancelled before (each needs a token of its own). */
export function copyRequest(plan: DistributionPlan, d: DistributionDestination, generation: number): Record<string, unknown> {
  const request: Record<string, unknown> = {
    regionId: plan.sourceRegionId,
    imageId: plan.imageId,
    destinationRegionId: d.regionId,
    clientToken: copyToken(plan.id, d.regionId, generation),
  };
  if (d.imageName !== undefined) request.destinationImageName = d.imageName;
  if (d.description !== undefined) request.destinationDescription = d.description;
  if (d.encrypted !== undefined) request.encrypted = d.encrypted;
  if (d.kmsKeyId !== undefined) request.KMSKeyId = d.kmsKeyId;
  return request;
}

/** `ecsimg-<plan>-<region>`, then `-2`, `-3`... after a cancelled copy (ASCII, at most 64 characters). */
export function copyToken(planId: string, regionId: string, generation: number): string {
  return `ecsimg-${hash(planId)}-${regionId}${generation > 0 ? `-${generation + 1}` : ''}`.slice(0, 64);
}

/** 16 hex digits of two FNV-1a hashes of `text` (not for security: a stable name). */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
