// Starts the console. The npm package's client does the calling (retries, paginators, waiters,
// presigning) on the core compiled into the console's own wasm, so the page carries one copy of
// ecsimg-core and the package's wasm is never fetched. An external module: the CSP allows no
// inline script.
import {
  BaseClient,
  deleteImages,
  deletionReportCsv,
  deletionReportJson,
  distributeImage,
  distributionSummaryCsv,
  distributionSummaryJson,
  EcsError,
  findCleanupCandidates,
  listImagesEverywhere,
  planDistribution,
  retryDistributionCell,
  summarizeDistribution,
  toAliyunCli,
  toCurl,
} from './ecsimg/index.js';
import init, { decode, sign, validate } from './ecsimg-console.js';
import { resetSandbox, sandboxFetch, warmSandbox } from './sandbox.js';

const core = { decode, sign, validate };

class EcsImageClient extends BaseClient {
  constructor(options) {
    super(options, async () => core);
  }
}

// The workflows (every region's images, distribute, clean up) are the package's own: the console
// runs them, never a copy.
const workflows = {
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
};
globalThis.ecsimg = { EcsImageClient, EcsError, resetSandbox, sandboxFetch, toAliyunCli, toCurl, warmSandbox, ...workflows };
await init({ module_or_path: new URL('./ecsimg-console_bg.wasm', import.meta.url) });
