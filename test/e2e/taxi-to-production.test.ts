// Generated taxi data dropped into blob storage → trained, validated, registered, in production.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../src/domain/ids';
import { startPipeline, type Pipeline } from '../support/runtime';
import { TRANSPORTS } from '../support/settings';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';

describe.each(TRANSPORTS)('data drop to production, pipeline queues on %s', (transport) => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline({}, transport);
  });
  afterAll(() => p?.stop());

  it('registers the pipeline queue functions on that transport', () => {
    const type = transport === 'servicebus' ? 'serviceBusTrigger' : 'queueTrigger';
    for (const name of ['validateCandidate', 'registerVersion'])
      expect(p.runtime.registrations.get(name)?.trigger.type).toBe(type);
  });

  it('trains generated taxi data into a production version with metrics, card and lineage', async () => {
    await p.drop('taxi', 'model.json', JSON.stringify(TAXI_SPEC));
    const csv = taxiCsv();
    const etag = await p.drop('taxi', '2025-01.csv', csv);
    const run = await p.finishedRun('taxi', runIdFor('taxi/2025-01.csv', etag));
    expect(run.error).toBeUndefined();
    expect(run).toMatchObject({ status: 'succeeded', version: 1, stage: 'register' });
    expect((run as { rowsRead?: number }).rowsRead).toBe(20 * 4 * 24);

    const alias = await p.adapters.registry.getAlias('taxi', 'production');
    expect(alias?.version).toBe(1);
    const v = (await p.adapters.registry.getVersion('taxi', 1))!;
    expect(v.status).toBe('production');
    expect(v.metrics.rmse).toBeGreaterThan(0);
    expect(v.metrics.r2).toBeGreaterThan(0.5);
    expect(v.gates.every((g) => g.passed)).toBe(true);
    expect(v.gates[0]!.reason).toMatch(/^ONNX Runtime matches the engine on \d+ holdout outputs/);
    expect(new Set(v.sliceMetrics.map((s) => s.column))).toEqual(new Set(['weather', 'zone']));
    expect(v.artifact.path).toBe('taxi/1/model.onnx');
    expect(v.lineage).toMatchObject({ blobName: 'taxi/2025-01.csv', etag, rows: 1920, columns: 7 });

    const card = JSON.parse(
      (await p.adapters.blobs.downloadToBuffer(p.config.containers.models, 'taxi/1/card.json')).data.toString(
        'utf8',
      ),
    ) as Record<string, unknown>;
    expect(card).toMatchObject({
      model: 'taxi',
      version: 1,
      task: 'regression',
      algorithm: 'gbdt',
      seed: 42,
    });
    expect(Object.keys(card)).toEqual(
      expect.arrayContaining([
        'lineage',
        'spec',
        'params',
        'packageVersion',
        'durationsMs',
        'featureSchema',
        'featurePipeline',
        'trainingProfile',
        'onnx',
      ]),
    );

    // The same blob fired again is the same run: nothing is done twice.
    const trainCalls = p.invocations.filter((i) => i.functionName === 'trainOnDataDrop').length;
    expect(trainCalls).toBe(2); // model.json (ignored) and the data
    expect(await p.versions('taxi')).toHaveLength(1);
  });
});
