// How long to wait before the next attempt.

import type { RetryOptions } from './options.js';

const DEFAULTS = { baseDelayMs: 200, throttlingBaseDelayMs: 1000, maxDelayMs: 20_000 };

/**
 * Full jitter: a random delay between 0 and `base * 2^(attempt-1)` (capped), with a longer base
 * after throttling; a `Retry-After` from the server is a floor. `undefined` when the server asks
 * for a longer wait than `maxDelayMs`: the caller gives up at once rather than hang, since a
 * shorter wait would only be refused again.
 */
export function backoffMs(
  attempt: number,
  throttled: boolean,
  retryAfterMs: number | undefined,
  options: RetryOptions = {},
  random: () => number = Math.random,
): number | undefined {
  const { baseDelayMs, throttlingBaseDelayMs, maxDelayMs } = { ...DEFAULTS, ...options };
  if ((retryAfterMs ?? 0) > maxDelayMs) return undefined;
  const base = throttled ? throttlingBaseDelayMs : baseDelayMs;
  const ceiling = Math.min(maxDelayMs, base * 2 ** (attempt - 1));
  return Math.max(Math.floor(random() * ceiling), retryAfterMs ?? 0);
}

/** A `Retry-After` header (seconds, or an HTTP date) in milliseconds from `now`. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
