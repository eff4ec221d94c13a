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
