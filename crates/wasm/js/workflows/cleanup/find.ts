// findCleanupCandidates: the account's own images that nothing appears to need, each with why,
// and the ones kept, each with why.

import { SharedBackoff } from '../../backoff.js';
import type { BaseClient } from '../../client.js';
import type { DescribeImagesResultImage } from '../../generated/types.js';
import { reasonOf, throwIfAborted, type FailureReason } from '../errors.js';
import { DEFAULT_CONCURRENCY, runPool } from '../pool.js';
import { judge, type Context, type PipelineBase } from './judge.js';

export interface CleanupOptions {
  regions: string[];
  /** Only images made more than this many days ago are candidates. */
  olderThanDays: number;
  /** The time ages are counted to (ms since the epoch; default now). */
  now?: number;
  signal?: AbortSignal;
  /** Regions looked at once (default 4). */
  concurrency?: number;
  /** Shared images are kept unless this is true; then they are candidates, flagged with the accounts that lose them. */
  includeShared?: boolean;
  backoff?: SharedBackoff;
}

/** An image as the clean-up sees it. */
export interface CleanupImage {
  regionId: string;
  imageId: string;
  imageName: string;
  status: string;
  creationTime: string;
  ageDays: number;
  /** '' when in no family. */
  family: string;
  /** DescribeImages' `usage`: `instance` when instances run it, `none` when none does. */
  usage: string;
  /** The snapshot storage it holds: the sum of its disks' sizes, GiB. */
  sizeGiB: number;
  /** The accounts it is shared with. */
  sharedWith: string[];
}

export interface CleanupCandidate extends CleanupImage {
  /** Why nothing appears to need it, in words. */
  reasons: string[];
  /** Set when it is shared (with `includeShared`): who loses it when it is deleted. */
  flagged?: string;
}

export interface KeptImage extends CleanupImage {
  /** Why it is kept, in words. */
  why: string[];
}

export interface CleanupReport {
  candidates: CleanupCandidate[];
  kept: KeptImage[];
  /** The candidates' snapshot storage, GiB. */
  totalSizeGiB: number;
  /** Regions that could not be looked at, with why (their images are in neither list). */
  errors: { regionId: string; error: FailureReason }[];
}

/**
 * Looks at each region (its own images of every status, its image pipelines, the share list of
 * each image it shares) and sorts the images into candidates and kept. An image is a candidate
 * when it is not in use, older than `olderThanDays`, not the newest Available image of its family,
 * not the base image of an image pipeline, not being made, and not shared (unless
 * `includeShared`). Rejects only on abort; a region's failure is listed in `errors`.
 */
export async function findCleanupCandidates(client: BaseClient, options: CleanupOptions): Promise<CleanupReport> {
  const backoff = options.backoff ?? new SharedBackoff();
  const now = options.now ?? Date.now();
  const report: CleanupReport = { candidates: [], kept: [], totalSizeGiB: 0, errors: [] };
  const regions = await runPool(options.regions, options.concurrency ?? DEFAULT_CONCURRENCY, async (regionId) => {
    try {
      return { regionId, context: await lookAt(client, regionId, { ...options, now, backoff }) };
    } catch (error) {
      return { regionId, error };
    }
  });
  throwIfAborted('findCleanupCandidates', options.signal);
  for (const result of regions) {
    if ('error' in result) report.errors.push({ regionId: result.regionId, error: reasonOf(result.error) });
    else sortInto(report, result.context);
  }
  const byAge = (a: CleanupImage, b: CleanupImage) => a.regionId.localeCompare(b.regionId) || a.creationTime.localeCompare(b.creationTime);
  report.candidates.sort(byAge);
  report.kept.sort(byAge);
  report.totalSizeGiB = report.candidates.reduce((sum, c) => sum + c.sizeGiB, 0);
  return report;
}

function sortInto(report: CleanupReport, context: Context): void {
  for (const image of context.images) {
    const verdict = judge(image, context);
    if ('why' in verdict) report.kept.push(verdict);
    else report.candidates.push(verdict);
  }
}

type Look = Required<Pick<CleanupOptions, 'now' | 'olderThanDays'>> & Pick<CleanupOptions, 'signal' | 'includeShared'> & { backoff: SharedBackoff };

/** Everything the judgement of a region's images needs, from three describe calls (one per shared image for the last). */
async function lookAt(client: BaseClient, regionId: string, look: Look): Promise<Context> {
  const options = { abortSignal: look.signal, backoff: look.backoff };
  const listed: DescribeImagesResultImage[] = [];
  for await (const image of client.paginateDescribeImages({ regionId, imageOwnerAlias: 'self', status: 'ALL' }, { ...options, pageSize: 100 }).items()) listed.push(image);
  const pipelines: PipelineBase[] = [];
  for await (const p of client.paginateDescribeImagePipelines({ regionId }, { ...options, pageSize: 500 }).items()) {
    pipelines.push({ id: p.imagePipelineId ?? '', name: p.name ?? '', type: p.baseImageType ?? '', base: p.baseImage ?? '' });
  }
  const images = await Promise.all(listed.map(async (image) => toCleanupImage(regionId, image, look.now, image.isSelfShared === 'True' ? await sharedWith(client, regionId, image.imageId ?? '', options) : [])));
  return { regionId, images, pipelines, olderThanDays: look.olderThanDays, includeShared: Boolean(look.includeShared) };
}

async function sharedWith(client: BaseClient, regionId: string, imageId: string, options: { abortSignal?: AbortSignal; backoff: SharedBackoff }): Promise<string[]> {
  const accounts: string[] = [];
  for await (const a of client.paginateDescribeImageSharePermission({ regionId, imageId }, { ...options, pageSize: 100 }).items()) accounts.push(a.aliyunId ?? '');
  return accounts;
}

const DAY_MS = 86_400_000;

function toCleanupImage(regionId: string, image: DescribeImagesResultImage, now: number, shared: string[]): CleanupImage {
  const creationTime = image.creationTime ?? '';
  const disks = image.diskDeviceMappings ?? [];
  const sizeGiB = disks.length > 0 ? disks.reduce((sum, d) => sum + (Number.parseInt(d.size ?? '0', 10) || 0), 0) : (image.size ?? 0);
  return {
    regionId,
    imageId: image.imageId ?? '',
    imageName: image.imageName ?? '',
    status: image.status ?? '',
    creationTime,
    ageDays: Math.floor((now - Date.parse(creationTime)) / DAY_MS),
    family: image.imageFamily ?? '',
    usage: image.usage ?? '',
    sizeGiB,
    sharedWith: shared,
  };
}
