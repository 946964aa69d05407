// Leaner wasm-bindgen glue: every page that loads the module downloads it.
// - Its doc comments go: they repeat its .d.ts, which is what editors and TypeScript read (about
//   640 B of its 3 KB gzip). Fails when the .d.ts next to it does not document what it exports.
// - Branches no caller of ours takes go: the `encodeInto` polyfill (every engine the package
//   supports has TextEncoder.encodeInto), and the warnings for `initSync(module)` and
//   `init(path)`, the deprecated positional forms (the client and the sandbox's worker pass
//   `{module}` and `{module_or_path}`). Each must be found exactly as written here, so a
//   wasm-bindgen that changes them fails the build rather than shipping them.
//
//   node crates/wasm/scripts/lean-glue.mjs crates/wasm/js/wasm/ecsimg_wasm.js

import { readFileSync, writeFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
let glue = readFileSync(file, 'utf8');
const types = readFileSync(file.replace(/\.js$/, '.d.ts'), 'utf8');
for (const [, name] of glue.matchAll(/^export function (\w+)/gm)) {
  if (!types.includes(`export function ${name}(`)) throw new Error(`${file}: ${name} is not in the .d.ts; keep its docs`);
}
glue = glue.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, '');

const positional = (name, what) => [
  `    if (${name} !== undefined) {
        if (Object.getPrototypeOf(${name}) === Object.prototype) {
            ({${name}} = ${name})
        } else {
            console.warn('using deprecated parameters for ${what}; pass a single object instead')
        }
    }
`,
  `    if (${name} !== undefined) ({${name}} = ${name});
`,
];
const dead = [
  [
    `if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}
`,
    '',
  ],
  positional('module', '`initSync()`'),
  positional('module_or_path', 'the initialization function'),
];
for (const [from, to] of dead) {
  const at = glue.indexOf(from);
  if (at < 0 || glue.indexOf(from, at + 1) >= 0) throw new Error(`${file}: expected once: ${from.split('\n')[0]}`);
  glue = glue.replace(from, to);
}
writeFileSync(file, glue);
