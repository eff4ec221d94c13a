import { describe, expect, it } from 'vitest';
import { parseModelSpec } from '../../../src/domain/spec/model-spec';
import { trainerParams } from '../../../src/pipeline/train/trainer-params';
import type { Task } from '../../../src/ml/matrix';

describe('trainerParams', () => {
  it.each([
    [{ target: 'y' }, 'regression', { seed: 42 }],
    [
      { target: 'y', seed: 7, params: { nEstimators: 10, earlyStopping: true } },
      'regression',
      { nEstimators: 10, earlyStopping: true, seed: 7 },
    ],
    [{ target: 'y', algorithm: 'linear', params: { alpha: 0.5 } }, 'regression', { alpha: 0.5 }],
    [{ target: 'y', algorithm: 'logistic', params: { C: 2 } }, 'binary', { C: 2 }],
  ] as const)('%j (%s) → %j', (spec, task, expected) => {
    expect(trainerParams(parseModelSpec(spec), task as Task)).toEqual(expected);
  });

  it.each([
    [
      { target: 'y', params: { trees: 10 } },
      'regression',
      'Invalid model spec: params.trees is not a parameter of gbdt (known: nEstimators, learningRate, maxDepth, maxLeaves, minSamplesLeaf, l2, subsample, maxBins, seed, nThreads, earlyStopping)',
    ],
    [
      { target: 'y', params: { maxDepth: 'deep' } },
      'regression',
      'Invalid model spec: params.maxDepth must be a number',
    ],
    [
      { target: 'y', params: { earlyStopping: 1 } },
      'regression',
      'Invalid model spec: params.earlyStopping must be true or false',
    ],
    [
      { target: 'y', algorithm: 'linear' },
      'binary',
      'Invalid model spec: algorithm "linear" fits regression, but the task is binary',
    ],
    [
      { target: 'y', algorithm: 'logistic' },
      'regression',
      'Invalid model spec: algorithm "logistic" fits classification, but the task is regression',
    ],
  ] as const)('%j (%s) fails: %s', (spec, task, message) => {
    expect(() => trainerParams(parseModelSpec(spec), task as Task)).toThrow(message);
  });
});
