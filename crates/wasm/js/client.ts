// The client: one method per operation, retries, paginators, waiters and presigning, over the
// wasm core (validation, signing, decoding) and fetch.

import { once, type Core, type CoreLoader } from './core.js';
import { EcsError, type EcsErrorDetails, type Problem } from './errors.js';
import { toProblem, type CoreProblem } from './messages.js';
import { OPERATIONS, VERSION } from './generated/operations.js';
import type { Action, ActionRequests, Operations, Paginators } from './generated/types.js';
import type { OperationInfo } from './operation.js';
import type { CallOptions, ClientOptions, Credentials, EcsResponse, PaginateOptions, Paginator } from './options.js';
import { paginate } from './paginate.js';
import { cryptoRandomBytes } from './random.js';
import { alreadyDone, alreadyDoneNote, checkCallOptions, checkClientOptions, mayHaveTakenEffect, resendable, retryDelay, skewCorrection, sleep, toHex, withClientToken } from './retry.js';
import { send, type Received, type Signed } from './transport.js';
import { unwrapLists } from './unwrap.js';
import { Waiters } from './waiters.js';

/** A request signed but not sent: for previews, `toCurl` and `toAliyunCli`. Holds no secret. */
export type PresignedRequest = Signed;

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_ATTEMPTS = 3;

const byName = new Map<string, OperationInfo>(OPERATIONS.flatMap((op) => [[op.name, op], [op.method, op]]));

function operation(action: string): OperationInfo {
  const op = byName.get(action);
  if (!op) throw new EcsError({ kind: 'validation', message: `${JSON.stringify(action)} is not an operation of ECS ${VERSION} that ecsimg knows` });
  return op;
}

/** One attempt's end: the answer, or the error (with what was received, if anything). */
type Attempt = { answer: EcsResponse<unknown> & Record<string, unknown> } | { error: EcsError; received?: Received };

function aborted(op: string, attempts: number, cause?: unknown): EcsError {
  return new EcsError({ kind: 'aborted', message: `${op}: aborted`, operation: op, attempts, cause });
}

/** Sleeps before the next attempt; an abort meanwhile ends the call. */
async function pause(op: string, ms: number, signal: AbortSignal | undefined, attempts: number): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch (cause) {
    throw aborted(op, attempts, cause);
  }
}

/** Turns the core's `{error}` object into an EcsError; a validation error's message is its problems'. */
function coreError(error: Record<string, unknown>): EcsError {
  const kind = error.kind === 'input' ? 'validation' : (error.kind as EcsErrorDetails['kind']);
  const problems = (error.problems as CoreProblem[] | undefined)?.map((p) => toProblem(String(error.operation), p));
  const message = problems ? problems.map((p) => p.message).join('\n') : String(error.message ?? error.code ?? kind);
  const apiMessage = error.kind === 'api' ? `${error.operation}: ${error.code} (HTTP ${error.httpStatus}): ${message}` : message;
  return new EcsError({
    ...(error as Partial<EcsErrorDetails>),
    kind,
    message: apiMessage,
    problems,
    requestId: (error.requestId as string | null) ?? undefined,
    hostId: (error.hostId as string | null) ?? undefined,
    recommend: (error.recommend as string | null) ?? undefined,
    serverStringToSign: (error.serverStringToSign as string | null) ?? undefined,
    clientStringToSign: (error.clientStringToSign as string | null) ?? undefined,
  });
}

/** A request whose `regionId` may be left out: the client fills in its own (`ClientOptions.regionId`). */
export type RegionOptional<R> = R extends { regionId: string } ? Omit<R, 'regionId'> & { regionId?: string } : R;

/** The methods of `T` with `regionId` optional in their request. */
type DefaultRegion<T> = {
  [K in keyof T]: T[K] extends (request: infer R, ...rest: infer A) => infer P ? (request: RegionOptional<R>, ...rest: A) => P : T[K];
};

export interface BaseClient extends DefaultRegion<Operations>, DefaultRegion<Paginators> {}

/** The client, given a way to load the wasm core (each entry point has its own). */
export class BaseClient extends Waiters {
  readonly regionId: string;
  readonly #options: ClientOptions;
  readonly #load: CoreLoader;
  /** Server time minus local time, learned when the server says our clock is off. */
  #skewMs = 0;

  constructor(options: ClientOptions, load: CoreLoader) {
    super();
    if (!options?.regionId) throw new EcsError({ kind: 'validation', message: 'EcsImageClient: regionId is required' });
    if (!options.credentials && !options.credentialsProvider) {
      throw new EcsError({ kind: 'validation', message: 'EcsImageClient: give credentials or a credentialsProvider' });
    }
    checkClientOptions(options);
    this.regionId = options.regionId;
    this.#options = { ...options };
    // A loader of the caller's own is asked again after a trap (it may hand back a fresh module).
    this.#load = typeof load.reset === 'function' ? load : once(() => load());
  }

