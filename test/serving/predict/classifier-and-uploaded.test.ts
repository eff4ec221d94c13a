// Classifiers answer labels with class probabilities; an uploaded (bring-your-own) ONNX model
// is served through its sidecar and reproduces scikit-learn's own predictions.
import { describe, expect, it } from 'vitest';
import { parseSidecar } from '../../../src/domain/uploaded-model';
import { sha256Hex } from '../../../src/domain/ids';
import { predict } from '../../../src/serving/predict/predict';
import { versionDoc } from '../../support/documents';
import { taxiCsv } from '../../support/taxi-data';
import { makeSklearnModel, sklearnMissing } from '../../pipeline/byo/sklearn-fixture';
import { registerRun, trainDrop, validateRun } from '../../pipeline/chain';
import { memoryDeps } from '../../pipeline/memory-ports';
import { jsonBody, predictDeps, TAXI_ROW } from './served-versions';

/** Taxi rows labelled busy/quiet from their trips. */
function labelled(): string {
  const [header, ...lines] = taxiCsv({ days: 10 }).trim().split('\n');
  const trips = header!.split(',').indexOf('trips');
  const label = (l: string) => (Number(l.split(',')[trips]) > 20 ? 'busy' : 'quiet');
  return [`${header},demand`, ...lines.map((l) => `${l},${label(l)}`)].join('\n') + '\n';
}

describe('classifier', () => {
  it('answers class labels, the classes and per-row probabilities that sum to 1', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('demand', {
      target: 'demand',
      task: 'binary',
      exclude: ['trips'],
      timeColumn: 'pickup_hour',
      params: { nEstimators: 10 },
    });
    await registerRun(deps, await validateRun(deps, await trainDrop(deps, 'demand', 'a.csv', labelled())));
    const rows = [TAXI_ROW, { ...TAXI_ROW, pickup_hour: '2025-01-04T03:00:00Z' }];
    const answer = await predict(predictDeps(deps), { model: 'demand', body: jsonBody({ rows }) });
    expect(answer.classes).toEqual(['busy', 'quiet']);
    expect(answer.probabilities).toHaveLength(2);
    answer.probabilities!.forEach((p, i) => {
      expect(p).toHaveLength(2);
      expect(p[0]! + p[1]!).toBeCloseTo(1, 5);
      expect(answer.predictions[i]).toBe(p[0]! >= p[1]! ? 'busy' : 'quiet');
    });
  });
});

const missing = sklearnMissing();
if (missing && process.env.CI === 'true') throw new Error(`CI needs scikit-learn and onnx: ${missing}`);
if (missing) console.warn(`Skipping the uploaded-model serving test: ${missing}`);

describe.skipIf(missing !== undefined)('uploaded model', () => {
  it.each(['regression', 'binary'] as const)(
    'serves a scikit-learn %s model through its sidecar',
    async (task) => {
      const sk = makeSklearnModel('byo.csv', task);
      const deps = memoryDeps();
      const models = deps.settings.containers.models;
      const target =
        task === 'regression' ? { name: 'demand', task } : { name: 'busy', task, classes: ['0', '1'] };
      const card = {
        cardVersion: 1,
        model: 'byo',
        version: 1,
        source: 'uploaded',
        task,
        algorithm: 'uploaded-onnx',
        sidecar: parseSidecar(sk.sidecar),
        target,
        spec: { target: target.name, task },
        onnx: { path: 'byo/1/model.onnx', sha256: sha256Hex(sk.onnx), bytes: sk.onnx.length },
        holdout: { path: 'byo/1/holdout.jsonl', rows: 0 },
      };
      await deps.blobs.upload(models, 'byo/1/model.onnx', sk.onnx);
      await deps.blobs.upload(models, 'byo/1/card.json', JSON.stringify(card));
      await deps.registry.createVersion(
        versionDoc('byo', 'r1', {
          source: 'uploaded',
          status: 'production',
          artifact: { path: 'byo/1/model.onnx', sha256: sha256Hex(sk.onnx) },
        }),
      );
      await deps.registry.setAlias('byo', 'production', 1, null);
      const columns = sk.csv.toString('utf8').split('\n')[0]!.split(',').slice(0, -1);
      const rows = sk.printed.rows.map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]])));
      const answer = await predict(predictDeps(deps), { model: 'byo', body: jsonBody({ rows }) });
      expect(answer.version).toBe(1);
      const got =
        task === 'regression' ? (answer.predictions as number[]) : answer.probabilities!.map((p) => p[1]!);
      got.forEach((v, i) => expect(v).toBeCloseTo(sk.printed.predictions[i]!, 3));
      if (task === 'binary') expect(answer.classes).toEqual(['0', '1']);
      const bad = await predict(predictDeps(deps), {
        model: 'byo',
        body: jsonBody({ rows: [{ ...rows[0], [columns[1]!]: 'x' }] }),
      }).catch((e: unknown) => e);
      expect(bad).toMatchObject({
        code: 'invalid_rows',
        details: { issues: [{ row: 0, field: columns[1], code: 'wrong_type' }] },
      });
    },
  );
});
