import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ml/data/read-csv';
import { DataError } from '../../../src/ml/errors';
import { fitPipeline } from '../../../src/ml/features/fit-pipeline';
import { buildTrainingSet } from '../../../src/ml/features/transform-table';

// Small random CSVs that do parse: fitting and encoding them gives a training set or a DataError.
function randomCsv(seed: number): string {
  let s = seed;
  const next = (n: number): number => (s = (s * 48271) % 2147483647) % n;
  const cells = [
    '1',
    '2.5',
    '-3',
    'NA',
    '',
    'a',
    'b',
    'true',
    'false',
    '2011-01-01',
    '2011-01-02 10:00:00',
    '1300000000',
  ];
  const cols = 1 + next(4);
  const rows = next(6);
  const lines = [Array.from({ length: cols }, (_, i) => (i === 0 ? 'y' : `c${i}`)).join(',')];
  for (let r = 0; r < rows; r++)
    lines.push(Array.from({ length: cols }, () => cells[next(cells.length)]).join(','));
  return lines.join('\n');
}

describe('feature pipeline on random tables', () => {
  it('fits and encodes, or rejects with a DataError, for every task and model family', async () => {
    let fitted = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const table = await readCsv(Buffer.from(randomCsv(seed))).catch((e: unknown) => e);
      if (table instanceof DataError) continue;
      for (const task of ['regression', 'binary', 'multiclass'] as const) {
        for (const forModel of ['trees', 'linear'] as const) {
          try {
            const p = fitPipeline(table as never, { target: 'y', task, forModel });
            buildTrainingSet(p, table as never);
            fitted++;
          } catch (err) {
            expect(err, `seed ${seed} ${task} ${forModel}`).toBeInstanceOf(DataError);
          }
        }
      }
    }
    expect(fitted).toBeGreaterThan(0);
  });
});
