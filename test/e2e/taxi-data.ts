import { renderRows } from '../../src/datagen/format';
import { generateTaxiDemand, TAXI_DEMAND_SPEC, type TaxiDemandRow } from '../../src/datagen/taxi-demand';
import { seededRandom } from '../../src/ml/random';

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
