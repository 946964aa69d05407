// Where the bytes of a wasm module go: section sizes, code bytes per crate and per function (from
// the `name` section), and the data segments. No dependencies beyond Node.
//
//   node crates/wasm/benches/breakdown.mjs FILE.wasm [--top N] [--json]
//
// Give it a module that still has its names: `wasm-bindgen --keep-debug` output, before wasm-opt
// (crates/wasm/benches/size.sh --breakdown builds one). wasm-opt -Oz then shrinks every part, so
// the shares matter more than the absolute numbers.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: node breakdown.mjs FILE.wasm [--top N] [--json]');
  process.exit(2);
}
const top = Number(args[args.indexOf('--top') + 1]) || 25;
const bytes = readFileSync(file);

let pos = 8;
function u32() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return result;
    shift += 7;
  }
}
function name() {
  const len = u32();
  const s = bytes.toString('utf8', pos, pos + len);
  pos += len;
  return s;
}

const SECTION = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];
const sections = [];
let importedFunctions = 0;
const bodies = []; // [size, start]
const dataSegments = []; // [size, start]
const functionNames = new Map();
const segmentNames = new Map(); // only when linked with --no-merge-data-segments
const exportNames = new Map();
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  const start = pos;
  const end = pos + size;
  let label = SECTION[id] ?? `id ${id}`;
  if (id === 0) {
    label = `custom "${name()}"`;
    if (label === 'custom "name"') {
      while (pos < end) {
        const sub = bytes[pos++];
        const subSize = u32();
        const subEnd = pos + subSize;
        if (sub === 1 || sub === 9) {
          const names = sub === 1 ? functionNames : segmentNames;
          const count = u32();
          for (let i = 0; i < count; i++) {
            const index = u32();
            names.set(index, name());
          }
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) {
        importedFunctions++;
        u32();
      } else if (kind === 1) {
        pos++;
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 2) {
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 3) {
        pos += 2;
      } else if (kind === 4) {
        pos++;
        u32();
      }
    }
  } else if (id === 7) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      const n = name();
      const kind = bytes[pos++];
      const index = u32();
      if (kind === 0) exportNames.set(index, n);
    }
  } else if (id === 10) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      const bodySize = u32();
      bodies.push([bodySize, pos]);
      pos += bodySize;
    }
  } else if (id === 11) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      const flags = u32();
      if (flags === 2) u32();
      if (flags === 0 || flags === 2) {
        // const expression up to `end` (0x0b)
        while (bytes[pos++] !== 0x0b);
      }
      const len = u32();
      dataSegments.push([len, pos]);
      pos += len;
    }
  }
  sections.push({ label, size });
  pos = end;
}

/** The crate a (demangled) Rust symbol belongs to, by its first path segment. */
function crateOf(symbol) {
  return pathOf(symbol, 1);
}

