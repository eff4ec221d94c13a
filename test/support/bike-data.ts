// The UCI bike sharing hourly data (Fanaee-T and Gama 2013), read from beside the project (never
// copied in): the tests that need it fail under CI=true when it is missing and skip with a
// message elsewhere.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const BIKE_DATA = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'shared',
  'data',
  'bike-sharing',
  'hour.csv',
);

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

/**
 * The bike data cut at 2012-10-01: the CSV text of every row before (to train on) and the rows of
 * 2012-Q4 as predict-request records (dteday as text, the rest as numbers).
 */
export function bikeQ4Split(csv: string): { train: string; q4: Record<string, string | number>[] } {
  const lines = csv.trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const day = header.indexOf('dteday');
  const rows = lines.slice(1).map((l) => l.split(','));
  const train = [lines[0], ...lines.slice(1).filter((_, i) => rows[i]![day]! < '2012-10-01')];
  const q4 = rows
    .filter((cells) => cells[day]! >= '2012-10-01')
    .map((cells) => Object.fromEntries(header.map((h, i) => [h, i === day ? cells[i]! : Number(cells[i])])));
  return { train: `${train.join('\n')}\n`, q4 };
}