  /** Calls an operation by wire name or method name; every method goes through here. */
  async call<A extends Action>(action: A | string, request: ActionRequests[A] | object, options: CallOptions = {}): Promise<EcsResponse<unknown> & Record<string, unknown>> {
    const op = operation(action);
    checkCallOptions(options);
    // Retry delays and the deadline keep real time (`now` is the signing clock).
    const deadline = options.deadlineMs === undefined ? undefined : Date.now() + options.deadlineMs;
    const core = await this.#load();
    const body = withClientToken(op, this.#withRegion(request), (n) => this.#randomBytes(n));
    const maxAttempts = this.#options.maxAttempts ?? DEFAULT_ATTEMPTS;
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let skewCorrected = false;
    // Whether an earlier attempt may have been carried out although it got no (readable) answer.
    let reached = false;
    const pastDeadline = (attempts: number, cause?: EcsError) =>
      new EcsError({
        kind: 'timeout',
        message: `${op.name}: no answer within the call's deadlineMs (${options.deadlineMs} ms)`,
        operation: op.name,
        attempts,
        outcomeUnknown: reached && op.kind !== 'read',
        cause,
      });
    // Credentials are asked for before each attempt; a clock-skew refusal is retried once, uncounted.
    for (let attempt = 1; ; attempt++) {
      if (options.abortSignal?.aborted) throw aborted(op.name, attempt - 1);
      const left = deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - Date.now());
      if (left <= 0) throw pastDeadline(attempt - 1);
      await this.#heldBack(op.name, options, attempt - 1);
      const tried = await this.#attempt(core, op, body, { ...options, timeoutMs: left });
      if ('answer' in tried) {
        options.backoff?.succeeded();
        return tried.answer;
      }
      const { error, received } = tried;
      if (reached && alreadyDone(op, error)) {
        // The earlier attempt most likely did it: the resource is gone.
        const requestId = error.requestId;
        return { requestId, statusCode: error.httpStatus ?? 0, headers: received?.headers ?? {}, body: { requestId }, note: alreadyDoneNote(op.name, error.code ?? '') };
      }
      const skew = skewCorrected ? undefined : skewCorrection(error, received?.headers, this.#now());
      if (skew !== undefined) {
        // The server says our clock is off: sign with its time and try once more.
        this.#skewMs = skew;
        skewCorrected = true;
        attempt--;
        continue;
      }
      const ambiguous = mayHaveTakenEffect(error);
      reached ||= ambiguous;
      const unknown = reached && op.kind !== 'read';
      // Not resent once it may have reached the service, unless sending it twice is harmless.
      if (ambiguous && !resendable(op)) throw error.afterAttempts(attempt, true);
      const shared = error.throttling && options.backoff ? options.backoff.attemptFor(attempt) : attempt;
      const wait = attempt < maxAttempts ? retryDelay(error, shared, received?.headers, this.#options) : undefined;
      if (wait === undefined) throw error.afterAttempts(attempt, unknown);
      if (error.throttling) options.backoff?.throttled(wait);
      if (deadline !== undefined && Date.now() + wait >= deadline) throw pastDeadline(attempt, error);
      await pause(op.name, wait, options.abortSignal, attempt);
    }
  }

  /** Waits while a backoff shared with other calls holds them (`CallOptions.backoff`). */
  async #heldBack(op: string, options: CallOptions, attempts: number): Promise<void> {
    try {
      await options.backoff?.ready(options.abortSignal);
    } catch (cause) {
      throw aborted(op, attempts, cause);
    }
  }

  /** Signs, sends and decodes once. */
  async #attempt(core: Core, op: OperationInfo, body: object, options: CallOptions): Promise<Attempt> {
    const signed = this.#sign(core, op.name, body, await this.#credentials(), true);
    let received: Received | undefined;
    try {
      received = await send(signed, this.#fetch(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.abortSignal);
      const answer = received;
      const decoded = JSON.parse(this.#inCore(op.name, () => core.decode(op.name, answer.status, answer.body, signed.stringToSign)));
      if (decoded.ok) {
        // The core answers an object: the flat view of one is one.
        const flat = unwrapLists(op.wraps, decoded.ok.body) as Record<string, unknown>;
        return { answer: { ...flat, statusCode: received.status, headers: received.headers, body: decoded.ok.body } };
      }
      return { error: coreError(decoded.error), received };
    } catch (e) {
      if (!(e instanceof EcsError)) throw e;
      return { error: e, received };
    }
  }

  /** Signs a call without sending it (the secret is not part of the result). */
  async presign<A extends Action>(action: A | string, request: ActionRequests[A] | object): Promise<PresignedRequest> {
    const op = operation(action);
    const core = await this.#load();
    return this.#sign(core, op.name, this.#withRegion(request), await this.#credentials());
  }

  /** Every problem of a request, sending nothing (an empty list when it is valid). */
  async validate<A extends Action>(action: A | string, request: ActionRequests[A] | object): Promise<Problem[]> {
    const op = operation(action);
    const core = await this.#load();
    const answer = JSON.parse(this.#inCore(op.name, () => core.validate(op.name, JSON.stringify(this.#withRegion(request)))));
    if (!Array.isArray(answer)) throw coreError(answer.error);
    return (answer as CoreProblem[]).map((p) => toProblem(op.name, p));
  }

  /** The request with the client's region where it gives none (`regionId: undefined` included). */
  #withRegion(request: object): Record<string, unknown> {
    const body: Record<string, unknown> = { ...(request as Record<string, unknown>) };
    body.regionId ??= this.regionId;
    return body;
  }

  /** Signs one attempt; `brief` (a call, not a presign) leaves out what only a presigned request shows. */
  #sign(core: Core, action: string, request: object, credentials: Credentials, brief = false): Signed {
    const o = this.#options;
    const input = {
      action,
      request,
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      securityToken: credentials.securityToken,
      signatureVersion: o.signatureVersion ?? 'v3',
      method: o.method ?? 'POST',
      endpoint: o.endpoint,
      proxyBaseUrl: o.proxyBaseUrl,
      strictness: o.strictness ?? 'strict',
      // A fresh timestamp and nonce for every attempt.
      timestamp: Math.floor((this.#now() + this.#skewMs) / 1000),
      nonce: toHex(this.#randomBytes(16)),
      brief: brief || undefined,
    };
    const answer = JSON.parse(this.#inCore(action, () => core.sign(JSON.stringify(input))));
    if (answer.error) throw coreError(answer.error);
    const warnings = (answer.ok.warnings as CoreProblem[]).map((p) => toProblem(action, p));
    return { canonicalRequest: null, params: [], ...answer.ok, warnings };
  }

  /**
   * Runs a core function. A trap in the wasm (an out-of-memory, a panic: `WebAssembly.RuntimeError`,
   * or its stack overflowing: `RangeError`) may leave the module unusable: it becomes an EcsError
   * of kind `internal`, and the next call loads a fresh module.
   */
  #inCore(action: string, run: () => string): string {
    try {
      return run();
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError || e instanceof RangeError)) throw e;
      this.#load.reset?.();
      const message = `${action}: the ecsimg core failed (${(e as Error).message}); the next call loads it afresh`;
      throw new EcsError({ kind: 'internal', message, operation: action, cause: e });
    }
  }

  /** The caller's clock and random source (`ClientOptions.now`, `randomBytes`), or the platform's. */
  #now(): number {
    return this.#options.now ? this.#options.now() : Date.now();
  }

  #randomBytes(length: number): Uint8Array {
    return this.#options.randomBytes ? this.#options.randomBytes(length) : cryptoRandomBytes(length);
  }

