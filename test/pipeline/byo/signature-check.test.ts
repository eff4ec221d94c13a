import { describe, expect, it } from 'vitest';
import type { OnnxSignature } from '../../../src/ml/onnx';
import { parseSidecar } from '../../../src/domain/uploaded-model';
import { checkSidecarSignature } from '../../../src/domain/uploaded-model/signature-check';

const regression: OnnxSignature = {
  inputs: [
    { name: 'hour', type: 'float32', shape: ['N', 1] },
    { name: 'zone', type: 'string', shape: ['N'] },
  ],
  outputs: [{ name: 'demand', type: 'float32', shape: ['N', 1] }],
};
const sidecar = (overrides: Record<string, unknown> = {}) =>
  parseSidecar({
    task: 'regression',
    target: 'demand',
    inputs: [
      { name: 'hour', type: 'float32' },
      { name: 'zone', column: 'zone_name', type: 'string' },
    ],
    dataset: 'taxi.csv',
    ...overrides,
  });

describe('checkSidecarSignature', () => {
  it('resolves the regression output to the first output by default', () => {
    expect(checkSidecarSignature(regression, sidecar())).toEqual({ name: 'demand' });
  });

  it('finds a classifier probabilities output and its classes', () => {
    const graph: OnnxSignature = {
      inputs: [{ name: 'x', type: 'float32', shape: ['N', 3] }],
      outputs: [
        { name: 'label', type: 'int64', shape: ['N'] },
        { name: 'probabilities', type: 'float32', shape: ['N', 2] },
      ],
    };
    const binary = parseSidecar({
      task: 'binary',
      target: 'y',
      inputs: [{ name: 'x', columns: ['a', 'b', 'c'], type: 'float32' }],
      dataset: 'd.csv',
    });
    expect(checkSidecarSignature(graph, binary)).toEqual({ name: 'probabilities', nClasses: 2 });
  });

  it.each([
    [
      'an input the graph lacks',
      sidecar({
        inputs: [
          { name: 'hour', type: 'float32' },
          { name: 'zone', type: 'string' },
          { name: 'temp', type: 'float32' },
        ],
      }),
      'The uploaded ONNX model has no input "temp"; its inputs are "hour" (float32 [N, 1]), "zone" (string [N])',
    ],
    [
      'an undeclared graph input',
      sidecar({ inputs: [{ name: 'hour', type: 'float32' }] }),
      'The uploaded ONNX model takes inputs the sidecar does not declare: "zone"',
    ],
    [
      'a different element type',
      sidecar({
        inputs: [
          { name: 'hour', type: 'int64' },
          { name: 'zone', type: 'string' },
        ],
      }),
      'The uploaded ONNX model input "hour" is float32 [N, 1], the sidecar says int64',
    ],
    [
      'a different width',
      sidecar({
        inputs: [
          { name: 'hour', columns: ['hour', 'day'], type: 'float32' },
          { name: 'zone', type: 'string' },
        ],
      }),
      'The uploaded ONNX model input "hour" is float32 [N, 1], the sidecar feeds it 2 column(s)',
    ],
    [
      'a missing named output',
      sidecar({ outputs: { prediction: 'fare' } }),
      'The uploaded ONNX model has no output "fare"; its outputs are "demand" (float32 [N, 1])',
    ],
    [
      'a classifier without probabilities',
      sidecar({ task: 'binary' }),
      'The uploaded ONNX model has no output "probabilities" (class probabilities); its outputs are "demand" (float32 [N, 1])',
    ],
  ])('refuses %s', (_, given, message) => {
    expect(() => checkSidecarSignature(regression, given)).toThrow(message);
  });
});
