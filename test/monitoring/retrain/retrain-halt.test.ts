// The retraining loop guard: consecutive losing challengers from automatic retrains stop it.
import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../../src/domain/model-version';
import type { TrialOutcome } from '../../../src/domain/trial';
import type { Stored } from '../../../src/platform/ports/stored';
import { retrainHalt } from '../../../src/monitoring/retrain/retrain-halt';

type Kind = 'drop' | 'auto' | 'manual';

/** Versions newest first: [kind, status, trial outcome]. */
function versions(specs: [Kind, ModelVersion['status'], TrialOutcome?][]) {
  const items = specs.map(([kind, status, outcome], i) => ({
    model: 'm',
    version: specs.length - i,
    status,
    ...(kind !== 'drop' && {
      lineage: {
        blobName: 'b',
        etag: 'e',
        sha256: 's',
        rows: 1,
        columns: 1,
        retrain: { trigger: kind === 'auto' ? 'drift' : 'manual', reason: 'r', requestedAt: 't' },
      },
    }),
    ...(outcome && {
      trial: { mode: 'shadow', since: 't', against: 1, origin: 'retrain', comparisons: [], outcome },
    }),
  })) as unknown as Stored<ModelVersion>[];
  return { listVersions: async () => ({ items }) };
}

describe('retrainHalt', () => {
  it('halts after maxConsecutiveLosses losing automatic retrains in a row, naming them', async () => {
    const r = versions([
      ['auto', 'validated', 'lost'],
      ['auto', 'rejected'], // failed its gates: no trial, not counted either way
      ['auto', 'validated', 'expired'],
      ['auto', 'validated', 'failed_to_load'],
      ['drop', 'production'],
    ]);
    const reason = await retrainHalt(r, 'm', 3);
    expect(reason).toBe(
      'automatic retraining is stopped: the last 3 challengers from automatic retrains lost their trials ' +
        '(v5 lost, v3 expired, v2 failed_to_load; retrain.maxConsecutiveLosses 3); ' +
        'a new data drop or a retrain asked by hand resumes it',
    );
    expect(await retrainHalt(r, 'm', 4)).toBeUndefined();
  });

  it('a data drop, a retrain by hand or a won trial in between ends the streak', async () => {
    for (const between of [
      ['drop', 'validated'],
      ['manual', 'validated', 'lost'],
      ['auto', 'production', 'promoted'],
      ['auto', 'validated', 'retired'],
    ] as [Kind, ModelVersion['status'], TrialOutcome?][]) {
      const r = versions([['auto', 'validated', 'lost'], between, ['auto', 'validated', 'lost']]);
      expect([between, await retrainHalt(r, 'm', 2)]).toEqual([between, undefined]);
    }
  });
});
