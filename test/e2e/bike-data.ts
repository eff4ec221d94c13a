// The UCI bike sharing hourly data (Fanaee-T and Gama 2013), read from beside the project: the
// tests that need it fail under CI=true when it is missing and skip with a message elsewhere.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './pipeline-harness';

export const BIKE_DATA = path.resolve(ROOT, '..', 'shared', 'data', 'bike-sharing', 'hour.csv');

export const BIKE_SPEC = {
  target: 'cnt',
  timeColumn: 'dteday',
  exclude: ['instant', 'casual', 'registered'],
};

/** Whether the data is there; throws under CI=true when it is not, else warns that `what` skips. */
export function bikeDataPresent(what: string): boolean {
  if (existsSync(BIKE_DATA)) return true;
  if (process.env.CI === 'true')
    throw new Error(`Bike sharing data missing at ${BIKE_DATA} (required when CI=true)`);
  console.warn(`Skipping ${what}: ${BIKE_DATA} is missing`);
  return false;
}
