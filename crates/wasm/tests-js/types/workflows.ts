// Type-checked, never run (types.test.mjs): the workflows' functions and every type they take,
// report and export, with `@ts-expect-error` lines for what must not compile.

import {
  EcsError,
  EcsImageClient,
  SharedBackoff,
  deleteImages,
  deletionReportCsv,
  deletionReportJson,
  distributeImage,
  distributionSummaryCsv,
  distributionSummaryJson,
  findCleanupCandidates,
  listImagesEverywhere,
  planDistribution,
  retryDistributionCell,
  summarizeDistribution,
  type CellStatus,
  type CleanupCandidate,
  type CleanupReport,
  type DeletionReport,
  type DeletionStatus,
  type DistributionCell,
  type DistributionPlan,
  type DistributionState,
  type DistributionStep,
  type DistributionSummaryRow,
  type FailureReason,
  type KeptImage,
  type PlannedCall,
  type RegionImages,
  type RegionPage,
} from 'ecsimg';

const client = new EcsImageClient({ regionId: 'cn-hangzhou', credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });

export async function inventory(): Promise<number> {
  let count = 0;
  const backoff = new SharedBackoff();
  const onPage = (page: RegionPage): void => void [page.regionId.length, page.images[0]?.imageId, page.totalCount];
  for await (const result of listImagesEverywhere(client, { regions: ['cn-hangzhou'], imageOwnerAlias: 'self', status: 'ALL', concurrency: 2, backoff, onPage })) {
    const r: RegionImages = result;
    if ('error' in r) {
      const error: EcsError = r.error;
      void error.code;
    } else {
      count += r.images.filter((i) => i.usage === 'none').length;
    }
  }
  // @ts-expect-error: not one of ImageOwnerAlias' values
  listImagesEverywhere(client, { regions: [], imageOwnerAlias: 'mine' });
  // @ts-expect-error: the regions are required
  listImagesEverywhere(client, { imageOwnerAlias: 'self' });
  return count + backoff.throttles + backoff.heldMs;
}

export async function distribution(signal: AbortSignal): Promise<string> {
  const plan: DistributionPlan = planDistribution({
    sourceRegionId: 'cn-hangzhou',
    imageId: 'm-1',
    destinations: [{ regionId: 'cn-shanghai', imageName: 'golden', encrypted: true, kmsKeyId: 'k' }],
    shareWith: ['1234'],
    family: 'golden',
  });
  const calls: PlannedCall[] = plan.calls;
  const step: DistributionStep = calls[0].step;
  const saved: DistributionState[] = [];
  let state = await distributeImage(client, plan, { onProgress: (s) => saved.push(s), signal, concurrency: 2, wait: { minDelayMs: 100 } });
  state = await distributeImage(client, state);
  const cell: DistributionCell = state.regions[0].cells[0];
  const status: CellStatus = cell.status;
  const reason: FailureReason | undefined = cell.error;
  state = retryDistributionCell(state, 'cn-shanghai', 'share:1234');
  const rows: DistributionSummaryRow[] = summarizeDistribution(state);
  // @ts-expect-error: not a step
  retryDistributionCell(state, 'cn-shanghai', 'sharing');
  // @ts-expect-error: a destination needs its region
  planDistribution({ sourceRegionId: 'cn-hangzhou', imageId: 'm-1', destinations: [{ imageName: 'x' }] });
  return [step, status, reason?.message, rows[0].imageId, distributionSummaryCsv(state), distributionSummaryJson(state)].join();
}

export async function cleanup(): Promise<string> {
  const report: CleanupReport = await findCleanupCandidates(client, { regions: ['cn-hangzhou'], olderThanDays: 90, includeShared: false, now: Date.now() });
  const candidates: CleanupCandidate[] = report.candidates;
  const kept: KeptImage[] = report.kept;
  const check: DeletionReport = await deleteImages(client, candidates, { onProgress: (r) => void r.count });
  const done = await deleteImages(client, check.items.filter((i) => i.status === 'would-delete'), { confirmed: true });
  const status: DeletionStatus = done.items[0].status;
  // @ts-expect-error: olderThanDays is required
  await findCleanupCandidates(client, { regions: ['cn-hangzhou'] });
  // @ts-expect-error: a target needs its image ID
  await deleteImages(client, [{ regionId: 'cn-hangzhou' }]);
  return [kept[0].why.join(), report.totalSizeGiB, status, deletionReportCsv(done), deletionReportJson(done)].join();
}
