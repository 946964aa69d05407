// Moving a signed request over fetch, with a per-attempt timeout and the caller's abort signal.

import { EcsError, type Problem } from './errors.js';

/** A signed request, as the core builds it. */
export interface Signed {
  action: string;
  method: 'POST' | 'GET';
  url: string;
  headers: [string, string][];
  body: string;
  stringToSign: string;
  canonicalRequest: string | null;
  params: [string, string][];
  /** With `strictness: 'lenient'`: the documented limits the request breaks (sent anyway). */
  warnings: Problem[];
}

export interface Received {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * The largest answer the client reads: 16 MiB (the largest documented answer, a page of 100
 * images, is well under 1 MiB). A longer one ends the attempt with an `EcsError` of kind
 * `decode` as soon as the limit is passed (the rest is not read), before anything crosses into the
 * wasm core.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The body, read as it streams in, refused once it passes `MAX_BODY_BYTES`. */
async function readBody(response: Response, action: string): Promise<Uint8Array> {
  const tooLarge = () =>
    new EcsError({
      kind: 'decode',
      message: `${action}: the answer (HTTP ${response.status}) is larger than ${MAX_BODY_BYTES} bytes, the most ecsimg reads`,
      operation: action,
      httpStatus: response.status,
    });
  if (Number(response.headers.get('content-length')) > MAX_BODY_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** Headers a browser sets itself (the proxy or the URL determines `host`). */
const FORBIDDEN = new Set(['host', 'content-length']);

export async function send(
  request: Signed,
  fetchFn: typeof fetch,
  timeoutMs: number,
  abortSignal: AbortSignal | undefined,
): Promise<Received> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = abortSignal ? AbortSignal.any([abortSignal, timeout.signal]) : timeout.signal;
  const headers = request.headers.filter(([name]) => !FORBIDDEN.has(name.toLowerCase()));
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.body === '' ? undefined : request.body,
      signal,
    });
    const body = await readBody(response, request.action);
    const received: Record<string, string> = {};
    response.headers.forEach((value, name) => (received[name.toLowerCase()] = value));
    return { status: response.status, headers: received, body };
  } catch (e) {
    if (e instanceof EcsError) throw e;
    if (abortSignal?.aborted) {
      throw new EcsError({ kind: 'aborted', message: `${request.action}: aborted`, operation: request.action, cause: e });
    }
    if (timeout.signal.aborted) {
      const message = `${request.action}: no complete answer within ${timeoutMs} ms`;
      throw new EcsError({ kind: 'timeout', message, operation: request.action, retryable: true, cause: e });
    }
    const message = `${request.action}: the request failed on the network (${(e as Error)?.message ?? e})`;
    throw new EcsError({ kind: 'network', message, operation: request.action, retryable: true, cause: e });
  } finally {
    clearTimeout(timer);
  }
}
