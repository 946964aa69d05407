// Request variants for every operation, generated from the catalogue: together they send every
// parameter (nested structs, lists of 2+ items, lists of scalars, hidden identity parameters),
// strings full of CJK, emoji, combining marks and URL-reserved characters, empty strings, integers
// at their range edges, floats that JavaScript prints in exponent form, both booleans; and each one
// respects the catalogue's limits and rules, so our validator must accept it.

import { fieldName, isNewer, operations, sdkName } from './catalogue.mjs';

/** The full variants; each sends every parameter (but one of each exclusive group). */
const FLAVORS = ['plain', 'unicode', 'reserved', 'empty'];

const INT32 = [-(2 ** 31), 2 ** 31 - 1];
const INT53 = [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
// 1e21 and 1.5e-7 are printed in exponent form by JavaScript (`1e+21`, `1.5e-7`).
const FLOATS = [0.5, 1e21, 1.5e-7, 123456789.125];

const SAMPLES = {
  plain: (name, salt) => `${name}-${salt}`,
  // CJK, an emoji (a surrogate pair in UTF-16), a combining acute accent, Greek.
  unicode: (name, salt) => `镜像 ${salt} 🚀 e\u0301 Ωmega 测试`,
  // Everything URL-special, plus an already-encoded-looking `%41` that must not be decoded.
  reserved: (name, salt) => `a!'()*~ &=+/?%#%41${salt}`,
};

const PATTERNS = {
  region: ['cn-hangzhou', 'ap-southeast-1', 'eu-central-1', 'cn-beijing'],
  version: ['1.0.0', '10.200.3000', '0.0.1', '1.2.3'],
  'oss-bucket': ['bucket-1', 'abc', '0-9', 'z'.repeat(63)],
  'cloudbox-arn': [
    'arn:acs:cloudbox:cn-hangzhou:1234567890:cloudbox/cb-1',
    'arn:acs:cloudbox:cn-shanghai:1:cloudbox/云盒 🚀',
    "arn:acs:cloudbox:cn-beijing:42:cloudbox/cb!'()*~&=+?%#",
    'arn:acs:cloudbox:eu-central-1:0:cloudbox/x',
  ],
};

const LETTER_OR_DIGIT = /[\p{Alphabetic}\p{N}]/u;

/** One variant per flavor, plus a minimal one (required parameters and what the rules demand). */
function variants(op, { withNewer = false } = {}) {
  const full = FLAVORS.map((flavor, index) => {
    const gen = { flavor, index, withNewer, full: true };
    const request = struct(op.params, gen, 0);
    for (const rule of op.rules ?? []) {
      if (!rule.exclusive) continue;
      // Keep one member of each exclusive group, a different one in each variant.
      const keep = rule.exclusive[index % rule.exclusive.length];
      for (const wire of rule.exclusive) if (wire !== keep) delete request[sdkName(wire)];
    }
    return { name: flavor, request: satisfyRules(op, request, gen) };
  });
  const gen = { flavor: 'plain', index: FLAVORS.length, withNewer, full: false };
  const minimal = { name: 'minimal', request: satisfyRules(op, struct(op.params, gen, 0), gen) };
  return [...full, minimal];
}

/** Every operation with its variants: `[{op, variant: {name, request}}]`. */
export function allCases({ withNewer = false } = {}) {
  return operations.flatMap((op) => variants(op, { withNewer }).map((variant) => ({ op, variant })));
}

function struct(fields, gen, salt) {
  const out = {};
  for (const field of fields) {
    if (isNewer(field) && !gen.withNewer) continue;
    if (!gen.full && !field.required) continue;
    out[fieldName(field)] = value(field, gen, salt);
  }
  return out;
}

function value(field, gen, salt) {
  switch (field.type) {
    case 'struct':
      return struct(field.fields, gen, salt);
    case 'list': {
      const wanted = gen.full ? 2 + (gen.index % 2) : 1;
      const count = Math.min(wanted, field.max_items ?? wanted);
      return Array.from({ length: count }, (_, i) => value(field.item, gen, i + 1));
    }
    case 'string':
      return string(field, gen, salt);
    case 'integer':
    case 'long':
      return integer(field, gen, salt);
    case 'float':
      return pick(FLOATS, gen.index + salt);
    case 'boolean':
      return gen.index % 2 === 0;
    default:
      throw new Error(`the catalogue has a type these fixtures do not know: ${field.type}`);
  }
}

function pick(values, n) {
  return values[n % values.length];
}

function integer(field, gen, salt) {
  if (field.enum) return pick(field.enum, gen.index + salt);
  const [typeMin, typeMax] = field.type === 'long' ? INT53 : INT32;
  const [lo, hi] = field.range ?? [null, null];
  const min = lo ?? typeMin;
  const max = hi ?? typeMax;
  return pick([min, max, Math.floor((min + max) / 2), Math.min(max, min + 1)], gen.index + salt);
}

function string(field, gen, salt) {
  if (field.enum) {
    const first = pick(field.enum, gen.index + salt);
    const joined = field.comma && (gen.flavor === 'unicode' || gen.flavor === 'reserved');
    return joined ? `${first},${pick(field.enum, gen.index + salt + 1)}` : first;
  }
  const text = field.text ?? {};
  if (text.pattern) {
    if (!PATTERNS[text.pattern]) throw new Error(`no sample values for the catalogue pattern ${text.pattern}`);
    return pick(PATTERNS[text.pattern], gen.index + salt);
  }
  const [min, max] = field.len ?? [null, null];
  // Empty only for the first item of a list, so that items stay distinct (`unique` rules).
  if (gen.flavor === 'empty' && !min && salt <= 1) return '';
  const flavor = gen.flavor === 'empty' ? 'plain' : gen.flavor;
  let chars = [...SAMPLES[flavor](field.name, salt)];
  if (text.chars !== undefined) {
    chars =
      flavor === 'reserved'
        ? [...`a${text.chars}b${salt}`]
        : chars.filter((c) => LETTER_OR_DIGIT.test(c) || text.chars.includes(c));
  }
  if (text.ascii) chars = chars.filter((c) => c.codePointAt(0) < 128);
  if (text.first === 'letter' && !/^\p{Alphabetic}/u.test(chars[0] ?? '')) {
    chars.unshift(flavor === 'unicode' ? '镜' : 'A');
  }
  if (text.first === 'ascii-letter' && !/^[A-Za-z]/.test(chars[0] ?? '')) chars.unshift('A');
  while (chars.length < (min ?? 0)) chars.push('x');
  // Lengths count Unicode scalar values, as the catalogue does.
  return chars.slice(0, max ?? chars.length).join('');
}

/** Adds or changes what the operation's rules demand, until none is broken. */
function satisfyRules(op, request, gen) {
  const rules = op.rules ?? [];
  const holds = (when) =>
    Object.entries(when).every(([wire, values]) => {
      const got = getPath(op, request, wire);
      return got !== undefined && (values === null || values.includes(String(got)));
    });
  for (let changed = true, round = 0; changed; round++) {
    if (round > 10) throw new Error(`${op.name}: its rules contradict each other`);
    changed = false;
    for (const rule of rules) {
      if (rule.one_of && !rule.one_of.some((wire) => getPath(op, request, wire) !== undefined)) {
        setPath(op, request, rule.one_of[0], (field) => value(field, { ...gen, full: true }, 0));
        changed = true;
      } else if (rule.require && holds(rule.when) && getPath(op, request, rule.require) === undefined) {
        setPath(op, request, rule.require, (field) => value(field, { ...gen, full: true }, 0));
        changed = true;
      } else if (rule.restrict && holds(rule.when) && !rule.to.includes(String(getPath(op, request, rule.restrict)))) {
        setPath(op, request, rule.restrict, (field) => wireToValue(field, rule.to[0]));
        changed = true;
      }
    }
  }
  return request;
}

function wireToValue(field, wire) {
  if (field.type === 'boolean') return wire === 'true';
  if (field.type === 'string') return wire;
  return Number(wire);
}

/** The fields along a dotted wire path of struct members (rule paths have no list indices). */
function fieldsAlong(op, wire) {
  let fields = op.params;
  return wire.split('.').map((name) => {
    const field = fields.find((f) => f.name === name);
    if (!field) throw new Error(`${op.name}: a rule names ${wire}, which the catalogue does not have`);
    fields = field.fields ?? [];
    return field;
  });
}

function getPath(op, request, wire) {
  let node = request;
  for (const field of fieldsAlong(op, wire)) node = node?.[fieldName(field)];
  return Array.isArray(node) && node.length === 0 ? undefined : node;
}

function setPath(op, request, wire, make) {
  const path = fieldsAlong(op, wire);
  let node = request;
  for (const field of path.slice(0, -1)) node = node[fieldName(field)] ??= {};
  const last = path[path.length - 1];
  node[fieldName(last)] = make(last);
}
