import { describe, expect, it } from 'vitest';
import type { ServedModel } from '../../../src/serving/model-cache/served-model';
import { scoreInChunks } from '../../../src/serving/predict/score-in-chunks';

/** A model that scores row i as i, takes `msPerRow` of a fake clock, and records its ranges. */
function fakeModel(msPerRow: number, classes?: string[]) {
  let clock = 0;
  const ranges: [number, number][] = [];
  const model: ServedModel = {
    model: 'm',
    version: 1,
    task: classes ? 'binary' : 'regression',
    ...(classes ? { classes } : {}),
    validate: () => [],
    async score(records, from = 0, to = records.length) {
      ranges.push([from, to]);
      clock += (to - from) * msPerRow;
      const rows = Array.from({ length: to - from }, (_, i) => from + i);
      return classes
        ? { predictions: rows.map((r) => classes[r % 2]!), probabilities: rows.map((r) => [r, -r]) }
        : { predictions: rows };
    },
    release: async () => {},
  };
  return { model, ranges, now: () => clock };
}

describe('scoreInChunks', () => {
  it.each([
    // msPerRow, rows, chunk sizes: 1000 first, then ~5 ms worth (at most 4x the last, never under 1000)
    [0.001, 10_000, [1000, 4000, 5000]],
    [0.0025, 10_000, [1000, 2000, 2000, 2000, 2000, 1000]],
    [0.05, 1200, [1000, 200]],
    [0.001, 1000, [1000]],
  ])('%s ms per row, %s rows: chunks %j', async (msPerRow, n, sizes) => {
    const { model, ranges, now } = fakeModel(msPerRow);
    const records = Array.from({ length: n }, () => ({}));
    const scored = await scoreInChunks(model, records, { now });
    expect(ranges.map(([a, b]) => b - a)).toEqual(sizes);
    expect(ranges.every(([a], i) => a === (i === 0 ? 0 : ranges[i - 1]![1]))).toBe(true);
    expect(scored.predictions).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('joins classifier probabilities in row order', async () => {
    const { model, now } = fakeModel(0.01, ['no', 'yes']);
    const scored = await scoreInChunks(
      model,
      Array.from({ length: 1500 }, () => ({})),
      { now },
    );
    expect(scored.predictions.slice(999, 1002)).toEqual(['yes', 'no', 'yes']);
    expect(scored.probabilities).toHaveLength(1500);
    expect(scored.probabilities![1499]).toEqual([1499, -1499]);
  });

  it('lets other callbacks run between chunks', async () => {
    const { model, now } = fakeModel(0.01);
    let ticks = 0;
    let running = true;
    const tick = (): void => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const seen: number[] = [];
    const wrapped: ServedModel = {
      ...model,
      score: (records, from, to) => {
        seen.push(ticks);
        return model.score(records, from, to);
      },
    };
    await scoreInChunks(
      wrapped,
      Array.from({ length: 3000 }, () => ({})),
      { now },
    );
    running = false;
    expect(seen.length).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
