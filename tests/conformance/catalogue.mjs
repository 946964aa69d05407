// The catalogue as these tests read it: straight from crates/core/catalogue/ecs.json, so that the
// tests follow the catalogue instead of restating it.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const catalogue = JSON.parse(readFileSync(new URL('../../crates/core/catalogue/ecs.json', import.meta.url)));

export const operations = catalogue.operations;

/** The official TS SDK's name for a wire name: `ImageId` → `imageId`, `OSSBucket` stays. */
export function sdkName(wire) {
  const second = wire[1];
  return second !== undefined && second >= 'A' && second <= 'Z' ? wire : wire[0].toLowerCase() + wire.slice(1);
}

/** A catalogue field's TS name: its explicit `field` where the rule does not hold, else the rule's. */
export const fieldName = (field) => field.field ?? sdkName(field.name);

/** The official SDK's method name of an action: `CreateImage` → `createImage`. */
export function methodName(action) {
  return action[0].toLowerCase() + action.slice(1);
}

/** Whether a field exists only in a newer official SDK than the TS one these tests install. */
export const isNewer = (field) => field.since !== undefined;

/**
 * Every leaf of a parameter tree as `{key, field, sdkPath}`: `key` is the wire key with list
 * indices written `N` (`Tag.N.Key`), `sdkPath` the TS field names down to it.
 */
export function leaves(fields, { withNewer = false } = {}) {
  const out = [];
  const walk = (field, key, sdkPath) => {
    if (field.type === 'struct') {
      for (const child of field.fields) visit(child, key, sdkPath);
    } else if (field.type === 'list') {
      walk(field.item, `${key}.N`, [...sdkPath, 'N']);
    } else {
      out.push({ key, field, sdkPath });
    }
  };
  const visit = (field, prefix, sdkPath) => {
    if (isNewer(field) && !withNewer) return;
    walk(field, prefix ? `${prefix}.${field.name}` : field.name, [...sdkPath, fieldName(field)]);
  };
  for (const field of fields) visit(field, '', []);
  return out;
}

/** A wire key with its list indices replaced by `N`: `Tag.2.Key` → `Tag.N.Key`. */
export function keyShape(key) {
  return key
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? 'N' : part))
    .join('.');
}
