// What both entry points export (each adds the EcsImageClient that knows where its wasm is).

export { EcsError } from './errors.js';
export type { EcsErrorKind, Problem } from './errors.js';
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
export type { ListImagesEverywhereOptions, RegionImages } from './workflows/inventory.js';
export type { FailureReason } from './workflows/errors.js';
