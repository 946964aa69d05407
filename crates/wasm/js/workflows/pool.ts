// Bounded concurrency for the workflows: at most `limit` pieces of work at once, results as they
// finish.

/**
 * Runs `work` on each item, at most `limit` at a time, and yields each result as soon as it is
 * ready (so the order is that of completion). `work` must not reject: the workflows turn a
 * failure into a result of its own, so one item's failure never stops the others.
 */
export async function* inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const running = new Map<number, Promise<{ key: number; result: R }>>();
  let next = 0;
  const start = () => {
    const key = next++;
    running.set(key, work(items[key]).then((result) => ({ key, result })));
  };
  while (next < items.length && running.size < Math.max(1, limit)) start();
  while (running.size > 0) {
    const { key, result } = await Promise.race(running.values());
    running.delete(key);
    if (next < items.length) start();
    yield result;
  }
}

/** `inPool`, waiting for all of it. */
export async function runPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for await (const result of inPool(items, limit, work)) results.push(result);
  return results;
}

/** The concurrency the workflows use when the caller gives none. */
export const DEFAULT_CONCURRENCY = 4;
