import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { encodeModel } from '../../../src/ml/onnx/proto/model-writer';
import { trialLoad, TRIAL_LOAD_LIMITS } from '../../../src/pipeline/byo/trial-load';
import { IDENTITY_MODEL } from '../../ml/onnx/proto/identity-model';

async function refusal(promise: Promise<void>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('bad_model');
  return err as AppError;
}

describe('trialLoad', () => {
  it('loads a model in a worker thread', async () => {
    await expect(trialLoad(encodeModel(IDENTITY_MODEL))).resolves.toBeUndefined();
  });

  it('refuses bytes ONNX Runtime cannot load, with its reason', async () => {
    const err = await refusal(trialLoad(Buffer.from('not a model')));
    expect(err.message).toMatch(/^ONNX Runtime cannot load the uploaded model: ./);
  });

  it('ends a load that runs out of its memory limit as a refusal, the host untouched', async () => {
    const err = await refusal(
      trialLoad(encodeModel(IDENTITY_MODEL), {
        ...TRIAL_LOAD_LIMITS,
        maxOldGenerationSizeMb: 1,
        maxYoungGenerationSizeMb: 1,
      }),
    );
    expect(err.message).toBe(
      'ONNX Runtime cannot load the uploaded model: loading it ran out of memory (limit 1 MB)',
    );
  });

  it('ends a load that takes too long', async () => {
    const err = await refusal(trialLoad(encodeModel(IDENTITY_MODEL), { ...TRIAL_LOAD_LIMITS, timeoutMs: 1 }));
    expect(err.message).toBe('ONNX Runtime cannot load the uploaded model: it did not load within 0 s');
  });
});
