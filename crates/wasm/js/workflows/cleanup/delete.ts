// deleteImages: the deletion runner, in two phases. First (the default) DeleteImage with DryRun
// for each image, which deletes nothing and says what would fail; then, called again with
// `confirmed: true`, the deletions, each at most once.

import { SharedBackoff } from '../../backoff.js';
import type { BaseClient } from '../../client.js';
import { EcsError } from '../../errors.js';
import { toCsv, toJson } from '../export.js';
import { isAbort, reasonOf, throwIfAborted, type FailureReason } from '../errors.js';
import { DEFAULT_CONCURRENCY, runPool } from '../pool.js';

/**
 * pending; would-delete / would-fail (the check's answers); deleting (asked, no answer yet: a
 * resumed run asks again, and "not found" then means it was deleted); deleted; failed.
 */
export type DeletionStatus = 'pending' | 'would-delete' | 'would-fail' | 'deleting' | 'deleted' | 'failed';

export interface DeletionItem {
  regionId: string;
  imageId: string;
  imageName: string;
  sizeGiB: number;
  status: DeletionStatus;
  reason?: FailureReason;
  note?: string;
}

export interface DeletionReport {
  /** `check`: the DryRun answers; `delete`: the deletions. */
  phase: 'check' | 'delete';
  items: DeletionItem[];
  /** Images that would be deleted (check) or were deleted (delete), and their snapshot storage, GiB. */
  count: number;
  totalSizeGiB: number;
}

/**
 * What to delete: candidates, or the items of an earlier report. A `status` of `deleted` is not
 * asked again, `deleting` (asked, no answer) is asked again; any other (an image's) is pending.
 */
export type DeletionTarget = Pick<DeletionItem, 'regionId' | 'imageId'> & Partial<Pick<DeletionItem, 'imageName' | 'sizeGiB' | 'note'>> & { status?: string };

export interface DeleteImagesOptions {
  /** false (the default): only the DryRun check. true: delete. */
  confirmed?: boolean;
  /** Called with a copy of the report after every change (save it to resume). */
  onProgress?: (report: DeletionReport) => void;
  signal?: AbortSignal;
  /** Deletions at once (default 4). */
  concurrency?: number;
  backoff?: SharedBackoff;
}

/**
 * Checks (`confirmed` false) or deletes (`confirmed` true) each image. The check sends DeleteImage
 * with `dryRun: true`: `DryRunOperation` means it would succeed (would-delete), any other error
 * says why it would fail. The deletion skips what is already deleted, counts an answer lost and
 * retried into "not found" as deleted (the client's retries; also across runs for items left
 * `deleting`), and fails an item alone with the reason. Rejects only on abort, after reporting.
 */
export async function deleteImages(client: BaseClient, targets: DeletionTarget[], options: DeleteImagesOptions = {}): Promise<DeletionReport> {
  const phase = options.confirmed ? 'delete' : 'check';
  const report: DeletionReport = { phase, items: targets.map(toItem), count: 0, totalSizeGiB: 0 };
  const backoff = options.backoff ?? new SharedBackoff();
  const emit = () => {
    tally(report);
    options.onProgress?.(structuredClone(report));
  };
  const work = phase === 'check' ? check : remove;
  await runPool(report.items, options.concurrency ?? DEFAULT_CONCURRENCY, async (item) => {
    if (item.status === 'deleted' || options.signal?.aborted) return;
    await work(client, item, { abortSignal: options.signal, backoff }, emit);
  });
  emit();
  throwIfAborted('deleteImages', options.signal);
  return structuredClone(report);
}

function toItem(t: DeletionTarget): DeletionItem {
  const status = t.status === 'deleted' || t.status === 'deleting' ? t.status : 'pending';
  return { regionId: t.regionId, imageId: t.imageId, imageName: t.imageName ?? '', sizeGiB: t.sizeGiB ?? 0, status, ...(t.note ? { note: t.note } : {}) };
}

function tally(report: DeletionReport): void {
  const counted = report.items.filter((i) => i.status === (report.phase === 'check' ? 'would-delete' : 'deleted'));
  report.count = counted.length;
  report.totalSizeGiB = counted.reduce((sum, i) => sum + i.sizeGiB, 0);
}

type Options = { abortSignal?: AbortSignal; backoff: SharedBackoff };

async function check(client: BaseClient, item: DeletionItem, options: Options, emit: () => void): Promise<void> {
  try {
    await client.deleteImage({ regionId: item.regionId, imageId: item.imageId, dryRun: true }, options);
    // A service that ignored DryRun deleted it: say so rather than hide it.
    Object.assign(item, { status: 'deleted', note: 'DeleteImage ignored DryRun: the image was deleted' });
  } catch (error) {
    if (isAbort(error, options.abortSignal)) return;
    if (error instanceof EcsError && error.code === 'DryRunOperation') item.status = 'would-delete';
    else Object.assign(item, { status: 'would-fail', reason: reasonOf(error) });
  }
  emit();
}

async function remove(client: BaseClient, item: DeletionItem, options: Options, emit: () => void): Promise<void> {
  const askedBefore = item.status === 'deleting';
  item.status = 'deleting';
  emit();
  try {
    const answer = await client.deleteImage({ regionId: item.regionId, imageId: item.imageId }, options);
    Object.assign(item, { status: 'deleted', ...(answer.note ? { note: answer.note } : {}) });
  } catch (error) {
    if (isAbort(error, options.abortSignal)) return;
    if (askedBefore && error instanceof EcsError && error.code === 'InvalidImageId.NotFound') {
      Object.assign(item, { status: 'deleted', note: 'an earlier run asked for the deletion and got no answer; the image is gone now' });
    } else {
      Object.assign(item, { status: 'failed', reason: reasonOf(error) });
    }
  }
  emit();
}

const COLUMNS = ['regionId', 'imageId', 'imageName', 'sizeGiB', 'status', 'reason', 'note'] as const;

function rows(report: DeletionReport) {
  return report.items.map((i) => ({ ...i, reason: i.reason ? `${i.reason.code ?? i.reason.kind}: ${i.reason.message}` : '', note: i.note ?? '' }));
}

/** The report as CSV, one line per image. */
export function deletionReportCsv(report: DeletionReport): string {
  return toCsv(rows(report), COLUMNS);
}

/** The report as JSON text (the items, reasons in words). */
export function deletionReportJson(report: DeletionReport): string {
  return toJson(rows(report));
}
