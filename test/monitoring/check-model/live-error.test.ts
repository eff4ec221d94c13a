import { describe, expect, it } from 'vitest';
import { LiveErrorJoin } from '../../../src/monitoring/check-model/live-error';
import { retrainAsk } from '../../../src/monitoring/check-model/retrain-ask';
import type { DriftReport } from '../../../src/monitoring/drift/drift-report';

const limits = { maxLiveErrorRatio: 1.5, minSamples: 2 };

describe('live error', () => {
  it('joins feedback by (requestId, row) and scores RMSE of the checked version only', () => {
    const join = new LiveErrorJoin(
      [
        { requestId: 'a', row: 0, actual: 10 },
        { requestId: 'a', row: 1, actual: 20 },
        { requestId: 'b', row: 0, actual: 5 }, // logged by another version
        { requestId: 'ghost', row: 0, actual: 1 },
        { requestId: 'ghost', row: 1, actual: 1 },
        { requestId: 'gone', row: 0, actual: 1 },
      ],
      false,
    );
    join.observe('a', 0, 13, true);
    join.observe('a', 1, 16, true);
    join.observe('a', 2, 99, true); // no feedback for this row
    join.observe('b', 0, 50, false);
    join.observe('c', 0, 7, true); // no feedback for this request
    // RMSE of errors 3 and 4 = sqrt(12.5)
    expect(join.result(2, limits)).toEqual({
      metric: 'rmse',
      value: Math.sqrt(12.5),
      baseline: 2,
      limit: 3,
      breached: true,
      matched: 2,
      unknownRequestIds: 2,
    });
    expect(join.result(3, limits)?.breached).toBe(false);
  });

  it('joins each feedback item with one logged row, and knows which requests still wait', () => {
    const join = new LiveErrorJoin(
      [
        { requestId: 'a', row: 0, actual: 1 },
        { requestId: 'a', row: 1, actual: 1 },
      ],
      false,
    );
    join.observe('a', 0, 3, true);
    join.observe('a', 0, 5, true); // the same row logged twice
    expect(join.isPending('a')).toBe(true);
    expect(join.pendingItems).toBe(1);
    join.observe('a', 1, 1, true);
    expect(join.isPending('a')).toBe(false);
    expect(join.pendingItems).toBe(0);
    expect(join.result(10, limits)).toMatchObject({ matched: 2, value: Math.sqrt(2) });
  });

  it('scores classifiers by accuracy: a breach is the error rate grown by the ratio', () => {
    const join = new LiveErrorJoin(
      [
        { requestId: 'r', row: 0, actual: 'yes' },
        { requestId: 'r', row: 1, actual: true },
        { requestId: 'r', row: 2, actual: 'no' },
        { requestId: 'r', row: 3, actual: 'no' },
      ],
      true,
    );
    join.observe('r', 0, 'yes', true);
    join.observe('r', 1, 'true', true);
    join.observe('r', 2, 'yes', true);
    join.observe('r', 3, 'yes', true);
    const result = join.result(0.8, limits)!;
    expect(result).toMatchObject({ metric: 'accuracy', value: 0.5, baseline: 0.8, breached: true });
    expect(result.limit).toBeCloseTo(0.7, 12); // 1 - 0.2 x 1.5
  });

  it('is null without a matched row; never breaches below minSamples or without a baseline', () => {
    const none = new LiveErrorJoin([{ requestId: 'x', row: 0, actual: 1 }], false);
    none.observe('y', 0, 1, true);
    expect(none.result(1, limits)).toBeNull();
    expect(none.unknownRequestIds).toBe(1);

    const one = new LiveErrorJoin([{ requestId: 'x', row: 0, actual: 100 }], false);
    one.observe('x', 0, 0, true);
    expect(one.result(1, limits)).toMatchObject({ value: 100, breached: false, matched: 1 });
    expect(one.result(undefined, { ...limits, minSamples: 1 })).toMatchObject({
      baseline: null,
      limit: null,
      breached: false,
    });
  });
});

describe('retrain ask', () => {
  const report = (verdict: DriftReport['verdict']): DriftReport => ({
    rows: 300,
    malformedLines: 0,
    verdict,
    minSamples: 200,
    driftedShare: 0.5,
    driftedTopFeatures: [],
    features: {
      temperature: {
        metric: 'wasserstein',
        score: 0.4,
        threshold: 0.1,
        drifted: true,
        psi: 1,
        pValue: 0,
        pValueTest: 'ks',
      },
      zone: {
        metric: 'jensen_shannon',
        score: 0.01,
        threshold: 0.1,
        drifted: false,
        psi: 0,
        pValue: 0.9,
        pValueTest: 'chi_squared',
      },
    },
    quality: {},
  });
  const breach = {
    metric: 'rmse' as const,
    value: 41.2,
    baseline: 20.1,
    limit: 30.15,
    breached: true,
    matched: 900,
    unknownRequestIds: 0,
  };

  it('asks on drift, naming the drifted features, and on a live-error breach alone', () => {
    expect(retrainAsk('taxi', report('drift'), null, 'drift:t')).toEqual({
      model: 'taxi',
      trigger: 'drift',
      reason: '1 of 2 features drifted: temperature',
      driftReportId: 'drift:t',
    });
    expect(retrainAsk('taxi', report('no_drift'), breach, 'drift:t')).toEqual({
      model: 'taxi',
      trigger: 'live_error',
      reason: 'live rmse 41.2 above its limit 30.15 (validation 20.1) on 900 rows with feedback',
      driftReportId: 'drift:t',
    });
  });

  it('asks nothing without drift or breach (not enough data is no verdict)', () => {
    expect(retrainAsk('taxi', report('no_drift'), { ...breach, breached: false }, 'd')).toBeUndefined();
    expect(retrainAsk('taxi', report('not_enough_data'), null, 'd')).toBeUndefined();
  });
});
