import { describe, expect, it } from 'vitest';
import { checkParity } from '../../../src/pipeline/validate/parity';

const f = (...v: number[]) => Float64Array.from(v);

describe('checkParity', () => {
  it.each([
    [
      f(1, 2, 3),
      f(1, 2, 3),
      true,
      'ONNX Runtime matches the engine on 3 holdout outputs (largest relative difference 0.00e+0)',
    ],
    [
      f(1000.005),
      f(1000),
      true,
      'ONNX Runtime matches the engine on 1 holdout outputs (largest relative difference 5.00e-6)',
    ],
    [
      f(0.00002),
      f(0),
      false,
      'ONNX Runtime differs from the engine by 2.00e-5 (output 0), over the tolerance 0.00001',
    ],
    [
      f(1, NaN),
      f(1, 1),
      false,
      'ONNX Runtime differs from the engine by Infinity (output 1), over the tolerance 0.00001',
    ],
    [f(1), f(1, 2), false, 'ONNX Runtime gave 1 outputs but the engine 2'],
  ])('%s vs %s', (onnx, engine, passed, reason) => {
    expect(checkParity(onnx, engine)).toMatchObject({ passed, reason });
  });
});
