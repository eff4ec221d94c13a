import { describe, expect, it } from 'vitest';
import { LiveErrorJoin } from '../../../src/monitoring/drift/live-error';
import type { LiveErrorScoring } from '../../../src/monitoring/drift/live-error-scoring';
import { retrainAsk } from '../../../src/monitoring/drift/retrain-ask';
import type { DriftReport } from '../../../src/monitoring/drift/report/drift-report';

const limits = { maxLiveErrorRatio: 1.5, minSamples: 2 };
const REGRESSION = { task: 'regression' } as const;
const yesNo = (metric: 'accuracy' | 'f1') => ({ task: 'binary', classes: ['no', 'yes'], metric }) as const;

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
      REGRESSION,
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
      unreadableActuals: 0,
    });
    expect(join.result(3, limits)?.breached).toBe(false);
  });

  it("a challenger's row of the same request (shadow or canary) leaves the feedback to the checked version", () => {
    const join = new LiveErrorJoin(
      [
        { requestId: 'shadowed', row: 0, actual: 10 },
        { requestId: 'canary', row: 0, actual: 20 },
      ],
      REGRESSION,
    );
    expect(join.pendingItems).toBe(2);
    join.observe('shadowed', 0, 99, false); // the challenger's shadow row, read first
    // Still waiting: the lookback goes on looking for the checked version's row of the request.
    expect(join.pendingItems).toBe(2);
    expect(join.isPending('shadowed')).toBe(true);
    join.observe('shadowed', 0, 13, true);
    expect(join.isPending('shadowed')).toBe(false);
    join.observe('canary', 0, 50, false); // the canary answered...
    join.observe('canary', 0, 24, true); // ...and the checked version scored it beside
    expect(join.pendingItems).toBe(0);
    expect(join.result(1, limits)).toMatchObject({ matched: 2, value: Math.sqrt((9 + 16) / 2) });
    join.observe('shadowed', 0, 0, true); // a feedback item joins one row of the version once
    expect(join.result(1, limits)?.matched).toBe(2);
  });

  it('reads actuals as training reads the target: numeric text scores, NA and other text do not', () => {
    const join = new LiveErrorJoin(
      [
        { requestId: 'a', row: 0, actual: '10' },
        { requestId: 'a', row: 1, actual: ' 20 ' },
        { requestId: 'a', row: 2, actual: 'n/a' },
        { requestId: 'a', row: 3, actual: 'twenty' },
        { requestId: 'a', row: 4, actual: true },
      ],
      REGRESSION,
    );
    for (let row = 0; row < 5; row++) join.observe('a', row, [13, 16, 1, 1, 1][row]!, true);
    expect(join.result(2, limits)).toMatchObject({
      value: Math.sqrt(12.5),
      matched: 2,
      unreadableActuals: 3,
    });
  });

  it('says so when no matched actual was readable instead of reporting nothing', () => {
    const join = new LiveErrorJoin([{ requestId: 'a', row: 0, actual: 'unknown' }], REGRESSION);
    join.observe('a', 0, 3, true);
    expect(join.result(2, limits)).toMatchObject({
      value: null,
      matched: 0,
      unreadableActuals: 1,
      breached: false,
    });
  });

  it('reads classifier actuals as labels: 1 matches class "1", true matches "true"', () => {
    const join = new LiveErrorJoin(
      [
        { requestId: 'a', row: 0, actual: 1 },
        { requestId: 'a', row: 1, actual: true },
        { requestId: 'a', row: 2, actual: 'n/a' },
      ],
      { task: 'multiclass', classes: ['0', '1', 'true'], metric: 'accuracy' },
    );
    join.observe('a', 0, '1', true);
    join.observe('a', 1, 'true', true);
    join.observe('a', 2, '0', true);
    expect(join.result(0.9, limits)).toMatchObject({ value: 1, matched: 2, unreadableActuals: 1 });
  });

  it('joins each feedback item with one logged row, and knows which requests still wait', () => {
    const join = new LiveErrorJoin(
      [
        { requestId: 'a', row: 0, actual: 1 },
        { requestId: 'a', row: 1, actual: 1 },
      ],
      REGRESSION,
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
      yesNo('accuracy'),
    );
    join.observe('r', 0, 'yes', true);
    join.observe('r', 1, 'true', true);
    join.observe('r', 2, 'yes', true);
    join.observe('r', 3, 'yes', true);
    const result = join.result(0.8, limits)!;
    // F1 of "yes": 1 true positive, 2 false positives (the "true" label is neither class).
    expect(result).toMatchObject({ metric: 'accuracy', value: 0.5, accuracy: 0.5, f1: 0.5, baseline: 0.8 });
    expect(result.breached).toBe(true);
    expect(result.limit).toBeCloseTo(0.7, 12); // 1 - 0.2 x 1.5
  });

  /** A join over `pairs` of [actual, predicted] labels, each row observed once. */
  function classifierJoin(pairs: [string, string][], scoring: LiveErrorScoring): LiveErrorJoin {
    const join = new LiveErrorJoin(
      pairs.map(([actual], row) => ({ requestId: 'r', row, actual })),
      scoring,
    );
    pairs.forEach(([, predicted], row) => join.observe('r', row, predicted, true));
    return join;
  }

  // Binary, positive "yes": 3 true positives, 1 false positive, 2 false negatives, 4 true
  // negatives. Precision 0.75, recall 0.6, F1 2/3; accuracy 0.7.
  const BINARY: [string, string][] = [
    ...Array.from({ length: 3 }, (): [string, string] => ['yes', 'yes']),
    ['no', 'yes'],
    ['yes', 'no'],
    ['yes', 'no'],
    ...Array.from({ length: 4 }, (): [string, string] => ['no', 'no']),
  ];

  it('scores F1 of the positive class (class index 1) of a binary classifier', () => {
    const result = classifierJoin(BINARY, yesNo('f1')).result(0.7, limits)!;
    expect(result.metric).toBe('f1');
    expect(result.value).toBeCloseTo(2 / 3, 12);
    expect(result.f1).toBeCloseTo(2 / 3, 12);
    expect(result.accuracy).toBeCloseTo(0.7, 12);
    // With the classes the other way round, "no" is positive: precision 4/6, recall 4/5.
    const flipped = { task: 'binary', classes: ['yes', 'no'], metric: 'f1' } as const;
    expect(classifierJoin(BINARY, flipped).result(0.7, limits)!.f1).toBeCloseTo(8 / 11, 12);
  });

  it('scores macro F1 over the classes seen by a multiclass classifier', () => {
    // a: P 1/2 R 1/2 F1 1/2; b: P 2/3 R 1 F1 4/5; c (d predicted as c): P 1/2 R 1/2 F1 1/2;
    // d, a label the version never saw and never predicts: F1 0, still averaged (as scikit-learn).
    const pairs: [string, string][] = [
      ['a', 'a'],
      ['a', 'b'],
      ['b', 'b'],
      ['b', 'b'],
      ['c', 'c'],
      ['c', 'a'],
      ['d', 'c'],
    ];
    const scoring = { task: 'multiclass', classes: ['a', 'b', 'c'], metric: 'f1' } as const;
    const result = classifierJoin(pairs, scoring).result(0.9, limits)!;
    expect(result.f1).toBeCloseTo((1 / 2 + 4 / 5 + 1 / 2 + 0) / 4, 12);
    expect(result.accuracy).toBeCloseTo(4 / 7, 12);
    expect(result.value).toBe(result.f1);
  });

  it('judges the breach on F1 when validated on F1, on accuracy otherwise', () => {
    // Accuracy 0.7 against 0.78: limit 1 - 0.22 x 1.5 = 0.67, no breach.
    expect(classifierJoin(BINARY, yesNo('accuracy')).result(0.78, limits)).toMatchObject({
      metric: 'accuracy',
      breached: false,
    });
    // F1 2/3 against 0.8: limit 1 - 0.2 x 1.5 = 0.7, a breach.
    const f1 = classifierJoin(BINARY, yesNo('f1')).result(0.8, limits)!;
    expect(f1).toMatchObject({ metric: 'f1', breached: true });
    expect(f1.limit).toBeCloseTo(0.7, 12);
    expect(classifierJoin(BINARY, yesNo('f1')).result(0.75, limits)!.breached).toBe(false);
  });

  it('is null without a matched row; never breaches below minSamples or without a baseline', () => {
    const none = new LiveErrorJoin([{ requestId: 'x', row: 0, actual: 1 }], REGRESSION);
    none.observe('y', 0, 1, true);
    expect(none.result(1, limits)).toBeNull();
    expect(none.unknownRequestIds).toBe(1);

    const one = new LiveErrorJoin([{ requestId: 'x', row: 0, actual: 100 }], REGRESSION);
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
  const CURRENT = { type: 'categorical', count: 0, missing: 0, categories: [], other: 0 } as const;
  const report = (verdict: DriftReport['verdict']): DriftReport => ({
    rows: 300,
    malformedLines: 0,
    verdict,
    verdictReason: 'as the test says',
    minSamples: 200,
    reference: { kind: 'training' },
    driftedShare: 0.5,
    driftedTopFeatures: [],
    qualityBreaches: [],
    qualityBreachedTopFeatures: [],
    unmonitored: {},
    features: {
      temperature: {
        metric: 'wasserstein',
        score: 0.4,
        threshold: 0.1,
        drifted: true,
        psi: 1,
        pValue: 0,
        pValueTest: 'ks',
        current: CURRENT,
      },
      zone: {
        metric: 'jensen_shannon',
        score: 0.01,
        threshold: 0.1,
        drifted: false,
        psi: 0,
        pValue: 0.9,
        pValueTest: 'chi_squared',
        current: CURRENT,
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
    unreadableActuals: 0,
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

  it('never asks on a data-quality verdict, not even with a live-error breach', () => {
    expect(retrainAsk('taxi', report('data_quality'), breach, 'd')).toBeUndefined();
  });

  it('asks nothing without drift or breach (not enough data is no verdict)', () => {
    expect(retrainAsk('taxi', report('no_drift'), { ...breach, breached: false }, 'd')).toBeUndefined();
    expect(retrainAsk('taxi', report('not_enough_data'), null, 'd')).toBeUndefined();
  });
});
