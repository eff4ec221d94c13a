// Generated taxi demand data for tests that train through the app.
import { expect } from 'vitest';
import { renderRows } from '../../src/datagen/format';
import { generateTaxiDemand, TAXI_DEMAND_SPEC, type TaxiDemandRow } from '../../src/datagen/taxi-demand';
import { seededRandom } from '../../src/ml/random';
import { runIdFor } from '../../src/domain/ids';
import type { Pipeline } from './runtime';

/** Small generated taxi demand data for the e2e tests (days x zones x 24 rows), as CSV. */
export function taxiCsv(
  options: { days?: number; zones?: number; seed?: number; shuffleTarget?: boolean; noise?: number } = {},
): string {
  let rows: TaxiDemandRow[] = [
    ...generateTaxiDemand({ days: options.days ?? 20, zones: options.zones ?? 4, seed: options.seed ?? 7 }),
  ];
  const random = seededRandom((options.seed ?? 7) + 1);
  if (options.shuffleTarget) {
    const trips = rows.map((r) => r.trips);
    for (let i = trips.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [trips[i], trips[j]] = [trips[j]!, trips[i]!];
    }
    rows = rows.map((r, i) => ({ ...r, trips: trips[i]! }));
  }
  if (options.noise) {
    const sd = options.noise;
    rows = rows.map((r) => ({ ...r, trips: Math.max(0, Math.round(r.trips + sd * gaussian(random))) }));
  }
  return renderRows(rows, 'csv');
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The generator's spec, with fewer trees so the e2e suite stays fast. */
export const TAXI_SPEC = { ...TAXI_DEMAND_SPEC, params: { nEstimators: 40 } };

/** The CSV with the target ("trips", the last column) blanked in its last `rows` rows. */
export function withBlankTargets(csv: string, rows: number): string {
  const lines = csv.trimEnd().split('\n');
  for (let i = lines.length - rows; i < lines.length; i++) lines[i] = lines[i]!.replace(/[^,]*$/, '');
  return lines.join('\n') + '\n';
}

/** Trains model `taxi` through the running app on two drops (seeds 7 and 8): versions 1 and 2. */
export async function trainTwoTaxiVersions(p: Pipeline): Promise<void> {
  await p.drop('taxi', 'model.json', JSON.stringify({ ...TAXI_SPEC, params: { nEstimators: 20 } }));
  for (const [name, seed] of [
    ['a.csv', 7],
    ['b.csv', 8],
  ] as const) {
    const etag = await p.drop('taxi', name, taxiCsv({ days: 10, seed }));
    expect((await p.finishedRun('taxi', runIdFor(`taxi/${name}`, etag))).status).toBe('succeeded');
  }
}
