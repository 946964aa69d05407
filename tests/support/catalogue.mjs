// Facts the JavaScript suites read from the catalogue (crates/core/catalogue/ecs.json) rather than
// writing them again.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CATALOGUE = JSON.parse(
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../crates/core/catalogue/ecs.json'), 'utf8'),
);

/**
 * DescribeImages' `Status` filter naming every image status, so that a look-up finds an image
 * whatever its state (the default is Available only); `ALL` cannot be combined, so it is left out.
 */
export const ANY_IMAGE_STATUS = CATALOGUE.operations
  .find((op) => op.name === 'DescribeImages')
  .params.find((p) => p.name === 'Status')
  .enum.filter((status) => status !== 'ALL')
  .join(',');

/** The regions the emulator (and the console's sandbox) serves, in the catalogue's order. */
export const REGIONS = CATALOGUE.regions;
