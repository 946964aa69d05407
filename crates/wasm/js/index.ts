// What both entry points export (each adds the EcsImageClient that knows where its wasm is).

export { EcsError } from './errors.js';
export type { EcsErrorKind, Problem } from './errors.js';
export type { ProblemCondition, ProblemDetail, ProblemReceived, ProblemTextRule } from './messages.js';
export type { PresignedRequest } from './client.js';
/**
 * The client over a core you provide (an application that already carries ecsimg-core in its own
 * wasm, like the ecsimg console): `new BaseClient(options, async () => ({ sign, decode, validate }))`.
 */
export { BaseClient } from './client.js';
export type { Core, CoreLoader } from './core.js';
export { toAliyunCli, toCurl } from './render.js';
export type * from './options.js';
export type * from './generated/types.js';
export type { ExecutionTarget, ImageTarget } from './waiters.js';
export { SharedBackoff } from './backoff.js';
export { listImagesEverywhere } from './workflows/inventory.js';
export type { ListImagesEverywhereOptions, RegionImages, RegionPage } from './workflows/inventory.js';
export type { FailureReason } from './workflows/errors.js';
export { planDistribution, copyToken } from './workflows/distribute/plan.js';
export type { DistributionDestination, DistributionPlan, DistributionRequest, DistributionStep, PlannedCall } from './workflows/distribute/plan.js';
export { distributeImage } from './workflows/distribute/run.js';
export type { DistributeOptions } from './workflows/distribute/run.js';
export { retryDistributionCell } from './workflows/distribute/state.js';
export type { CellStatus, DistributionCell, DistributionRegion, DistributionState, DistributionStatus } from './workflows/distribute/state.js';
export { distributionSummaryCsv, distributionSummaryJson, summarizeDistribution } from './workflows/distribute/summary.js';
export type { DistributionSummaryRow } from './workflows/distribute/summary.js';
export { findCleanupCandidates } from './workflows/cleanup/find.js';
export type { CleanupCandidate, CleanupImage, CleanupOptions, CleanupReport, KeptImage } from './workflows/cleanup/find.js';
export { deleteImages, deletionReportCsv, deletionReportJson } from './workflows/cleanup/delete.js';
export type { DeleteImagesOptions, DeletionItem, DeletionReport, DeletionStatus, DeletionTarget } from './workflows/cleanup/delete.js';
