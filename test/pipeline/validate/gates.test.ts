import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../../../src/pipeline/validate/gates';

const champion = { label: 'production v3', metrics: { rmse: 100, r2: 0.8 } };

describe('evaluateGates', () => {
  it.each([
    [{ metric: 'rmse', threshold: 120 }, { rmse: 110 }, true, 'rmse 110 is at most the threshold 120'],
    [{ metric: 'rmse', threshold: 120 }, { rmse: 130 }, false, 'rmse 130 is above the threshold 120'],
    [{ metric: 'r2', threshold: 0 }, { r2: -0.01 }, false, 'r2 -0.0100000 is below the threshold 0'],
    [
      { metric: 'rmse', minAbsoluteChange: 0 },
      { rmse: 99 },
      true,
      'rmse 99 vs production v3 100: lower by at least the required 0',
    ],
    [
      { metric: 'rmse', minAbsoluteChange: 0 },
      { rmse: 101 },
      false,
      'rmse 101 vs production v3 100: not lower by the required 0',
    ],
    [
      { metric: 'rmse', minRelativeChange: 0.05 },
      { rmse: 96 },
      false,
      'rmse 96 vs production v3 100: not lower by the required 5',
    ],
    [
      { metric: 'r2', minAbsoluteChange: 0.01 },
      { r2: 0.82 },
      true,
      'r2 0.820000 vs production v3 0.800000: higher by at least the required 0.0100000',
    ],
    [{ metric: 'mae', threshold: 5 }, { rmse: 1 }, false, 'mae could not be computed on the holdout'],
  ] as const)('%j on %j → %s', (gate, metrics, passed, reason) => {
    expect(evaluateGates([gate], metrics, champion)).toEqual([{ gate, passed, reason }]);
  });

  it('passes change gates without a champion and says why', () => {
    const gate = { metric: 'rmse', minAbsoluteChange: 0 } as const;
    expect(evaluateGates([gate], { rmse: 500 })).toEqual([
      { gate, passed: true, reason: 'rmse: no production model to compare with' },
    ]);
  });

  it('judges a gate with both a threshold and a change twice', () => {
    const verdicts = evaluateGates(
      [{ metric: 'rmse', threshold: 90, minAbsoluteChange: 0 }],
      { rmse: 95 },
      champion,
    );
    expect(verdicts.map((v) => v.passed)).toEqual([false, true]);
  });
});
