import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { fitPipeline } from '../../../src/ml/features/fit-pipeline';
import { buildTrainingSet } from '../../../src/ml/features/transform-table';
import type { ModelFamily } from '../../../src/ml/features/types';
import { trainGbdt } from '../../../src/ml/gbdt/boosting';
import { encodedImportance, featureImportance, inputImportance } from '../../../src/ml/importance';
import { trainLogistic } from '../../../src/ml/linear/logistic';
import { trainRidge } from '../../../src/ml/linear/ridge';
import { seededRandom } from '../../../src/ml/random';
import { thrownDataError } from '../data/helpers';

const CITIES = ['Oslo', 'Rome', 'Paris', 'Lima'];
const CITY_EFFECT: Record<string, number> = { Oslo: 0, Rome: 2, Paris: -1, Lima: 1 };

/**
 * n rows: `x` drives the target, `city` adds a smaller effect, `noise` none, `when` (a date, its
 * parts become features) none; `xScale` multiplies x without changing what it explains.
 */
async function fitted(forModel: ModelFamily, task: 'regression' | 'binary', xScale = 1, n = 1500) {
  const rnd = seededRandom(7);
  const lines = ['y,x,noise,city,when'];
  for (let i = 0; i < n; i++) {
    const x = rnd();
    const city = CITIES[Math.floor(rnd() * CITIES.length)]!;
    const value = 10 * x + CITY_EFFECT[city]! + 0.1 * rnd();
    const y = task === 'regression' ? value.toFixed(4) : value > 5.5 ? '1' : '0';
    const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
    lines.push(`${y},${(x * xScale).toFixed(6)},${rnd().toFixed(6)},${city},2024-03-${day} 10:00:00`);
  }
  const table = await readCsv(Buffer.from(lines.join('\n')));
  const pipeline = fitPipeline(table, { target: 'y', task, timeColumn: 'when', forModel });
  const train = buildTrainingSet(
    pipeline,
    table,
    Int32Array.from({ length: n }, (_, i) => i),
  );
  return { pipeline, input: { matrix: train.X, target: train.y, task } };
}

const byFeature = (list: readonly { feature: string; importance: number }[]): Record<string, number> =>
  Object.fromEntries(list.map((f) => [f.feature, f.importance]));

const sum = (list: readonly { importance: number }[]): number => list.reduce((a, f) => a + f.importance, 0);

describe('feature importance per input column', () => {
  it('gbdt: the driving column first, an irrelevant one near 0, every input listed, summing to 1', async () => {
    const { pipeline, input } = await fitted('trees', 'regression');
    const { model } = trainGbdt(input, { nEstimators: 50 });
    const importance = featureImportance(model, pipeline, input.matrix);
    expect(importance.map((f) => f.feature).slice(0, 2)).toEqual(['x', 'city']);
    expect(importance.map((f) => f.feature).sort()).toEqual(['city', 'noise', 'when', 'x']);
    expect(byFeature(importance).noise).toBeLessThan(0.01);
    expect(sum(importance)).toBeCloseTo(1, 12);
    // Sorted most important first.
    for (let i = 1; i < importance.length; i++) {
      expect(importance[i]!.importance).toBeLessThanOrEqual(importance[i - 1]!.importance);
    }
  });

  it('ridge: |coefficient| on standardised features, so rescaling a column changes nothing', async () => {
    const plain = await fitted('linear', 'regression');
    const scaled = await fitted('linear', 'regression', 1000);
    const a = featureImportance(trainRidge(plain.input), plain.pipeline, plain.input.matrix);
    const b = featureImportance(trainRidge(scaled.input), scaled.pipeline, scaled.input.matrix);
    expect(a[0]!.feature).toBe('x');
    expect(byFeature(a).noise).toBeLessThan(0.01);
    expect(sum(a)).toBeCloseTo(1, 12);
    for (const f of a) expect(byFeature(b)[f.feature]).toBeCloseTo(f.importance, 4);
  });

  it('linear: a one-hot or date-parts input gets the sum of its encoded features', async () => {
    const { pipeline, input } = await fitted('linear', 'binary');
    const model = trainLogistic(input);
    const encoded = encodedImportance(model, input.matrix);
    const total = encoded.reduce((s, v) => s + v, 0);
    const share = (prefix: string): number =>
      pipeline.featureNames.reduce((s, name, f) => (name.startsWith(prefix) ? s + encoded[f]! : s), 0) /
      total;
    const importance = byFeature(inputImportance(pipeline, encoded));
    // city: one 0/1 column per city plus unknown; when: hour, weekday, day of year, weekend.
    expect(pipeline.featureNames.filter((n) => n.startsWith('city')).length).toBe(CITIES.length + 1);
    expect(importance.city).toBeCloseTo(share('city'), 12);
    expect(importance.when).toBeCloseTo(share('when_'), 12);
    expect(importance.x).toBeCloseTo(share('x'), 12);
    expect(importance.city).toBeGreaterThan(0.05);
    expect(sum(Object.values(importance).map((importance) => ({ importance })))).toBeCloseTo(1, 12);
  });

  it('is all 0 for a model that uses no feature, and refuses a length that does not fit', async () => {
    const { pipeline } = await fitted('trees', 'regression', 1, 50);
    expect(
      inputImportance(
        pipeline,
        pipeline.featureNames.map(() => 0),
      ),
    ).toEqual([
      { feature: 'x', importance: 0 },
      { feature: 'noise', importance: 0 },
      { feature: 'city', importance: 0 },
      { feature: 'when', importance: 0 },
    ]);
    expect(thrownDataError(() => inputImportance(pipeline, [1, 2])).message).toBe(
      `2 feature importances for a pipeline of ${pipeline.featureNames.length} features`,
    );
    const { input } = await fitted('trees', 'regression', 1, 50);
    const { model } = trainGbdt(input, { nEstimators: 2 });
    const narrow = { ...input.matrix, columns: input.matrix.columns.slice(1) };
    expect(thrownDataError(() => encodedImportance(model, narrow)).message).toBe(
      `the model takes ${input.matrix.columns.length} features but the training matrix has ${input.matrix.columns.length - 1}`,
    );
  });
});
