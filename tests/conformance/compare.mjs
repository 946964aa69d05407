// Comparing two requests as a server sees them. Raw URLs differ on purpose (the official SDK sends
// parameters in insertion order through Node's `querystring`, which leaves `!'()*` unescaped; we
// send the canonical query), so queries are compared as decoded parameter multisets.

/** The decoded `[key, value]` pairs of a URL's query, sorted. */
export function queryPairs(url) {
  return [...new URL(url, 'http://capture.invalid').searchParams].sort(byKeyThenValue);
}

function byKeyThenValue([ka, va], [kb, vb]) {
  return ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0;
}

/** Human-readable differences between two decoded parameter multisets; empty when equal. */
export function pairsDiff(ours, official) {
  const group = (pairs) => {
    const map = new Map();
    for (const [k, v] of pairs) map.set(k, [...(map.get(k) ?? []), v]);
    return map;
  };
  const a = group(ours);
  const b = group(official);
  const out = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = JSON.stringify(a.get(key) ?? []);
    const y = JSON.stringify(b.get(key) ?? []);
    if (x !== y) out.push(`${key}: ours ${x} vs official ${y}`);
  }
  return out;
}

/** Differences in the given headers' values. */
export function headersDiff(names, ours, official, theirName = 'official') {
  return names
    .filter((name) => ours[name] !== official[name])
    .map((name) => `header ${name}: ours ${JSON.stringify(ours[name])} vs ${theirName} ${JSON.stringify(official[name])}`);
}

/** The parts of an ACS3 `Authorization` header. */
export function parseAuthorization(value = '') {
  const space = value.indexOf(' ');
  const fields = Object.fromEntries(
    value
      .slice(space + 1)
      .split(',')
      .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]),
  );
  const signedHeaders = (fields.SignedHeaders ?? '').split(';');
  return { algorithm: value.slice(0, space), signedHeaders, signature: fields.Signature };
}

/** Where two strings first differ, with a little context; empty when equal. */
export function textDiff(label, ours, official, theirName = 'official') {
  if (ours === official) return [];
  if (typeof ours !== 'string' || typeof official !== 'string') {
    return [`${label}: ours ${JSON.stringify(ours)} vs ${theirName} ${JSON.stringify(official)}`];
  }
  let i = 0;
  while (i < Math.min(ours.length, official.length) && ours[i] === official[i]) i++;
  const around = (s) => JSON.stringify(s.slice(Math.max(0, i - 20), i + 40));
  return [`${label} differs at character ${i}: ours …${around(ours)}… vs ${theirName} …${around(official)}…`];
}

/** Collects failures across many cases so that one assertion reports all of them at once. */
export class Mismatches {
  #lines = [];

  add(context, problems) {
    for (const problem of problems) this.#lines.push(`${context}: ${problem}`);
  }

  get count() {
    return this.#lines.length;
  }

  /** Throws with every collected difference (capped, so that one broken rule stays readable). */
  check() {
    if (this.#lines.length === 0) return;
    const shown = this.#lines.slice(0, 60);
    const more = this.#lines.length > shown.length ? `\n... and ${this.#lines.length - shown.length} more` : '';
    throw new Error(`${this.#lines.length} difference(s):\n${shown.join('\n')}${more}`);
  }
}
