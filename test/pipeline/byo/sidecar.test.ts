import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { parseSidecarText } from '../../../src/domain/uploaded-model';

const valid = {
  task: 'regression',
  target: 'demand',
  inputs: [{ name: 'features', columns: ['hour', 'temp'], type: 'float32' }],
  dataset: 'taxi/june.csv',
};

function errorOf(text: string): AppError {
  try {
    parseSidecarText(text, 'incoming-models/taxi/m.json');
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('sidecar', () => {
  it('fills the defaults', () => {
    expect(parseSidecarText(JSON.stringify(valid))).toEqual({
      ...valid,
      outputs: {},
      holdoutFraction: 0.2,
      seed: 42,
    });
  });

  it('says when the text is not JSON', () => {
    const error = errorOf('{task: regression');
    expect(error.code).toBe('bad_sidecar');
    expect(error.message).toMatch(/^Invalid sidecar incoming-models\/taxi\/m\.json: not JSON \(/);
  });

  it.each([
    [
      { ...valid, task: 'ranking' },
      'task: Invalid option: expected one of "regression"|"binary"|"multiclass"',
    ],
    [{ ...valid, target: '' }, 'target: cannot be empty'],
    [{ ...valid, inputs: [] }, 'inputs: the model needs at least one input'],
    [
      { ...valid, inputs: [{ name: 'x', type: 'float16' }] },
      'inputs.0.type: Invalid option: expected one of "float32"|"float64"|"int64"|"string"',
    ],
    [
      { ...valid, inputs: [{ name: 'x', column: 'a', columns: ['b'], type: 'float32' }] },
      'inputs.0: give column or columns, not both',
    ],
    [
      {
        ...valid,
        inputs: [
          { name: 'x', type: 'float32' },
          { name: 'x', type: 'int64' },
        ],
      },
      'inputs: input names must be unique',
    ],
    [{ ...valid, holdoutFraction: 1 }, 'holdoutFraction: Too big: expected number to be <1'],
    [{ ...valid, dataset: undefined }, 'dataset: Invalid input: expected string, received undefined'],
    [{ ...valid, extra: 1 }, '(sidecar): Unrecognized key: "extra"'],
  ])('refuses %j', (sidecar, problem) => {
    const error = errorOf(JSON.stringify(sidecar));
    expect(error.message).toBe(`Invalid sidecar incoming-models/taxi/m.json: ${problem}`);
    expect(error.category).toBe('invalid');
  });
});
