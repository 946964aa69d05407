// The shapes a caller passes to and gets from the client.

import type { SharedBackoff } from './backoff.js';

/** An AccessKey pair, or STS temporary credentials when `securityToken` is set. */
export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Called before every attempt, so expiring STS credentials can be refreshed. */
export type CredentialsProvider = () => Credentials | Promise<Credentials>;

export interface ClientOptions {
  /** Default region: used for the endpoint, and as `regionId` of requests that give none. */
  regionId: string;
  credentials?: Credentials;
  credentialsProvider?: CredentialsProvider;
  /**
   * The endpoint to sign for: a host (`ecs.cn-hangzhou.aliyuncs.com`) or URL (`http://127.0.0.1:9080`).
   * Default: the region's endpoint, as the official SDK resolves it.
   */
  endpoint?: string;
  /**
   * Where to send requests instead, such as a same-origin proxy path (`/api/ecs`): browsers cannot
   * call the ECS endpoint directly. The signed host stays the endpoint's.
   */
  proxyBaseUrl?: string;
  /** `'v3'` (ACS3-HMAC-SHA256, the default) or `'v1'` (HMAC-SHA1). */
  signatureVersion?: 'v3' | 'v1';
  /** `'POST'` (the default, as the official SDK sends) or `'GET'`. */
  method?: 'POST' | 'GET';
  /** Time allowed for each attempt, in milliseconds (default 30,000). */
  timeoutMs?: number;
  /** Attempts per call, the first included (default 3; 1 turns retries off). */
  maxAttempts?: number;
  /**
   * `'strict'` (default) refuses requests that break a documented limit before anything is sent;
   * `'lenient'` sends them anyway (for values the service accepted after the catalogue was written),
   * still refusing unknown fields and wrong types.
   */
  strictness?: 'strict' | 'lenient';
  /** Backoff between attempts: full jitter over `base * 2^(attempt-1)`, capped at `maxDelayMs`. */
  retry?: RetryOptions;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /**
   * The clock, in milliseconds since the epoch (default `Date.now`), read for each signature's
   * timestamp and by the clock-skew correction. For tests and deterministic replays; leave it out
   * in production.
   */
  now?: () => number;
  /**
   * `length` random bytes (default `crypto.getRandomValues`), drawn for each nonce and ClientToken
   * UUID. For tests and deterministic replays; in production they must be cryptographically random:
   * the service refuses a nonce it has seen, and answers a create whose ClientToken it has seen with
   * the earlier create's result.
   */
  randomBytes?: (length: number) => Uint8Array;
}

export interface RetryOptions {
  /** Base delay after an overloaded service or a network error (default 200 ms). */
  baseDelayMs?: number;
  /** Base delay after throttling (default 1,000 ms). */
  throttlingBaseDelayMs?: number;
  /** Longest delay (default 20,000 ms). A `Retry-After` longer than this ends the call with its error. */
  maxDelayMs?: number;
}

/** Per call. */
export interface CallOptions {
  abortSignal?: AbortSignal;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
  /**
   * Bounds the whole call, every attempt and every wait between them (ms from the call): past it
   * the call ends with an `EcsError` of kind `timeout`. No deadline by default.
   */
  deadlineMs?: number;
  /**
   * A backoff shared with other calls (`new SharedBackoff()`): when any of them is throttled,
   * all of them wait before their next attempt. Each call backs off on its own without one.
   */
  backoff?: SharedBackoff;
}

export interface PaginateOptions extends CallOptions {
  /** Items per page (default 50; at most the operation's largest page, given in each paginator's doc). */
  pageSize?: number;
}

/** An answer: the HTTP status and headers, and the body as the service sent it. */
export interface EcsResponse<Body> {
  statusCode: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The body in the official TS SDK's shape, wrapper objects kept (`images.image[]`). */
  body: Body;
  /**
   * Set when a delete or cancel is reported done although its last attempt was answered "not
   * found": an earlier attempt got no answer and most likely did it (`statusCode` and `body` are
   * then the "not found" answer's).
   */
  note?: string;
}

/** Pages of a paged operation, fetched as they are read; `.items()` iterates their items. */
export interface Paginator<Page, Item> extends AsyncIterable<Page> {
  items(): AsyncIterable<Item>;
}

export interface WaitOptions {
  abortSignal?: AbortSignal;
  /** Give up after this long (default 30 minutes). */
  maxWaitMs?: number;
  /** First delay between polls (default 2,000 ms); it grows by half each poll ... */
  minDelayMs?: number;
  /** ... up to this (default 30,000 ms). */
  maxDelayMs?: number;
  /** Called after every poll. */
  onProgress?: (progress: WaitProgress) => void;
  /** A backoff the polls share with other calls (see `CallOptions.backoff`). */
  backoff?: SharedBackoff;
}

export interface WaitProgress {
  /** The status seen (the image's or execution's `status` field), or `NotFound` while the describe call finds nothing. */
  status: string;
  /** 0 to 100. */
  percent: number;
  /** Milliseconds since the wait began. */
  elapsedMs: number;
}
