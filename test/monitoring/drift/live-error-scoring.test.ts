import { describe, expect, it } from 'vitest';
import type { GateRecord, ModelVersion } from '../../../src/domain/model-version';
import { liveErrorScoring } from '../../../src/monitoring/drift/live-error-scoring';
import { newVersion } from '../../platform/registry/fixtures';

const version = (task: string, gates: GateRecord['gate'][], featureSchema: unknown = {}): ModelVersion => ({
  ...newVersion('m', 'run'),
  version: 1,
  task,
  gates: gates.map((gate) => ({ passed: true, reason: 'ok', ...(gate ? { gate } : {}) })),
  featureSchema: featureSchema as ModelVersion['featureSchema'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const pipeline = (classes: string[]): unknown => ({ target: { name: 'y', task: 'binary', classes } });

describe('live error scoring', () => {
  it.each([
    [
      'an f1 gate',
      [
        { metric: 'roc_auc', threshold: 0.5 },
        { metric: 'f1', threshold: 0.6 },
      ],
      'f1',
    ],
    ['no f1 gate', [{ metric: 'roc_auc', threshold: 0.5 }], 'accuracy'],
    ['f1 only in a bias check', [{ check: 'bias', metric: 'f1' }], 'accuracy'],
    ['no gates', [], 'accuracy'],
  ])('compares a classifier with %s on %s', (_, gates, metric) => {
    expect(liveErrorScoring(version('binary', gates, pipeline(['no', 'yes'])))).toEqual({
      task: 'binary',
      classes: ['no', 'yes'],
      metric,
    });
  });

  it('scores regression by RMSE, and takes 0/1 classes when the version records none', () => {
    expect(liveErrorScoring(version('regression', [{ metric: 'f1', threshold: 0 }]))).toEqual({
      task: 'regression',
    });
    expect(liveErrorScoring(version('binary', [], { inputs: [] }))).toMatchObject({ classes: ['0', '1'] });
    expect(liveErrorScoring(version('multiclass', [], pipeline(['a', 'b', 'c'])))).toMatchObject({
      task: 'multiclass',
      classes: ['a', 'b', 'c'],
    });
  });
});
