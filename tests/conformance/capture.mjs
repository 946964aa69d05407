// A loopback server that records each request exactly as it arrives and answers like the service
// does on success, so that the official client neither fails nor retries.

import { createServer, request as httpRequest } from 'node:http';

export async function startCapture() {
  const received = [];
  // Long query strings (every parameter of an operation, percent-encoded CJK) exceed Node's
  // default 16 KiB header limit.
  const server = createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"RequestId":"conformance"}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `127.0.0.1:${server.address().port}`,
    /** The one request that arrived since the last call. */
    take() {
      const got = received.splice(0);
      if (got.length !== 1) throw new Error(`expected exactly one request at the capture server, got ${got.length}`);
      return got[0];
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Sends a request we signed (our presign output) as any HTTP client would. */
export function send(signed) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(signed.url, { method: signed.method, headers: signed.headers }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(signed.body);
  });
}