/** The first `depth` path segments of a (demangled) Rust symbol: `core::fmt` for depth 2. */
function pathOf(symbol, depth) {
  let s = symbol.replace(/^(dyn |&mut |&|\*const |\*mut |\[)+/, '');
  // `<A as B>::f`: A's crate, unless A is a primitive or a reference to one; then B's.
  const impl = /^<(.+?) as (.+?)>::/.exec(s);
  if (impl) {
    const self = impl[1].replace(/^(&mut |&|\*const |\*mut |\[|\(|dyn )+/, '');
    const segment = /^([A-Za-z_][\w]*)(\[[0-9a-f]+\])?::/.exec(self);
    s = segment ? self : impl[2];
  } else if (s.startsWith('<')) {
    s = s.slice(1).replace(/^(&mut |&|\*const |\*mut |\[|\(|dyn )+/, '');
  }
  const m = /^([A-Za-z_][\w]*)(\[[0-9a-f]+\])?::/.exec(s);
  if (!m) return /^__wbindgen|^__wbg|^__externref|wasm_bindgen/.test(symbol) ? 'wasm_bindgen' : '(other)';
  const crate = m[1] === '__rustc' ? 'std' : m[1];
  if (depth === 1) return crate;
  const rest = s.slice(m[0].length).split('::').slice(0, depth - 1).map((p) => p.replace(/\[[0-9a-f]+\]$/, '').replace(/[<>{].*$/, ''));
  return [crate, ...rest.filter(Boolean)].join('::');
}

/** The crate of a mangled data symbol: legacy `_ZN<len><ident>...E` or v0 `_R...C<len><ident>`. */
function crateOfMangled(symbol) {
  const legacy = /_ZN(\d+)/.exec(symbol);
  if (legacy) {
    const at = legacy.index + 3 + legacy[1].length;
    return symbol.slice(at, at + Number(legacy[1]));
  }
  const v0 = /_R\w*?C(?:s[0-9A-Za-z]*_)?(\d+)/.exec(symbol);
  if (v0) {
    const at = v0.index + v0[0].length;
    return symbol.slice(at, at + Number(v0[1]));
  }
  return symbol.startsWith('.rodata..L') || symbol.startsWith('.data..L') ? '(anonymous constants)' : '(other)';
}

/** A readable name for a mangled data symbol: its legacy path segments, hash dropped. */
function demangle(symbol) {
  const body = /_ZN(.*)E$/.exec(symbol)?.[1];
  if (!body) return symbol;
  const parts = [];
  for (let i = 0; i < body.length; ) {
    const len = /^\d+/.exec(body.slice(i));
    if (!len) break;
    i += len[0].length;
    parts.push(body.slice(i, i + Number(len[0])));
    i += Number(len[0]);
  }
  return parts.filter((p) => !/^h[0-9a-f]{16}$/.test(p)).join('::');
}

const dataPerCrate = new Map();
const dataSymbols = [];
for (const [i, [size]] of dataSegments.entries()) {
  const symbol = segmentNames.get(i);
  if (!symbol) continue;
  const crate = crateOfMangled(symbol);
  const entry = dataPerCrate.get(crate) ?? { crate, bytes: 0, segments: 0 };
  entry.bytes += size;
  entry.segments += 1;
  dataPerCrate.set(crate, entry);
  dataSymbols.push({ symbol: demangle(symbol.replace(/^\.(rodata|data|bss)\./, '')), crate, bytes: size });
}

const perModule = new Map();
const perCrate = new Map();
const functions = [];
for (const [i, [size]] of bodies.entries()) {
  const index = importedFunctions + i;
  const symbol = functionNames.get(index) ?? exportNames.get(index) ?? `func[${index}]`;
  const crate = crateOf(symbol);
  const module = pathOf(symbol, 2);
  const m = perModule.get(module) ?? { module, bytes: 0, functions: 0 };
  m.bytes += size;
  m.functions += 1;
  perModule.set(module, m);
  const entry = perCrate.get(crate) ?? { crate, bytes: 0, functions: 0 };
  entry.bytes += size;
  entry.functions += 1;
  perCrate.set(crate, entry);
  functions.push({ symbol: symbol.replace(/::h[0-9a-f]{16}$/, ''), crate, bytes: size });
}
/** Cross-crate themes that size work targets (a function can match several). */
const THEMES = [
  ['slice sorting (driftsort/ipnsort instantiations)', /core::slice::sort|dedup_sorted_iter/],
  ['float parsing (core dec2flt, serde_json)', /dec2flt|f64_from_parts|FromStr>::from_str.*f64|<f64 as .*FromStr/],
  ['float formatting (flt2dec, zmij)', /flt2dec|zmij|float_to_decimal/],
  ['Debug formatting, escapes, unicode tables', /fmt::Debug|escape_debug|unicode::printable|grapheme_extend/],
  ['core::fmt machinery', /core(\[[0-9a-f]+\])?::fmt::|fmt::Write|Formatter/],
  ['BTreeMap (serde_json::Map)', /btree/i],
  ['serde_json + serde_core', /serde_json|serde_core/],
  ['allocator', /dlmalloc|lol_alloc|__rdl_|__rust_alloc|__rust_dealloc|__rust_realloc/],
  ['panics and their messages', /panic|unwrap_failed|expect_failed|slice_error_fail|slice_index_fail|len_mismatch_fail/],
  ['SHA-1, SHA-256, HMAC', /^sha1|^sha2|^hmac|^digest|ecsimg_core::signing::digest/],
];
const themes = THEMES.map(([label, re]) => {
  const hit = functions.filter((f) => re.test(f.symbol));
  return { theme: label, bytes: hit.reduce((n, f) => n + f.bytes, 0), functions: hit.length };
});

const codeTotal = bodies.reduce((n, [size]) => n + size, 0);
const dataTotal = dataSegments.reduce((n, [size]) => n + size, 0);
const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;
const dataBytes = Buffer.concat(dataSegments.map(([size, start]) => bytes.subarray(start, start + size)));

/** Printable runs in the data segments: how much of it is text (messages, names, the catalogue). */
const text = dataBytes.toString('latin1').match(/[\x20-\x7e\n]{4,}/g) ?? [];
const textBytes = text.reduce((n, s) => n + s.length, 0);

const report = {
  file,
  bytes: bytes.length,
  gzip: gz(bytes),
  sections,
  code: { bytes: codeTotal, functions: bodies.length },
  data: { bytes: dataTotal, segments: dataSegments.length, gzip: gz(dataBytes), printableRuns: textBytes },
  crates: [...perCrate.values()].sort((a, b) => b.bytes - a.bytes),
  themes,
  modules: [...perModule.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top),
  functions: functions.sort((a, b) => b.bytes - a.bytes).slice(0, top),
  dataCrates: [...dataPerCrate.values()].sort((a, b) => b.bytes - a.bytes),
  dataSymbols: dataSymbols.sort((a, b) => b.bytes - a.bytes).slice(0, top),
};

if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  print(report);
}

function print(report) {
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const pct = (n, of) => `${((100 * n) / of).toFixed(1)}%`;
console.log(`${file}: ${bytes.length} B (${kb(bytes.length)}), gzip -9 ${kb(report.gzip)}`);
console.log('\nsections');
for (const s of sections) console.log(`  ${s.label.padEnd(32)} ${String(s.size).padStart(9)} B  ${pct(s.size, bytes.length).padStart(6)}`);
console.log(`\ndata: ${dataTotal} B in ${dataSegments.length} segments (gzip alone ${kb(report.data.gzip)}); printable text runs: ${textBytes} B`);
console.log(`\ncode: ${codeTotal} B in ${bodies.length} functions, by crate (first path segment of the symbol)`);
for (const c of report.crates) {
  console.log(`  ${c.crate.padEnd(24)} ${String(c.bytes).padStart(8)} B  ${pct(c.bytes, codeTotal).padStart(6)}  ${String(c.functions).padStart(5)} fns`);
}
console.log('\ncode by theme (regular expressions over the symbols; themes overlap)');
for (const t of report.themes) {
  console.log(`  ${t.theme.padEnd(48)} ${String(t.bytes).padStart(8)} B  ${pct(t.bytes, codeTotal).padStart(6)}  ${String(t.functions).padStart(5)} fns`);
}
console.log(`\ncode by module, largest ${top}`);
for (const m of report.modules) {
  console.log(`  ${m.module.padEnd(40)} ${String(m.bytes).padStart(8)} B  ${pct(m.bytes, codeTotal).padStart(6)}  ${String(m.functions).padStart(5)} fns`);
}
if (report.dataCrates.length) {
  console.log('\ndata by crate (named segments: linked with --no-merge-data-segments)');
  for (const c of report.dataCrates) {
    console.log(`  ${c.crate.padEnd(24)} ${String(c.bytes).padStart(8)} B  ${pct(c.bytes, dataTotal).padStart(6)}  ${String(c.segments).padStart(5)} segments`);
  }
  console.log(`\nlargest ${top} data symbols`);
  for (const d of report.dataSymbols) console.log(`  ${String(d.bytes).padStart(7)} B  ${d.crate.padEnd(14)} ${d.symbol.slice(0, 150)}`);
}
console.log(`\nlargest ${top} functions`);
for (const f of report.functions) console.log(`  ${String(f.bytes).padStart(7)} B  ${f.crate.padEnd(14)} ${f.symbol.slice(0, 150)}`);
}
