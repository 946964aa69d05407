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
    const body = new Uint8Array(await response.arrayBuffer());
    const received: Record<string, string> = {};
    response.headers.forEach((value, name) => (received[name.toLowerCase()] = value));
    return { status: response.status, headers: received, body };
  } catch (e) {
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
