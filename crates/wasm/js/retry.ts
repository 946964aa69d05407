// Trying a call again: a create's ClientToken (so a retry never creates twice), the clock-skew
// correction, refreshed STS credentials, and how long to wait first. Each a function of its inputs.

import type { EcsError } from './errors.js';
import type { OperationInfo } from './operation.js';
import type { ClientOptions, RetryOptions } from './options.js';

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

type Failed = Pick<EcsError, 'kind' | 'retryable' | 'throttling' | 'code' | 'clockSkew'>;

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A version 4 UUID of 16 random bytes (not `crypto.randomUUID`: the bytes may be injected, and it needs a secure context). */
export function uuid(bytes: Uint8Array): string {
  const hex = toHex(bytes).split('');
  hex[12] = '4';
  hex[16] = '89ab'[parseInt(hex[16], 16) & 3];
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The request with a new `clientToken` if the operation takes one and the caller gave none (one per call, kept by every attempt). */
export function withClientToken(op: OperationInfo, body: Record<string, unknown>, randomBytes: (length: number) => Uint8Array): Record<string, unknown> {
  if (!op.idempotent || body.clientToken != null) return body;
  return { ...body, clientToken: uuid(randomBytes(16)) };
}

/** Server time minus `now`, when the server refused our clock and sent a `Date` that parses. */
export function skewCorrection(error: Failed, headers: Record<string, string> | undefined, now: number): number | undefined {
  const serverTime = error.clockSkew && headers?.date ? Date.parse(headers.date) : Number.NaN;
  return Number.isFinite(serverTime) ? serverTime - now : undefined;
}

/** An expired STS token is worth another attempt when a provider can hand out a fresh one. */
export function refreshesCredentials(error: Failed, options: Pick<ClientOptions, 'credentialsProvider'>): boolean {
  return options.credentialsProvider !== undefined && error.code === 'InvalidSecurityToken.Expired';
}

/** The wait before another attempt (`backoffMs`, real time), or `undefined` when the error is final. */
export function retryDelay(
  error: Failed,
  attempt: number,
  headers: Record<string, string> | undefined,
  options: Pick<ClientOptions, 'credentialsProvider' | 'retry'>,
  now = Date.now(),
  random = Math.random,
): number | undefined {
  if (error.kind === 'aborted' || !(error.retryable || refreshesCredentials(error, options))) return undefined;
  return backoffMs(attempt, error.throttling, retryAfterMs(headers?.['retry-after'], now), options.retry, random);
}
