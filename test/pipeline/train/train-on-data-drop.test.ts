import { describe, expect, it } from 'vitest';
import type { FeaturePipeline } from '../../../src/ml/features/types';
import { runIdFor } from '../../../src/domain/ids';
import { parseHoldout } from '../../../src/pipeline/train/holdout-file';
import { trainOnDataDrop } from '../../../src/pipeline/train/train-on-data-drop';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { trainDrop } from '../chain';
import { memoryDeps } from '../memory-ports';

describe('trainOnDataDrop', () => {
  it('copies the retrain lineage of a drop a retrain request assembled into the run, version and card', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('taxi', TAXI_SPEC);
    const blobName = 'taxi/retrain-20261127T100000000Z.csv';
    const retrain = {
      trigger: 'drift',
      reason: '2 of 4 features drifted',
      requestedAt: '2026-11-27T10:00:00.000Z',
      driftReportId: 'drift:2026-11-27T10:00:00.000Z',
    } as const;
    const runId = await trainDrop(
      deps,
      'taxi',
      blobName.slice('taxi/'.length),
      taxiCsv({ days: 10 }),
      retrain,
    );
    const info = deps.memory.blobs.files.get(`datasets/${blobName}`)!.info;
    expect((await deps.registry.getVersion('taxi', 1))?.lineage).toMatchObject({ blobName, retrain });
    expect((await deps.registry.getRun('taxi', runId))?.trigger).toEqual({
      kind: 'retrain',
      blobName,
      etag: info.etag,
      reason: retrain.reason,
      retrainTrigger: 'drift',
      driftReportId: retrain.driftReportId,
    });
    const card = JSON.parse(deps.memory.blobs.files.get('models/taxi/1/card.json')!.data.toString()) as {
      lineage: unknown;
    };
    expect(card.lineage).toMatchObject({ retrain });
  });

  it('reserves a candidate, writes model.onnx, card.json and holdout.jsonl, and asks for validation', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('taxi', TAXI_SPEC);
    const runId = await trainDrop(deps, 'taxi', 'jan.csv', taxiCsv({ days: 10 }));
    const v = (await deps.registry.getVersion('taxi', 1))!;
    expect(v).toMatchObject({
      status: 'candidate',
      runId,
      source: 'trained',
      task: 'regression',
      algorithm: 'gbdt',
    });
    expect(v.artifact).toMatchObject({
      path: 'taxi/1/model.onnx',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(v.lineage).toMatchObject({ blobName: 'taxi/jan.csv', rows: 960, columns: 7 });
    expect(v.lineage).not.toHaveProperty('retrain');
    expect([...deps.memory.blobs.files.keys()].filter((k) => k.startsWith('models/')).sort()).toEqual([
      'models/taxi/1/card.json',
      'models/taxi/1/holdout.jsonl',
      'models/taxi/1/model.onnx',
      'models/taxi/1/validated.onnx',
    ]);
    const holdout = parseHoldout(deps.memory.blobs.files.get('models/taxi/1/holdout.jsonl')!.data.toString());
    // Time-ordered holdout: the last 2 of 10 days, 4 zones x 24 hours each.
    expect(holdout.records).toHaveLength(2 * 4 * 24);
    expect(holdout.records[0]!.pickup_hour).toBe('2025-01-09 00:00:00');
    expect(deps.memory.sent).toEqual([
      {
        queue: 'validate-requests',
        message: { schema: 1, kind: 'validate', model: 'taxi', runId, source: 'trained', version: 1 },
      },
    ]);
    expect(await deps.registry.getRun('taxi', runId)).toMatchObject({
      status: 'running',
      stage: 'validate',
      version: 1,
      rowsRead: 960,
      iterations: 40,
      trigger: { kind: 'data_drop', blobName: 'taxi/jan.csv' },
    });
  });

  it('records the importance of every input on the version and its card, most important first', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('taxi', TAXI_SPEC);
    await trainDrop(deps, 'taxi', 'jan.csv', taxiCsv({ days: 10 }));
    const v = (await deps.registry.getVersion('taxi', 1))!;
    const inputs = (v.featureSchema as unknown as FeaturePipeline).inputs.map((i) => i.name);
    const importance = v.featureImportance!;
    expect(importance.map((f) => f.feature).sort()).toEqual([...inputs].sort());
    expect(importance.reduce((sum, f) => sum + f.importance, 0)).toBeCloseTo(1, 12);
    const shares = importance.map((f) => f.importance);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(shares[0]).toBeGreaterThan(0);
    const card = JSON.parse(deps.memory.blobs.files.get('models/taxi/1/card.json')!.data.toString()) as {
      featureImportance: unknown;
    };
    expect(card.featureImportance).toEqual(importance);
  });

  it('on redelivery reuses the reserved version and only sends the validate request again', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('taxi', TAXI_SPEC);
    const csv = taxiCsv({ days: 5 });
    await trainDrop(deps, 'taxi', 'a.csv', csv);
    const info = deps.memory.blobs.files.get('datasets/taxi/a.csv')!.info;
    const content = Buffer.from(csv);
    const drop = {
      model: 'taxi',
      name: 'a.csv',
      blobName: 'taxi/a.csv',
      etag: info.etag,
      size: content.length,
      content,
      runId: runIdFor('taxi/a.csv', info.etag),
    };
    expect(await trainOnDataDrop(deps, drop)).toEqual({ kind: 'trained', runId: drop.runId, version: 1 });
    expect((await deps.registry.listVersions('taxi')).items).toHaveLength(1);
    expect(deps.memory.sent).toHaveLength(2);
  });

  it.each([
    ['model.json', 'taxi/model.json is not a data drop: it is the model spec, not data'],
    [
      'notes.txt',
      'taxi/notes.txt is not a data drop: only .csv, .jsonl, .ndjson, .parquet files are data drops',
    ],
  ])('ignores %s, saying why', async (name, reason) => {
    const deps = memoryDeps();
    const content = Buffer.from('x');
    const outcome = await trainOnDataDrop(deps, {
      model: 'taxi',
      name,
      blobName: `taxi/${name}`,
      etag: '"1"',
      size: 1,
      content,
      runId: 'run-x',
    });
    expect(outcome).toEqual({ kind: 'ignored', reason });
    expect(deps.memory.registry.runs.size).toBe(0);
  });
});
