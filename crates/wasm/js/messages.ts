// The problems of a request in words. The wasm core sends each problem as a code with its values
// (`ProblemDetail`); the words are the core's own phrases (generated/phrases.ts, written from
// ecsimg-core's validate::phrases), put together here as the core's `Problem::describe` does, so
// that the messages are the Rust ones to the byte (tests-js/messages.test.mjs compares them).

import type { Problem } from './errors.js';
import { PHRASES as P, QUOTE_LIMIT } from './generated/phrases.js';

/** A condition of a rule across parameters: `param` is given (`values` empty), or is one of `values`. */
export interface ProblemCondition {
  param: string;
  values: string[];
}

/** A value received (`got`, where there is one) and how a message shows it. */
export type ProblemReceived =
  | { shown: 'plain' | 'text' | 'number' | 'string' | 'boolean'; got: string }
  | { shown: 'null' | 'array' | 'object' | 'nothing'; got?: undefined };

/** The rule on the characters of a string that a value broke, and what it is about. */
export type ProblemTextRule =
  | { rule: 'ascii'; char: string }
  | { rule: 'chars'; also: string; char: string }
  | { rule: 'notPrefix' | 'notContains'; part: string }
  | { rule: 'firstLetter' | 'firstAsciiLetter' | 'version' | 'ossBucket' | 'regionId' | 'cloudBoxArn' };

/**
 * The rule a value broke, as data: its `code` and values. Paths are spelled as the caller spells
 * them (`tag[0].key`); 64-bit bounds are strings. `Problem.message` says the same in words.
 */
export type ProblemDetail =
  | { code: 'missing' }
  | { code: 'missingWhen'; when: ProblemCondition[] }
  | { code: 'missingOneOf'; options: string[] }
  | { code: 'unknown'; suggestion?: string }
  | ({ code: 'type'; expected: 'string' | 'integer' | 'long' | 'float' | 'boolean' | 'object' | 'array' } & ProblemReceived)
  | { code: 'length'; min?: number; max?: number; got: number }
  | { code: 'range'; min?: string; max?: string; got: string }
  | { code: 'oneOf'; allowed: string[]; got: string }
  | ({ code: 'text'; got: string } & ProblemTextRule)
  | { code: 'tooFewItems'; min: number; got: number }
  | { code: 'tooManyItems'; max: number; got: number }
  | { code: 'conflict'; with: string }
  | ({ code: 'restricted'; allowed: string[]; when: ProblemCondition[] } & ProblemReceived)
  | { code: 'duplicate'; first: string; got: string };

/** A problem as the core sends it. */
export interface CoreProblem {
  path: string;
  wirePath: string;
  kind: Problem['kind'];
  structural: boolean;
  problem: ProblemDetail;
}

/** The core's problem with its message: `<Action>.imageName: must be 2 to 128 characters, got 1`. */
export function toProblem(operation: string, p: CoreProblem): Problem {
  // An unknown key is never the request itself, even when it is spelled "".
  const atRequest = p.path === '' && p.problem.code !== 'unknown';
  const problem = describe(p.problem);
  const message = atRequest ? fill(P.atRequest, { operation, problem }) : fill(P.at, { operation, path: p.path, problem });
  return { path: p.path, wirePath: p.wirePath, kind: p.kind, structural: p.structural, detail: p.problem, message };
}

/** The rule broken, in words: `must be 2 to 128 characters, got 1`. */
function describe(d: ProblemDetail): string {
  switch (d.code) {
    case 'missing':
      return P.missing;
    case 'missingWhen':
      return fill(P.missingWhen, { when: conditions(d.when) });
    case 'missingOneOf':
      return fill(P.missingOneOf, { options: d.options.join(P.separatorList) });
    case 'unknown':
      return d.suggestion === undefined ? P.unknown : fill(P.unknownSuggestion, { suggestion: d.suggestion });
    case 'type':
      return mustBe(EXPECTED[d.expected], shown(d));
    case 'length':
      return mustBe(lengthInWords(d.min, d.max), String(d.got));
    case 'range':
      return mustBe(rangeInWords(d.min, d.max), d.got);
    case 'oneOf':
      return mustBe(choices(d.allowed), quote(d.got));
    case 'text':
      return fill(P.broken, { rule: textRule(d), got: quote(d.got) });
    case 'tooFewItems':
      return mustHave(P.atLeast, d.min, d.got);
    case 'tooManyItems':
      return mustHave(P.atMost, d.max, d.got);
    case 'conflict':
      return fill(P.conflict, { other: d.with });
    case 'restricted':
      return fill(P.restricted, { choices: choices(d.allowed), when: conditions(d.when), got: shown(d) });
    case 'duplicate':
      return fill(P.duplicate, { got: quote(d.got), first: d.first });
  }
}