  async #credentials(): Promise<Credentials> {
    let credentials: Credentials | undefined;
    try {
      credentials = this.#options.credentialsProvider ? await this.#options.credentialsProvider() : this.#options.credentials;
    } catch (cause) {
      // Nothing was sent; the caller's provider failed.
      throw new EcsError({ kind: 'validation', message: `EcsImageClient: the credentialsProvider failed: ${(cause as Error)?.message ?? cause}`, cause });
    }
    if (!credentials?.accessKeyId || !credentials.accessKeySecret) {
      throw new EcsError({ kind: 'validation', message: 'EcsImageClient: the credentials need an accessKeyId and an accessKeySecret' });
    }
    return credentials;
  }

  #fetch(): typeof fetch {
    const f = this.#options.fetch ?? globalThis.fetch;
    if (!f) throw new EcsError({ kind: 'validation', message: 'EcsImageClient: no fetch available; pass one in the options' });
    return f;
  }

  /** @internal The paginators and waiters call operations through here. */
  protected invoke(action: string, request: object, options?: CallOptions) {
    return this.call(action, request, options);
  }
}

// One method per operation, and a paginator per paged one, named as in the official TS SDK.
for (const op of OPERATIONS) {
  Object.defineProperty(BaseClient.prototype, op.method, {
    value: function (this: BaseClient, request: object, options?: CallOptions) {
      return this.call(op.name, request, options);
    },
    writable: true,
    configurable: true,
  });
  if (op.pagination) {
    const pagination = op.pagination;
    Object.defineProperty(BaseClient.prototype, `paginate${op.name}`, {
      value: function (this: BaseClient, request: object, options?: PaginateOptions): Paginator<unknown, unknown> {
        return paginate((req, opts) => this.call(op.name, req, opts), pagination, request, options);
      },
      writable: true,
      configurable: true,
    });
  }
}
