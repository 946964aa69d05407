// Cold start in Node: a fresh process imports the `ecsimg` package (crates/wasm/pkg, dist/node.js)
// and presigns one DescribeImages, which compiles and instantiates the wasm on first use. Prints
// the median over fresh processes of: the import, the first presign (compile + instantiate +
// sign), and a second presign (warm), so the difference is what the first call pays.
//
//   node crates/wasm/benches/coldstart.mjs [--runs N]

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const at = process.argv.indexOf('--runs');
const RUNS = at >= 0 ? Number(process.argv[at + 1]) : 9;

// What each fresh process runs: its times as one JSON line.
const child = `
const t0 = performance.now();
const { EcsImageClient } = await import(${JSON.stringify(`${ROOT}crates/wasm/pkg/dist/node.js`)});
const t1 = performance.now();
const client = new EcsImageClient({ regionId: 'cn-hangzhou', credentials: { accessKeyId: 'id', accessKeySecret: 'secret' } });
await client.presign('DescribeImages', { imageOwnerAlias: 'self' });
const t2 = performance.now();
await client.presign('DescribeImages', { imageOwnerAlias: 'self' });
const t3 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, warmMs: t3 - t2 }));
`;

const runs = [];
for (let i = 0; i < RUNS; i++) {
  runs.push(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' })));
}
const median = (key) => {
  const s = runs.map((r) => r[key]).sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (x) => `${x.toFixed(2)} ms`;
console.log(`# ecsimg cold start in Node ${process.version}: ${RUNS} fresh processes, medians\n`);
console.log('| import the package | first presign (compile + instantiate + sign) | a second presign |');
console.log('| ---: | ---: | ---: |');
console.log(`| ${ms(median('importMs'))} | ${ms(median('firstMs'))} | ${ms(median('warmMs'))} |`);
console.log(`\nimport → first presign: ${ms(median('importMs') + median('firstMs'))}`);
