/**
 * What the client knows of an operation: the shapes of the tables ecsimg-codegen writes from the
 * catalogue into `generated/operations.ts`, which the client's methods, paginators and waiters are
 * made from (nothing about a particular operation is written by hand in the client).
 */
export interface OperationInfo {
  /** Wire name, as sent in `Action` (PascalCase). */
  readonly name: string;
  /** Method name (camelCase, as in the official TS SDK). */
  readonly method: string;
  /** What it does. */
  readonly kind: 'read' | 'create' | 'change' | 'delete';
  /** It takes a `clientToken` (only creates do): one is generated when the caller gives none, so retries never create twice. */
  readonly idempotent: boolean;
  /** A change that is safe to send twice (it sets a state), so a retry may resend it. */
  readonly resend: boolean;
  /** Documented codes that, answered to a retry of a delete or cancel, mean the earlier attempt did it. */
  readonly gone: readonly string[];
  readonly pagination: PaginationInfo | null;
  /** Where the answer has wrapper objects, which the flat view replaces by their lists (`{}`: nowhere). */
  readonly wraps: Wraps;
}

/**
 * Where an answer, or an object in it, has wrapper objects around its lists (`images: {image: [...]}`),
 * by SDK field name. Only the fields on a path to one are named, so most answers have none.
 */
export interface Wraps {
  readonly [field: string]: Wrap;
}

/** A field on such a path: an object, with its fields' `Wraps`; or a list, as a `ListWrap`. */
export type Wrap = Wraps | ListWrap;

/**
 * A list: the key under which its wrapper object holds the array (`null`: the array comes bare),
 * and what each item holds (left out when the items hold no wrapper).
 */
export type ListWrap = readonly [key: string | null, item?: Wrap];

/** How a paged operation pages. SDK field names. */
export interface PaginationInfo {
  /** `page`: a page number and a total count; `token`: a token to the next page. */
  readonly style: 'page' | 'token';
  /** The answer's list of items (flat view). */
  readonly items: string;
  /** The request field that says which page: the page number (from 1), or the token. */
  readonly cursor: string;
  /** The request field for the page size. */
  readonly size: string;
  /** The answer field that says whether more pages follow: the total count, or the next token. */
  readonly more: string;
  /** The largest page the service returns. */
  readonly maxSize: number;
}

/** How a kind of resource moves through its statuses, and how to look one up. SDK field names. */
export interface LifecycleInfo {
  /** The describe call (wire name). */
  readonly describe: string;
  /** What the call is given besides the waiter's target. */
  readonly request: Readonly<Record<string, string>>;
  /** The answer's list (flat view): its first item is the one looked up. */
  readonly items: string;
  /** The item's status field. */
  readonly status: string;
  /** Statuses where the work is done. */
  readonly done: readonly string[];
  /** Statuses where it failed; any other status is waited on. */
  readonly failed: readonly string[];
  /** How far along: the item's field holding a percentage (`"42%"`), or a table by status. */
  readonly percent: string | Readonly<Record<string, number>>;
}

/** A waiter: the lifecycle it watches, and whether it waits for a done status or for the thing to be gone. */
export interface WaiterInfo {
  readonly lifecycle: LifecycleInfo;
  readonly until: 'done' | 'gone';
}
