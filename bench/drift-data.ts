// The drift benchmark's data: logged prediction rows with 10 inputs (7 numeric, 3 categorical),
// as the prediction log writes them, and a training profile of the same inputs. Seeded, so every
// run writes the same blobs; three inputs are shifted in the logs so the check finds drift.
import { profileCategorical, profileNumeric } from '../src/ml/profile';
import type { ColumnProfile, TrainingProfile } from '../src/ml/profile/types';
import type { LogRow } from '../src/domain/log-row';

export const MODEL = 'drift-bench';
const ZONES = Array.from({ length: 20 }, (_, i) => `Z${String(i).padStart(2, '0')}`);
const WEATHER = ['clear', 'cloudy', 'rain', 'snow'];
const DAY_TYPES = ['workday', 'weekend', 'holiday'];

/** Inputs in order of importance (the check's "top features" are the first three). */
export const IMPORTANCE = [
  'temperature_c',
  'zone',
  'hour',
  'humidity',
  'wind_kmh',
  'precipitation_mm',
  'weather',
  'pressure_hpa',
  'visibility_km',
  'day_type',
];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
}

/** A row generator: `shifted` moves temperature, humidity and the weather mix (winter). */
export function rowSource(seed: number, shifted: boolean): () => Record<string, number | string> {
  const u = random(seed);
  const z = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return () => ({
    temperature_c: round(15 + 8 * z() - (shifted ? 12 : 0), 1),
    zone: ZONES[Math.floor(u() ** 1.5 * ZONES.length)]!,
    hour: Math.floor(u() * 24),
    humidity: round(Math.min(100, Math.max(5, 60 + 15 * z() + (shifted ? 15 : 0))), 1),
    wind_kmh: round(Math.abs(12 + 7 * z()), 1),
    precipitation_mm: round(u() < 0.7 ? 0 : -Math.log(u()) * 2, 2),
    weather: WEATHER[Math.min(3, Math.floor(u() * (shifted ? 4 : 3.2)))]!,
    pressure_hpa: round(1013 + 9 * z(), 1),
    visibility_km: round(Math.min(20, Math.abs(14 + 5 * z())), 1),
    day_type: DAY_TYPES[u() < 0.68 ? 0 : u() < 0.9 ? 1 : 2]!,
  });
}

/** What the model predicts for a row (a stand-in with the shape of a demand model). */
export function predictionFor(r: Record<string, number | string>): number {
  // float32 like ONNX Runtime's output: the log keeps every digit of it.
  return Math.fround(
    40 + 1.5 * (r.temperature_c as number) - 0.2 * (r.humidity as number) + (r.hour as number),
  );
}

/** The training profile: 100,000 unshifted rows through the app's own profilers. */
export function trainingProfile(): TrainingProfile {
  const next = rowSource(1, false);
  const rows = Array.from({ length: 100_000 }, next);
  const columns: Record<string, ColumnProfile> = {};
  for (const name of IMPORTANCE) {
    columns[name] =
      typeof rows[0]![name] === 'number'
        ? profileNumeric(Float64Array.from(rows, (r) => r[name] as number))
        : profileCategorical(rows.map((r) => r[name] as string));
  }
  return {
    version: 1,
    rowCount: rows.length,
    columns,
    prediction: profileNumeric(Float64Array.from(rows, predictionFor)),
  };
}

/** One logged batch (a request of `rows` rows), as predict hands it to the log. */
export function loggedBatch(
  next: () => Record<string, number | string>,
  rows: number,
  at: Date,
  n: number,
): LogRow[] {
  const requestId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const time = at.toISOString();
  return Array.from({ length: rows }, (_, row) => {
    const inputs = next();
    return { requestId, row, model: MODEL, version: 3, inputs, prediction: predictionFor(inputs), time };
  });
}
