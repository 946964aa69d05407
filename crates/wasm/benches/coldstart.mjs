// Cold start: the `ecsimg` package (crates/wasm/pkg) imported and one DescribeImages presigned,
// which compiles and instantiates the wasm on first use, in Node (fresh processes, dist/node.js)
// and in headless Chromium (fresh browser contexts, the browser entry: coldstart-chromium.mjs).
// Prints the median over the runs of: the import, the first presign (compile + instantiate +
// sign; in Chromium the wasm is fetched from 127.0.0.1 first), and a second presign (warm), so the
// difference is what the first call pays.
//
//   node crates/wasm/benches/coldstart.mjs [--runs N]

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromiumRuns } from './coldstart-chromium.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const at = process.argv.indexOf('--runs');
const RUNS = at >= 0 ? Number(process.argv[at + 1]) : 9;

/** What each run does, as the source of an async function resolving to its times, the package imported from `entry`. */
const measure = (entry) => `async () => {
  const t0 = performance.now();
  const { EcsImageClient } = await import(${JSON.stringify(entry)});
  const t1 = performance.now();
  const client = new EcsImageClient({ regionId: 'cn-hangzhou', credentials: { accessKeyId: 'id', accessKeySecret: 'secret' } });
  await client.presign('DescribeImages', { imageOwnerAlias: 'self' });
  const t2 = performance.now();
  await client.presign('DescribeImages', { imageOwnerAlias: 'self' });
  const t3 = performance.now();
  return { importMs: t1 - t0, firstMs: t2 - t1, warmMs: t3 - t2 };
}`;

/** `runs` fresh Node processes, each printing its times as one JSON line. */
function nodeRuns(runs) {
  const child = `console.log(JSON.stringify(await (${measure(`${ROOT}crates/wasm/pkg/dist/node.js`)})()));`;
  const times = [];
  for (let i = 0; i < runs; i++) {
    times.push(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' })));
  }
  return { runtime: `Node ${process.version} (fresh processes)`, runs: times };
}

const ms = (x) => `${x.toFixed(2)} ms`;
/** The table row of one runtime's medians. */
function row({ runtime, runs }) {
  const median = (key) => {
    const s = runs.map((r) => r[key]).sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
  };
  const [imported, first, warm] = [median('importMs'), median('firstMs'), median('warmMs')];
  return `| ${runtime} | ${ms(imported)} | ${ms(first)} | ${ms(warm)} | ${ms(imported + first)} |`;
}

console.log(`# ecsimg cold start: ${RUNS} runs each, medians\n`);
console.log('| runtime | import the package | first presign (compile + instantiate + sign) | a second presign | import → first presign |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(row(nodeRuns(RUNS)));
console.log(row(await chromiumRuns(RUNS, measure)));
