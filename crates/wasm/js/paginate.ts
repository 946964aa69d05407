// Paginators: pages of a paged operation as an async iterator, and their items.

import type { CallOptions, PaginateOptions, Paginator } from './options.js';
import type { OperationInfo } from './operation.js';

type Page = Record<string, unknown>;
type Call = (request: object, options?: CallOptions) => Promise<Page>;

/** Page-number operations take at most 100 a page, token ones 500. */
const LIMITS = { page: 100, token: 500 };
const DEFAULT_PAGE_SIZE = 50;

export function paginate(
  call: Call,
  pagination: NonNullable<OperationInfo['pagination']>,
  request: object,
  options: PaginateOptions = {},
): Paginator<unknown, unknown> {
  const size = Math.min(Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE), LIMITS[pagination.style]);
  const pages = pagination.style === 'page' ? byPageNumber(call, request, size, pagination.items, options) : byToken(call, request, size, options);
  return {
    [Symbol.asyncIterator]: () => pages()[Symbol.asyncIterator](),
    items: () => ({
      async *[Symbol.asyncIterator]() {
        for await (const page of pages()) yield* (page[pagination.items] as unknown[] | undefined) ?? [];
      },
    }),
  };
}

/** `PageNumber` 1, 2, ... until `TotalCount` items were seen or a page comes back empty. */
function byPageNumber(call: Call, request: object, size: number, items: string, options: CallOptions) {
  return async function* () {
    let seen = 0;
    for (let pageNumber = 1; ; pageNumber++) {
      const page = await call({ ...request, pageNumber, pageSize: size }, options);
      yield page;
      const count = ((page[items] as unknown[] | undefined) ?? []).length;
      seen += count;
      if (count === 0 || seen >= Number(page.totalCount ?? 0)) return;
    }
  };
}

/** `NextToken` until it is empty, or repeats (a service bug that would otherwise loop forever). */
function byToken(call: Call, request: object, size: number, options: CallOptions) {
  return async function* () {
    const seen = new Set<string>();
    let nextToken: string | undefined;
    for (;;) {
      const page = await call({ ...request, maxResults: size, ...(nextToken ? { nextToken } : {}) }, options);
      yield page;
      nextToken = (page.nextToken as string | undefined) || undefined;
      if (!nextToken || seen.has(nextToken)) return;
      seen.add(nextToken);
    }
  };
}
