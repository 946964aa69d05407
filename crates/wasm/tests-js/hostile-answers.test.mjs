// Hostile answers (issue 10, Scope 3, the client's half): a body past the 16 MiB cap is refused as
// it streams in (a 100 MB one is not read to its end, nor copied into the wasm), a deeply nested
// JSON body is a decode error, and a trap in the wasm core becomes an EcsError of kind `internal`
// after which the client loads a fresh module.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { DEMO, EcsError, EcsImageClient, PKG_DIST, REGION, pkg, recordingFetch, rejectsEcs } from './helpers.mjs';

const MiB = 1024 * 1024;
const { MAX_BODY_BYTES } = await import(pathToFileURL(join(PKG_DIST, 'transport.js')).href);

function client(fetch, options = {}) {
  return new EcsImageClient({ regionId: REGION, credentials: DEMO, endpoint: 'http://127.0.0.1:9', fetch, maxAttempts: 1, ...options });
}

/** A response streaming `total` bytes of a JSON-looking body in 1 MiB chunks (one buffer, reused), counting what was pulled. */
function streaming(total, { declare = false } = {}) {
  const chunk = new Uint8Array(MiB).fill(0x20);
  chunk[0] = 0x7b; // '{'
  const stats = { pulled: 0, cancelled: false };
  const body = new ReadableStream({
    pull(controller) {
      if (stats.pulled >= total) return controller.close();
      stats.pulled += chunk.byteLength;
      controller.enqueue(chunk.slice(0, Math.min(chunk.byteLength, total - stats.pulled + chunk.byteLength)));
    },
    cancel() {
      stats.cancelled = true;
    },
  }, { highWaterMark: 0 });
  const headers = { 'content-type': 'application/json', ...(declare ? { 'content-length': String(total) } : {}) };
  return { response: new Response(body, { status: 200, headers }), stats };
}

describe('the body size cap', () => {
  test('is 16 MiB', () => assert.equal(MAX_BODY_BYTES, 16 * MiB));

  test('a 100 MB body without a length is refused once past the cap, the rest unread', async () => {
    let stats;
    const log = recordingFetch(async () => {
      const s = streaming(100 * 1000 * 1000);
      stats = s.stats;
      return s.response;
    });
    const error = await rejectsEcs(client(log).describeImages({}), { kind: 'decode', operation: 'DescribeImages', httpStatus: 200, retryable: false, attempts: 1 });
    assert.match(error.message, /larger than 16777216 bytes/);
    assert.ok(stats.cancelled, 'the stream was not cancelled');
    assert.ok(stats.pulled <= MAX_BODY_BYTES + 2 * MiB, `read ${stats.pulled} bytes`);
  });

  test('a declared Content-Length past the cap is refused before reading', async () => {
    let stats;
    const log = recordingFetch(async () => {
      const s = streaming(100 * 1000 * 1000, { declare: true });
      stats = s.stats;
      return s.response;
    });
    await rejectsEcs(client(log).describeImages({}), { kind: 'decode' });
    assert.ok(stats.pulled <= MiB, `read ${stats.pulled} bytes`);
  });

  test('a body over 1 MiB of valid JSON is still read whole', async () => {
    const images = Array.from({ length: 5000 }, (_, i) => ({ ImageId: `m-${String(i).padStart(20, '0')}`, Description: 'x'.repeat(200) }));
    const text = JSON.stringify({ RequestId: 'R', TotalCount: images.length, Images: { Image: images } });
    assert.ok(text.length > MiB);
    const res = await client(async () => new Response(text, { status: 200 })).describeImages({});
    assert.equal(res.images.length, 5000);
  });

  test('ExportImage with an oversized answer: not resent, outcome unknown', async () => {
    const log = recordingFetch(async () => streaming(40 * MiB).response);
    await rejectsEcs(client(log, { maxAttempts: 3 }).exportImage({ imageId: 'm-1', OSSBucket: 'my-bucket' }), { kind: 'decode', attempts: 1, outcomeUnknown: true });
    assert.equal(log.calls.length, 1);
  });
});

