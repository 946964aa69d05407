// A failure as the workflows keep it: plain data (JSON-safe, no stack, no cause), in words.

import { EcsError } from '../errors.js';

/** Why a step failed: the error's kind, the service's code if any, and its message. */
export interface FailureReason {
  kind: string;
  code?: string;
  message: string;
}

export function reasonOf(error: unknown): FailureReason {
  if (error instanceof EcsError) return { kind: error.kind, ...(error.code ? { code: error.code } : {}), message: error.message };
  return { kind: 'internal', message: String((error as Error)?.message ?? error) };
}

/** Ends a workflow stopped by its signal with an `EcsError` of kind `aborted`, as the client's calls end. */
export function throwIfAborted(workflow: string, signal?: AbortSignal): void {
  if (signal?.aborted) throw new EcsError({ kind: 'aborted', message: `${workflow}: aborted`, cause: signal.reason });
}

/** Whether a failure is the caller's abort (not the service's or the network's). */
export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) && (error instanceof EcsError ? error.kind === 'aborted' : true);
}
