// What both entry points export (each adds the EcsImageClient that knows where its wasm is).

export { EcsError } from './errors.js';
export type { EcsErrorKind, Problem } from './errors.js';
export type { PresignedRequest } from './client.js';
export { toAliyunCli, toCurl } from './render.js';
export type * from './options.js';
export type * from './generated/types.js';
export type { ExecutionTarget, ImageTarget } from './waiters.js';
