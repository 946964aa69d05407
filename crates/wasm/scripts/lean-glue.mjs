// Drops the doc comments from the wasm-bindgen glue: they repeat its .d.ts, which is what editors
// and TypeScript read, and every page that loads the module would download them (about 640 B of
// its 3 KB gzip). Fails when the .d.ts next to it does not document what the glue exports.
//
//   node crates/wasm/scripts/lean-glue.mjs crates/wasm/js/wasm/ecsimg_wasm.js

import { readFileSync, writeFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const glue = readFileSync(file, 'utf8');
const types = readFileSync(file.replace(/\.js$/, '.d.ts'), 'utf8');
for (const [, name] of glue.matchAll(/^export function (\w+)/gm)) {
  if (!types.includes(`export function ${name}(`)) throw new Error(`${file}: ${name} is not in the .d.ts; keep its docs`);
}
writeFileSync(file, glue.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, ''));
