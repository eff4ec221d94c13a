import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { DataError } from '../../../src/ml/errors';

/** The DataError a call throws (fails the test when it throws something else or nothing). */
export function thrownDataError(fn: () => unknown): DataError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(DataError);
  return caught as DataError;
}

/** The DataError a promise rejects with. */
export async function rejectedDataError(promise: Promise<unknown>): Promise<DataError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

/** The real bike-sharing data, resolved from the repository root (never copied into the repo). */
export const BIKE_SHARING_CSV = resolve(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'data',
  'bike-sharing',
  'hour.csv',
);

/**
 * Whether tests on the bike-sharing data can run: when the file is missing they fail under CI
 * (CI=true) and are skipped otherwise, saying why.
 */
export function bikeSharingAvailable(): boolean {
  if (existsSync(BIKE_SHARING_CSV)) return true;
  if (process.env.CI === 'true')
    throw new Error(`Bike-sharing data missing at ${BIKE_SHARING_CSV} (required when CI=true)`);
  console.warn(`Skipping bike-sharing tests: ${BIKE_SHARING_CSV} does not exist (they run when it does)`);
  return false;
}
