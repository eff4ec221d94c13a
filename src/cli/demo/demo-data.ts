import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderRows } from '../../datagen/format';
import { generateTaxiDemand, TAXI_DEMAND_SPEC, type TaxiDemandRow } from '../../datagen/taxi-demand';

/**
 * The demo's files and rows: six weeks to train on, a normal day and three drifted weeks to replay
 * (enough drifted feedback for the retrained version to beat production on it).
 */
export interface DemoData {
  trainFile: string;
  specFile: string;
  trainRows: number;
  normalDay: TaxiDemandRow[];
  driftedWeeks: TaxiDemandRow[];
}

const ZONES = 4;

/** Generates the demo's taxi demand data into `dir`. Deterministic (fixed seeds). */
export function generateDemoData(dir: string): DemoData {
  const train = [...generateTaxiDemand({ start: '2025-01-01', days: 42, zones: ZONES, seed: 42 })];
  const trainFile = path.join(dir, 'taxi-2025-01.csv');
  writeFileSync(trainFile, renderRows(train, 'csv'));
  const specFile = path.join(dir, 'taxi-spec.json');
  // Fewer trees than the default keep the demo's training to seconds.
  writeFileSync(specFile, JSON.stringify({ ...TAXI_DEMAND_SPEC, params: { nEstimators: 60 } }, null, 2));
  const normalDay = [...generateTaxiDemand({ start: '2025-02-12', days: 1, zones: ZONES, seed: 43 })];
  // The generator's drift switch: colder, snowy weather and more demand in half of the zones.
  const driftedWeeks = [
    ...generateTaxiDemand({ start: '2025-02-13', days: 21, zones: ZONES, seed: 44, drift: true }),
  ];
  return { trainFile, specFile, trainRows: train.length, normalDay, driftedWeeks };
}

/** A generated row as the predict route takes it: the inputs, without the target. */
export function inputsOf(row: TaxiDemandRow): Record<string, unknown> {
  const { trips: _trips, ...inputs } = row;
  return inputs;
}