const EXPECTED = {
  string: P.expectedString,
  integer: P.expectedInteger,
  long: P.expectedLong,
  float: P.expectedFloat,
  boolean: P.expectedBoolean,
  object: P.expectedObject,
  array: P.expectedArray,
} as const;

/** `template` with each `{name}` of `values` replaced in one pass; other braces are kept. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole));
}

function mustBe(rule: string, got: string): string {
  return fill(P.mustBe, { rule, got });
}

function mustHave(bound: string, n: number, got: number): string {
  const items = fill(P.itemsBound, { bound, n: String(n), items: plural(n, P.item, P.items) });
  return fill(P.mustHave, { items, got: String(got) });
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function lengthInWords(min: number | undefined, max: number | undefined): string {
  const bound = (word: string, n: number) => fill(P.lengthBound, { bound: word, n: String(n), characters: plural(n, P.character, P.characters) });
  if (min !== undefined && max !== undefined) {
    if (min === max) return fill(P.lengthExactly, { n: String(min), characters: plural(min, P.character, P.characters) });
    return fill(P.lengthBetween, { min: String(min), max: String(max) });
  }
  return min !== undefined ? bound(P.atLeast, min) : bound(P.atMost, max as number);
}

function rangeInWords(min: string | undefined, max: string | undefined): string {
  if (min !== undefined && max !== undefined) return fill(P.rangeBetween, { min, max });
  return min !== undefined ? fill(P.rangeBound, { bound: P.atLeast, n: min }) : fill(P.rangeBound, { bound: P.atMost, n: max as string });
}

function choices(values: string[]): string {
  const quoted = values.map(quote);
  return quoted.length === 1 ? quoted[0] : fill(P.oneOf, { values: quoted.join(P.separatorList) });
}

function conditions(when: ProblemCondition[]): string {
  const one = ({ param, values }: ProblemCondition) =>
    values.length === 0 ? fill(P.given, { param }) : fill(P.is, { param, values: values.map(quote).join(P.separatorOr) });
  return when.map(one).join(P.separatorAnd);
}

/** A value received as a message shows it: `500`, `"abc"`, `number 12`, `string "x"`, `nothing`. */
function shown(r: ProblemReceived): string {
  switch (r.shown) {
    case 'plain':
      return r.got;
    case 'text':
      return quote(r.got);
    case 'boolean':
      return fill(P.gotBoolean, { value: r.got });
    case 'number':
      return fill(P.gotNumber, { value: r.got });
    case 'string':
      return fill(P.gotString, { value: quote(r.got) });
    case 'null':
      return P.gotNull;
    case 'array':
      return P.gotArray;
    case 'object':
      return P.gotObject;
    case 'nothing':
      return P.gotNothing;
  }
}

/** The rule on characters, phrased as "must ...". */
function textRule(r: ProblemTextRule): string {
  switch (r.rule) {
    case 'ascii':
      return fill(P.textAscii, { char: quote(r.char) });
    case 'chars':
      if (r.also === '') return fill(P.textChars, { char: quote(r.char) });
      return fill(P.textCharsAnd, { chars: Array.from(r.also).join(P.separatorChars), char: quote(r.char) });
    case 'notPrefix':
      return fill(P.textNotPrefix, { part: quote(r.part) });
    case 'notContains':
      return fill(P.textNotContains, { part: quote(r.part) });
    case 'firstLetter':
      return P.textFirstLetter;
    case 'firstAsciiLetter':
      return P.textFirstAsciiLetter;
    case 'version':
      return P.textVersion;
    case 'ossBucket':
      return P.textOssBucket;
    case 'regionId':
      return P.textRegionId;
    case 'cloudBoxArn':
      return P.textCloudBoxArn;
  }
}

/** A string as messages show it: JSON-quoted, cut after `QUOTE_LIMIT` characters (code points). */
function quote(s: string): string {
  if (s.length <= QUOTE_LIMIT) return JSON.stringify(s);
  const chars = Array.from(s);
  if (chars.length <= QUOTE_LIMIT) return JSON.stringify(s);
  const quoted = JSON.stringify(chars.slice(0, QUOTE_LIMIT).join('') + P.ellipsis);
  return fill(P.quoteCut, { quoted, count: String(chars.length) });
}
