// The flat view of an answer: its wrapper objects replaced by their lists, where the operation's
// `wraps` table (generated from the catalogue) says they are.

import type { ListWrap, Wrap, Wraps } from './operation.js';

/**
 * `body` with every wrapper object on a path of `wraps` replaced by its list (`images: {image: [...]}`
 * becomes `images: [...]`, at every depth); a wrapper without its key becomes `[]`, and any value
 * of another shape than described is kept as it is, as are the fields `wraps` does not name. Only
 * the objects and arrays on those paths are new: the rest is shared with `body`, which is not changed.
 */
export function unwrapLists(wraps: Wraps, body: unknown): unknown {
  if (!isObject(body)) return body;
  // `fromEntries` keeps a key such as `__proto__` an own field, as `JSON.parse` made it.
  return Object.fromEntries(Object.entries(body).map(([name, value]) => [name, Object.hasOwn(wraps, name) ? unwrapValue(wraps[name], value) : value]));
}

function unwrapValue(wrap: Wrap, value: unknown): unknown {
  if (!isListWrap(wrap)) return unwrapLists(wrap, value);
  const [key, item] = wrap;
  const list = key !== null && isObject(value) ? (Object.hasOwn(value, key) ? value[key] : []) : value;
  return item !== undefined && Array.isArray(list) ? list.map((v) => unwrapValue(item, v)) : list;
}

function isListWrap(wrap: Wrap): wrap is ListWrap {
  return Array.isArray(wrap);
}

/** A JSON object (not an array, not null). */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
