import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { parseSidecar, targetValues, UploadedModelScorer } from '../../../src/domain/uploaded-model';

const sidecar = parseSidecar({
  task: 'regression',
  target: 'demand',
  inputs: [{ name: 'hour', type: 'float32' }],
  dataset: 'taxi.csv',
});

describe('UploadedModelScorer', () => {
  it.each([
    ['random bytes', Buffer.from('this is not an onnx model at all')],
    ['an empty file', Buffer.alloc(0)],
    ['a truncated protobuf', Buffer.from([0x08, 0x08, 0x12, 0x40, 0x01])],
  ])('refuses %s naming the problem', async (_, bytes) => {
    const error = await UploadedModelScorer.load(bytes, sidecar).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad_model');
    expect((error as AppError).message).toMatch(/^ONNX Runtime cannot load the uploaded model: ./);
  });
});

describe('targetValues', () => {
  it('reads numbers and numeric text', () => {
    expect(Array.from(targetValues(sidecar, [{ demand: 3 }, { demand: '4.5' }]))).toEqual([3, 4.5]);
  });

  it.each([
    [{ demand: null }, 'Column "demand" row 1 is null, not a target value'],
    [{ demand: 'many' }, 'Column "demand" row 1 is "many", not a number'],
    [{ other: 1 }, 'Column "demand" row 1 is null, not a target value'],
  ])('refuses %j', (record, message) => {
    expect(() => targetValues(sidecar, [record])).toThrow(message);
  });

  it('needs class indexes for a classifier', () => {
    const binary = parseSidecar({ ...sidecar, task: 'binary' });
    expect(() => targetValues(binary, [{ demand: 'yes' }])).toThrow(
      'Column "demand" row 1 is "yes", not a number',
    );
    expect(() => targetValues(binary, [{ demand: 0.5 }])).toThrow(
      'Column "demand" row 1 is 0.5, not a class index 0, 1, ...',
    );
  });
});
