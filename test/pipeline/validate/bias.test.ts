import { describe, expect, it } from 'vitest';
import { checkBias } from '../../../src/pipeline/validate/bias';

const slices = [
  { column: 'weather', value: 'clear', rows: 500, error: 10 },
  { column: 'weather', value: 'snow', rows: 40, error: 35 },
  { column: 'weather', value: 'hail', rows: 3, error: 400 },
];

describe('checkBias', () => {
  it('fails when the worst judged slice is over the limit, skipping small slices', () => {
    const verdict = checkBias(slices, 11, 3, 30);
    expect(verdict.passed).toBe(false);
    expect(verdict.worstSlice?.value).toBe('snow');
    expect(verdict.reason).toBe(
      'worst slice weather=snow (40 rows) has 3.18x the overall error, over the limit 3',
    );
  });

  it('passes within the limit', () => {
    expect(checkBias(slices, 12, 3, 30).passed).toBe(true);
  });

  it('passes and says why when no slice is large enough', () => {
    expect(checkBias(slices, 11, 3, 1000)).toEqual({
      passed: true,
      worstRatio: 0,
      reason: 'no slice has at least 1000 holdout rows to judge',
    });
  });
});
