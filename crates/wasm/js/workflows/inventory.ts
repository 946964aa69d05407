// listImagesEverywhere: DescribeImages in many regions at once, each paged to its end.

import { SharedBackoff } from '../backoff.js';
import type { BaseClient } from '../client.js';
import { EcsError } from '../errors.js';
import type { DescribeImagesRequest, DescribeImagesResultImage } from '../generated/types.js';
import { throwIfAborted } from './errors.js';
import { DEFAULT_CONCURRENCY, inPool } from './pool.js';

/** DescribeImages' filters (not its region or paging), the regions, and how to run. */
export interface ListImagesEverywhereOptions extends Omit<DescribeImagesRequest, 'regionId' | 'pageNumber' | 'pageSize'> {
  regions: string[];
  /** Regions asked at once (default 4). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Images per page (default: the operation's largest, 100). */
  pageSize?: number;
  /** Shared by every call (default: one for this listing). */
  backoff?: SharedBackoff;
  /** Called with each page as it arrives, before its region's result is yielded: to show a
   * region's first images while the rest of it loads. */
  onPage?: (page: RegionPage) => void;
}

/** One page of a region's images, and how many the region has in all (its answer's `totalCount`). */
export interface RegionPage {
  regionId: string;
  images: DescribeImagesResultImage[];
  totalCount?: number;
}

/** One region's answer: every image that matched, or why the region could not be listed. */
export type RegionImages = { regionId: string; images: DescribeImagesResultImage[] } | { regionId: string; error: EcsError };

/**
 * Yields each region's images as soon as that region is paged to its end, at most `concurrency`
 * regions at a time. A region that fails is yielded with its error and the others go on; an abort
 * ends the iteration with an `EcsError` of kind `aborted`.
 */
export async function* listImagesEverywhere(client: BaseClient, options: ListImagesEverywhereOptions): AsyncGenerator<RegionImages> {
  const { regions, concurrency = DEFAULT_CONCURRENCY, signal, pageSize = 100, backoff = new SharedBackoff(), onPage, ...filters } = options;
  const listRegion = async (regionId: string): Promise<RegionImages> => {
    try {
      const images: DescribeImagesResultImage[] = [];
      const pages = client.paginateDescribeImages({ ...filters, regionId }, { abortSignal: signal, pageSize, backoff });
      for await (const page of pages) {
        images.push(...(page.images ?? []));
        onPage?.({ regionId, images: page.images ?? [], totalCount: page.totalCount });
      }
      return { regionId, images };
    } catch (error) {
      return { regionId, error: error instanceof EcsError ? error : new EcsError({ kind: 'internal', message: String(error), cause: error }) };
    }
  };
  for await (const result of inPool(regions, concurrency, listRegion)) {
    throwIfAborted('listImagesEverywhere', signal);
    yield result;
  }
}
