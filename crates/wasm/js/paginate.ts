// Paginators: pages of a paged operation as an async iterator, and their items. The keys and the
// largest page come from the generated operation table (the catalogue's paging).

import type { CallOptions, PaginateOptions, Paginator } from './options.js';
import type { PaginationInfo } from './operation.js';

type Page = Record<string, unknown>;
type Call = (request: object, options?: CallOptions) => Promise<Page>;

/** The client's page size when the caller gives none (each operation caps it at its largest). */
const DEFAULT_PAGE_SIZE = 50;

export function paginate(call: Call, pagination: PaginationInfo, request: object, options: PaginateOptions = {}): Paginator<unknown, unknown> {
  const size = Math.min(Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE), pagination.maxSize);
  const pages = pagination.style === 'page' ? byPageNumber(call, request, size, pagination, options) : byToken(call, request, size, pagination, options);
  return {
    [Symbol.asyncIterator]: () => pages()[Symbol.asyncIterator](),
    items: () => ({
      async *[Symbol.asyncIterator]() {
        for await (const page of pages()) yield* (page[pagination.items] as unknown[] | undefined) ?? [];
      },
    }),
  };
}

/** Page 1, 2, ... until the total count of items was seen or a page comes back empty. */
function byPageNumber(call: Call, request: object, size: number, paging: PaginationInfo, options: CallOptions) {
  return async function* () {
    let seen = 0;
    for (let pageNumber = 1; ; pageNumber++) {
      const page = await call({ ...request, [paging.cursor]: pageNumber, [paging.size]: size }, options);
      yield page;
      const count = ((page[paging.items] as unknown[] | undefined) ?? []).length;
      seen += count;
      if (count === 0 || seen >= Number(page[paging.more] ?? 0)) return;
    }
  };
}

/** The next token until it is empty, or repeats (a service bug that would otherwise loop forever). */
function byToken(call: Call, request: object, size: number, paging: PaginationInfo, options: CallOptions) {
  return async function* () {
    const seen = new Set<string>();
    let nextToken: string | undefined;
    for (;;) {
      const page = await call({ ...request, [paging.size]: size, ...(nextToken ? { [paging.cursor]: nextToken } : {}) }, options);
      yield page;
      nextToken = (page[paging.more] as string | undefined) || undefined;
      if (!nextToken || seen.has(nextToken)) return;
      seen.add(nextToken);
    }
  };
}
