// Trying a call again: a create's ClientToken (so a retry never creates twice), the clock-skew
// correction, refreshed STS credentials, how long to wait first, what a retry may repeat (by the
// operation's kind) and the options that govern attempts. Each a function of its inputs.

import { EcsError } from './errors.js';
import type { OperationInfo } from './operation.js';
import type { CallOptions, ClientOptions, RetryOptions } from './options.js';

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

/** Each byte's two hex digits, so that a nonce is 16 lookups rather than 16 number-to-string conversions. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b];
  return out;
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

// ---------------------------------------------------------------------------------------------
// What a retry may repeat. The one place that decides, from the catalogue's kind of each operation,
// whether it takes a ClientToken, and its `retry` facts (`resend`, `gone`).

/**
 * Whether a call may be sent again after an attempt that may have reached the service: reads;
 * creates that carry a ClientToken (the service answers a repeat with the first result); deletes
 * and the changes the catalogue marks `resend` (a second send changes nothing more). Not: a create
 * without a ClientToken (an export would start a second task) nor any other change.
 */
export function resendable(op: Pick<OperationInfo, 'kind' | 'idempotent' | 'resend'>): boolean {
  switch (op.kind) {
    case 'read':
    case 'delete':
      return true;
    case 'create':
      return op.idempotent;
    case 'change':
      return op.resend;
  }
}

/**
 * A failure after which the service may have carried out the call: no answer (timeout, network
 * error, a cut-off answer), an answer we could not read (or whose reading failed in the core), or a server error (5xx other than
 * throttling). A throttling, a 429 or any other 4xx answer says the call was refused.
 */
export function mayHaveTakenEffect(error: Pick<EcsError, 'kind' | 'httpStatus' | 'throttling'>): boolean {
  if (error.httpStatus === 429) return false;
  if (error.kind === 'timeout' || error.kind === 'network' || error.kind === 'decode' || error.kind === 'internal') return true;
  return error.kind === 'api' && (error.httpStatus ?? 0) >= 500 && !error.throttling;
}

/**
 * Whether `error`, answered to a retry of `op` after an attempt that may have taken effect, means
 * that attempt did it: one of the documented codes the catalogue lists as `gone` for the operation
 * (the resource is gone). Status errors are never among them: they also follow a copy or an
 * execution that finished on its own.
 */
export function alreadyDone(op: Pick<OperationInfo, 'gone'>, error: Pick<EcsError, 'kind' | 'code'>): boolean {
  return error.kind === 'api' && error.code !== undefined && op.gone.includes(error.code);
}

/** The note on an answer that `alreadyDone` turned into success. */
export function alreadyDoneNote(action: string, code: string): string {
  return `${action}: an earlier attempt got no answer and the retry was answered ${code}: the earlier attempt most likely did it`;
}

// ---------------------------------------------------------------------------------------------
// The options that govern attempts, checked before anything is sent (`NaN` would retry forever).

function option(name: string, value: unknown, ok: (n: number) => boolean, rule: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !ok(value)) {
    throw new EcsError({ kind: 'validation', message: `EcsImageClient: ${name} must be ${rule}, got ${typeof value === 'number' ? value : JSON.stringify(value)}` });
  }
}

const positive = (n: number) => Number.isFinite(n) && n > 0;
const nonNegative = (n: number) => Number.isFinite(n) && n >= 0;

/** Refuses `maxAttempts`, `timeoutMs` and `retry` delays that are not numbers in range. */
export function checkClientOptions(options: Pick<ClientOptions, 'maxAttempts' | 'timeoutMs' | 'retry'>): void {
  option('maxAttempts', options.maxAttempts, (n) => Number.isInteger(n) && n >= 1, 'a whole number of at least 1');
  option('timeoutMs', options.timeoutMs, positive, 'a finite number of milliseconds above 0');
  for (const key of ['baseDelayMs', 'throttlingBaseDelayMs', 'maxDelayMs'] as const) {
    option(`retry.${key}`, options.retry?.[key], nonNegative, 'a finite number of milliseconds, 0 or more');
  }
}

/** Refuses a call's `timeoutMs` or `deadlineMs` that is not a number in range. */
export function checkCallOptions(options: CallOptions): void {
  option('timeoutMs', options.timeoutMs, positive, 'a finite number of milliseconds above 0');
  option('deadlineMs', options.deadlineMs, positive, 'a finite number of milliseconds above 0');
}
