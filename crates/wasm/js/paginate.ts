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
        for await (const page of pages()) yield* itemsOf(page, pagination);
      },
    }),
  };
}

/** The items of a page (an empty list when it has none). */
function itemsOf(page: Page, paging: PaginationInfo): unknown[] {
  const items = page[paging.items];
  return Array.isArray(items) ? items : [];
}

/**
 * Page 1, 2, ... until the total count of items was seen, a page comes back empty, or a page
 * repeats the one before (a service that ignores the page number would otherwise be read forever).
 */
function byPageNumber(call: Call, request: object, size: number, paging: PaginationInfo, options: CallOptions) {
  return async function* () {
    let seen = 0;
    let previous: string | undefined;
    for (let pageNumber = 1; ; pageNumber++) {
      const page = await call({ ...request, [paging.cursor]: pageNumber, [paging.size]: size }, options);
      const items = itemsOf(page, paging);
      const fingerprint = JSON.stringify(items);
      if (items.length > 0 && fingerprint === previous) return;
      yield page;
      seen += items.length;
      const total = Number(page[paging.more]);
      if (items.length === 0 || !Number.isFinite(total) || seen >= total) return;
      previous = fingerprint;
    }
  };
}

/**
 * The next token until it is empty or repeats, a page comes back empty, or a page repeats the one
 * before (a service bug that would otherwise loop forever).
 */
function byToken(call: Call, request: object, size: number, paging: PaginationInfo, options: CallOptions) {
  return async function* () {
    const tokens = new Set<string>();
    let previous: string | undefined;
    let nextToken: string | undefined;
    for (;;) {
      const page = await call({ ...request, [paging.size]: size, ...(nextToken ? { [paging.cursor]: nextToken } : {}) }, options);
      const items = itemsOf(page, paging);
      const fingerprint = JSON.stringify(items);
      if (items.length > 0 && fingerprint === previous) return;
      yield page;
      nextToken = (page[paging.more] as string | undefined) || undefined;
      if (!nextToken || tokens.has(nextToken) || items.length === 0) return;
      tokens.add(nextToken);
      previous = fingerprint;
    }
  };
}
