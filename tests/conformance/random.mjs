// Seeded random input for the property tests of the npm package (package-properties.test.mjs), the
// same kinds of text as tests/official_encoder.rs generates for the core. A failure names its seed;
// ECSIMG_PROPERTY_SEED=<seed> replays the run, ECSIMG_PROPERTY_CASES=<n> changes its length.

export const SEED = Number(process.env.ECSIMG_PROPERTY_SEED ?? Date.now() % 2 ** 32) >>> 0;
export const CASES = Number(process.env.ECSIMG_PROPERTY_CASES ?? 3000);

/** A small, fast PRNG (mulberry32): the same seed gives the same cases on every platform. */
export class Random {
  #state;

  constructor(seed) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next() {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }

  /** An integer in [min, max]. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick(items) {
    return items[this.int(0, items.length - 1)];
  }

  /** One of `[weight, make]` choices, by weight; returns `make(this)`. */
  weighted(choices) {
    let n = this.next() * choices.reduce((sum, [weight]) => sum + weight, 0);
    for (const [weight, make] of choices) {
      if ((n -= weight) < 0) return make(this);
    }
    return choices.at(-1)[1](this);
  }

  /** A code point in [min, max], skipping the surrogates (JSON and UTF-8 carry scalar values only). */
  codePoint(min, max) {
    for (;;) {
      const c = this.int(min, max);
      if (c < 0xd800 || c > 0xdfff) return String.fromCodePoint(c);
    }
  }

  /** `min` to `max` results of `make`, joined. */
  text(make, min = 0, max = 31) {
    return Array.from({ length: this.int(min, max) }, () => make(this)).join('');
  }
}

const PUNCTUATION = [...'!"#$&\'()*+,-./:;<=>?@[\\]^_`{|}~'];

/** Where encoders go wrong: punctuation and controls, `%`, spaces, and 2-, 3- and 4-byte UTF-8. */
export const trickyChar = (r) =>
  r.weighted([
    [4, () => r.pick(PUNCTUATION)],
    [2, () => '%'],
    [2, () => r.pick([' ', '\t', '\u00a0', '\u3000'])],
    [1, () => r.codePoint(0, 0x7f)],
    [2, () => r.codePoint(0x80, 0x7ff)],
    [2, () => r.codePoint(0x800, 0xffff)],
    [2, () => r.codePoint(0x10000, 0x10ffff)],
  ]);

/** Any Unicode scalar value, the Basic Multilingual Plane as likely as the rest. */
export const anyChar = (r) => (r.next() < 0.5 ? r.codePoint(0, 0xffff) : r.codePoint(0, 0x10ffff));

export const trickyString = (r, min = 0) => r.text(trickyChar, min);
export const anyString = (r, min = 0) => r.text(anyChar, min);
/** Any text, or text full of tricky characters. */
export const anyText = (r, min = 0) => (r.next() < 0.5 ? anyString(r, min) : trickyString(r, min));

/**
 * Runs `property(random)` for CASES cases (each from a seed made of SEED and its index), and
 * returns the problems of the first 20 failing ones.
 */
export async function forAll(property) {
  const failures = [];
  for (let i = 0; i < CASES && failures.length < 20; i++) {
    const seed = (SEED + Math.imul(i, 0x9e3779b9)) >>> 0;
    const problems = await property(new Random(seed));
    if (problems.length > 0) failures.push(`case ${i}: ${problems.join('; ')}`);
  }
  return failures;
}
