import { describe, expect, it } from 'vitest';
import { renderRows } from '../../../src/datagen/format';
import { generateTaxiDemand, TAXI_DEMAND_SPEC } from '../../../src/datagen/taxi-demand';
import { fitDataset, type FitProgress } from '../../../src/pipeline/train/fit-dataset';
import { parseModelSpec } from '../../../src/domain/spec/model-spec';

describe('fitDataset progress', () => {
  it('reports rows read, then boosting iterations of the validated model and of the refit, then export', async () => {
    const csv = renderRows(generateTaxiDemand({ days: 10, zones: 3 }), 'csv');
    const spec = parseModelSpec({ ...TAXI_DEMAND_SPEC, params: { nEstimators: 20 } });
    const seen: FitProgress[] = [];
    await fitDataset(
      {
        fileName: 'taxi.csv',
        content: new Uint8Array(Buffer.from(csv)),
        spec,
        limits: { maxRows: 1_000_000, maxBytes: 10_000_000 },
      },
      (p) => seen.push(p),
      0,
    );
    const training = seen.filter((p) => p.stage === 'train' && p.iterations !== undefined);
    const once = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(training.map((p) => p.iterations)).toEqual([...once, ...once]);
    // The validated model is the first half of the stage, the refit on all rows the second.
    expect(training[19]?.progress).toBe(0.5);
    expect(training.at(-1)?.progress).toBe(1);
    expect(training.every((p) => p.rowsRead === 10 * 24 * 3)).toBe(true);
    expect(seen.at(-1)?.stage).toBe('export');
  });
});
