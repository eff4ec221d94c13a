import { describe, expect, it } from 'vitest';
import { permanentFailure } from '../../../src/pipeline/failure';
import { validateRequestSchema } from '../../../src/domain/messages';
import { failRun } from '../../../src/pipeline/fail-run';
import { validateCandidate } from '../../../src/pipeline/validate/validate-candidate';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { trainDrop } from '../chain';
import { memoryDeps } from '../memory-ports';

describe('a candidate whose ONNX file changed after training', () => {
  it('fails validation permanently; the failed run rejects the version with the reason', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('taxi', TAXI_SPEC);
    const runId = await trainDrop(deps, 'taxi', 'a.csv', taxiCsv({ days: 5 }));
    await deps.memory.blobs.upload('models', 'taxi/1/model.onnx', Buffer.from('not a model'));
    const request = validateRequestSchema.parse(deps.memory.sent[0]!.message);
    const error = await validateCandidate(deps, request).catch((e: unknown) => e);
    const reason = permanentFailure(error);
    expect(reason).toEqual({
      code: 'bad_model',
      message: expect.stringMatching(
        /^models\/taxi\/1\/model\.onnx does not match version 1 \(sha256 [0-9a-f]{64}, recorded [0-9a-f]{64}\)$/,
      ),
    });
    await failRun(deps, 'taxi', runId, reason!);
    expect(await deps.registry.getVersion('taxi', 1)).toMatchObject({
      status: 'rejected',
      statusReason: reason!.message,
    });
    expect(await deps.registry.getRun('taxi', runId)).toMatchObject({
      status: 'failed',
      version: 1,
      error: reason,
    });
    expect(deps.memory.sent.filter((s) => s.queue === 'register-requests')).toEqual([]);
  });
});