describe('deeply nested bodies', () => {
  for (const [name, text] of [
    ['100,000 nested arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['100,000 nested objects, never closed', '{"a":'.repeat(100_000)],
    ['nesting inside a valid answer', `{"RequestId":"R","Images":{"Image":[${'['.repeat(50_000)}${']'.repeat(50_000)}]}}`],
  ]) {
    test(`${name}: a decode error, and the client still works`, async () => {
      const c = client(async () => new Response(text, { status: 200 }));
      await rejectsEcs(c.describeImages({}), { kind: 'decode' });
      const ok = client(async () => new Response('{"RequestId":"R","TotalCount":0,"Images":{"Image":[]}}', { status: 200 }));
      assert.equal((await ok.describeImages({})).totalCount, 0);
    });
  }
});

describe('a trap in the wasm core', () => {
  /** The package's own core, behind a loader that counts loads and traps on the first `decode`. */
  async function trappingLoader(trapIn = 'decode', error = new WebAssembly.RuntimeError('unreachable')) {
    const wasm = await import(pathToFileURL(join(PKG_DIST, 'wasm/ecsimg_wasm.js')).href + '?instance=trap-test');
    await wasm.default({ module_or_path: await readFile(join(PKG_DIST, 'wasm/ecsimg_wasm_bg.wasm')) });
    let loads = 0;
    const loader = async () => {
      loads++;
      const core = { sign: wasm.sign, decode: wasm.decode, validate: wasm.validate };
      if (loads === 1) {
        core[trapIn] = () => {
          throw error;
        };
      }
      return core;
    };
    return { loader, loads: () => loads };
  }

  const answer = async () => new Response('{"RequestId":"R","TotalCount":0,"Images":{"Image":[]}}', { status: 200 });

  for (const where of ['decode', 'sign', 'validate']) {
    test(`in ${where}: an EcsError of kind internal, then a fresh module for the next call`, async () => {
      const { loader, loads } = await trappingLoader(where);
      const c = new pkg.BaseClient({ regionId: REGION, credentials: DEMO, endpoint: 'http://127.0.0.1:9', fetch: answer, maxAttempts: 3 }, loader);
      const run = where === 'validate' ? () => c.validate('DescribeImages', {}) : () => c.describeImages({});
      const error = await rejectsEcs(run(), { kind: 'internal', retryable: false });
      assert.ok(error instanceof EcsError);
      assert.ok(error.cause instanceof WebAssembly.RuntimeError);
      assert.match(error.message, /the ecsimg core failed \(unreachable\)/);
      assert.equal(loads(), 1);
      await run();
      assert.equal(loads(), 2, 'the module was not loaded again');
    });
  }

  test('a stack overflow in the core (RangeError) is handled the same way', async () => {
    const { loader, loads } = await trappingLoader('decode', new RangeError('Maximum call stack size exceeded'));
    const c = new pkg.BaseClient({ regionId: REGION, credentials: DEMO, endpoint: 'http://127.0.0.1:9', fetch: answer }, loader);
    await rejectsEcs(c.describeImages({}), { kind: 'internal' });
    await c.describeImages({});
    assert.equal(loads(), 2);
  });

  test('a trap while decoding an ExportImage answer: outcome unknown, not resent', async () => {
    const { loader } = await trappingLoader('decode');
    const log = recordingFetch(answer);
    const c = new pkg.BaseClient({ regionId: REGION, credentials: DEMO, endpoint: 'http://127.0.0.1:9', fetch: log, maxAttempts: 3 }, loader);
    await rejectsEcs(c.exportImage({ imageId: 'm-1', OSSBucket: 'my-bucket' }), { kind: 'internal', outcomeUnknown: true, attempts: 1 });
    assert.equal(log.calls.length, 1);
  });

  test('other errors of the core loader pass through untouched', async () => {
    const boom = new TypeError('not a trap');
    const c = new pkg.BaseClient({ regionId: REGION, credentials: DEMO, fetch: answer }, async () => ({
      sign: () => {
        throw boom;
      },
    }));
    await assert.rejects(c.describeImages({}), (e) => e === boom);
  });

  test('a real out-of-memory in the core: the next call runs on a fresh instance of the same glue', async () => {
    // The package's own client and glue module (the one instance the entry point uses): its memory is
    // grown to the wasm32 limit, so the core cannot allocate an 8 MiB request and traps.
    const glue = await import(pathToFileURL(join(PKG_DIST, 'wasm/ecsimg_wasm.js')).href);
    const c = client(answer);
    await c.describeImages({});
    const exports = glue.initSync();
    exports.memory.grow(65536 - exports.memory.buffer.byteLength / 65536);
    const big = { imageName: 'x'.repeat(8 * MiB) };
    const error = await rejectsEcs(c.describeImages(big), { kind: 'internal' });
    assert.ok(error.cause instanceof WebAssembly.RuntimeError, String(error.cause));
    // The old instance has no memory left for a 4 MiB request; a fresh one has.
    assert.equal((await c.describeImages({ imageName: 'x'.repeat(4 * MiB) })).totalCount, 0);
    assert.notEqual(glue.initSync(), exports, 'the glue kept the instance that trapped');
  });
});
