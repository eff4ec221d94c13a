// Logged rows for the drift check's tests: five inputs (four numeric, one categorical) drawn from
// seeded normals, optionally shifted, and the training profile of a stable draw.
import { profileCategorical, profileNumeric } from '../../../../src/ml/profile/profile-column';
import type { TrainingProfile } from '../../../../src/ml/profile/types';
import type { ParsedLine } from '../../../../src/monitoring/drift/report/log-line';
import { seededNormals } from '../../../support/seeded-normals';

export const SETTINGS = { driftThreshold: 0.1, datasetDriftShare: 0.5, minSamples: 200 };
export const INPUTS = [
  ...['a', 'b', 'c', 'd'].map((name) => ({ name, type: 'numeric' as const })),
  { name: 'color', type: 'categorical' as const },
];
export const IMPORTANCE = ['a', 'b', 'c', 'd', 'color'];
const COLORS = ['red', 'green', 'blue'];

export interface Shift {
  readonly a?: number;
  readonly b?: number;
  readonly c?: number;
  readonly d?: number;
  readonly color?: boolean;
}

export function draw(n: number, seed: number, shift: Shift = {}): Record<string, number | string>[] {
  const z = seededNormals(seed);
  return Array.from({ length: n }, (_, i) => ({
    a: 10 + z() + (shift.a ?? 0),
    b: 50 + 5 * z() + (shift.b ?? 0),
    c: z() + (shift.c ?? 0),
    d: 100 + 10 * z() + (shift.d ?? 0),
    color: shift.color === true ? 'purple' : COLORS[i % 3],
  }));
}

function profileOf(rows: Record<string, number | string>[]): TrainingProfile {
  const num = (k: string): Float64Array => Float64Array.from(rows, (r) => r[k] as number);
  return {
    version: 1,
    rowCount: rows.length,
    columns: {
      a: profileNumeric(num('a')),
      b: profileNumeric(num('b')),
      c: profileNumeric(num('c')),
      d: profileNumeric(num('d')),
      color: profileCategorical(rows.map((r) => r.color as string)),
    },
    prediction: profileNumeric(Float64Array.from(rows, (r) => (r.a as number) * 2)),
  };
}

export const PROFILE = profileOf(draw(5000, 1));

export const baseline = (importance: readonly string[]) => ({ profile: PROFILE, inputs: INPUTS, importance });

export async function* logged(
  rows: Record<string, unknown>[],
  prediction = (r: Record<string, unknown>) => (r.a as number) * 2,
): AsyncGenerator<ParsedLine> {
  for (const [i, inputs] of rows.entries()) {
    yield {
      ok: true,
      row: {
        requestId: `r${i}`,
        row: 0,
        model: 'm',
        version: 1,
        inputs,
        prediction: prediction(inputs),
        time: '2026-01-01T00:00:00Z',
      },
    };
  }
}
