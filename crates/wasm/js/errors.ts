// Every failure of a call is an EcsError; `kind` says which.

import type { ProblemDetail } from './messages.js';

export type EcsErrorKind = 'validation' | 'api' | 'network' | 'timeout' | 'aborted' | 'decode' | 'waiter' | 'internal';

/** One problem of a request, found before anything was sent. */
export interface Problem {
  /** As the caller spelled it: `tag[0].key`. */
  path: string;
  /** As it travels: `Tag.1.Key`. */
  wirePath: string;
  kind: 'required' | 'unknown' | 'type' | 'length' | 'range' | 'enum' | 'format' | 'items' | 'conflict';
  /**
   * The request cannot be put on the wire at all (an unknown key, a wrong type): even
   * `strictness: 'lenient'` refuses it.
   */
  structural: boolean;
  /** The broken rule as data, to act on: `{ code: 'length', min: 2, max: 128, got: 1 }`. */
  detail: ProblemDetail;
  /** The operation, the path and the broken rule: `<Action>.imageName: must be 2 to 128 characters, got 1`. */
  message: string;
}

export interface EcsErrorDetails {
  kind: EcsErrorKind;
  message: string;
  operation?: string;
  problems?: Problem[];
  httpStatus?: number;
  code?: string;
  requestId?: string;
  hostId?: string;
  recommend?: string;
  retryable?: boolean;
  throttling?: boolean;
  clockSkew?: boolean;
  serverStringToSign?: string;
  clientStringToSign?: string;
  attempts?: number;
  outcomeUnknown?: boolean;
  cause?: unknown;
}

export class EcsError extends Error {
  readonly kind: EcsErrorKind;
  /** The operation's wire name. */
  readonly operation?: string;
  /** `validation`: every problem of the request (nothing was sent). */
  readonly problems: Problem[];
  /** `api`: the service's answer. */
  readonly httpStatus?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly hostId?: string;
  /** A diagnosis link the service adds. */
  readonly recommend?: string;
  /** Whether sending the same call again may succeed. */
  readonly retryable: boolean;
  /** `api`: the service rate-limited the call (retries wait longer). */
  readonly throttling: boolean;
  /** `api`: the service found the request's timestamp too far from its clock. */
  readonly clockSkew: boolean;
  /** `SignatureDoesNotMatch`: what the server signed, and what we signed, to compare. */
  readonly serverStringToSign?: string;
  readonly clientStringToSign?: string;
  /** Attempts made before giving up. */
  readonly attempts?: number;
  /**
   * The call changes something, and its last attempt ended without saying whether the service
   * carried it out (a timeout, a dropped connection, a cut-off answer, a 5xx): it may have taken
   * effect. For an operation that is not safe to send twice (an export, say) the client does not
   * resend it; check the resource (`describeImages`) before calling again.
   */
  readonly outcomeUnknown: boolean;

  constructor(details: EcsErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'EcsError';
    this.kind = details.kind;
    this.operation = details.operation;
    this.problems = details.problems ?? [];
    this.httpStatus = details.httpStatus;
    this.code = details.code;
    this.requestId = details.requestId;
    this.hostId = details.hostId;
    this.recommend = details.recommend;
    this.retryable = details.retryable ?? false;
    this.throttling = details.throttling ?? false;
    this.clockSkew = details.clockSkew ?? false;
    this.serverStringToSign = details.serverStringToSign;
    this.clientStringToSign = details.clientStringToSign;
    this.attempts = details.attempts;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }

  /** The same error, noting how many attempts were made (and whether the outcome is unknown). */
  afterAttempts(attempts: number, outcomeUnknown = false): EcsError {
    return new EcsError({ ...this.details(), attempts, outcomeUnknown, cause: this.cause });
  }

  private details(): EcsErrorDetails {
    const { kind, message, operation, problems, httpStatus, code, requestId, hostId, recommend, retryable, throttling, clockSkew } = this;
    return {
      kind, message, operation, problems, httpStatus, code, requestId, hostId, recommend, retryable, throttling, clockSkew,
      serverStringToSign: this.serverStringToSign,
      clientStringToSign: this.clientStringToSign,
    };
  }
}
