import { DataError } from '../errors';
import type { ColumnProfile } from '../profile/types';
import { chiSquaredDriftTest } from './chi-squared';
import { jensenShannonTest } from './jensen-shannon';
import { ksTest } from './ks';
import { psiTest } from './psi';
import type { DriftTest } from './types';
import { wassersteinTest } from './wasserstein';

/** Every drift test, by name. Adding one means adding it here. */
export const DRIFT_TESTS: readonly DriftTest[] = [
  psiTest,
  jensenShannonTest,
  wassersteinTest,
  ksTest,
  chiSquaredDriftTest,
];

/** Reference sizes up to this use a statistical test, larger ones a distance (as Evidently). */
export const SMALL_REFERENCE = 1000;

/** The test of that name; 'bad_spec' naming the known ones otherwise. */
export function driftTestByName(name: string): DriftTest {
  const test = DRIFT_TESTS.find((t) => t.name === name);
  if (test === undefined) {
    const known = DRIFT_TESTS.map((t) => t.name).join(', ');
    throw new DataError('bad_spec', `Unknown drift test "${name}" (known: ${known})`, { test: name });
  }
  return test;
}

/**
 * The default test for a column, chosen as Evidently does by type and reference size: numeric →
 * KS for up to 1000 training values, else normalised Wasserstein; categorical → chi-squared for
 * up to 1000, else Jensen-Shannon.
 */
export function defaultDriftTest(reference: ColumnProfile): DriftTest {
  const small = reference.count <= SMALL_REFERENCE;
  if (reference.type === 'numeric') return small ? ksTest : wassersteinTest;
  return small ? chiSquaredDriftTest : jensenShannonTest;
}
