// scoreRows and the writers on a small in-memory classifier: rows refused up front (missing
// field) and while encoding (a bad value, reported as predict reports it), probabilities per
// class in CSV and JSON Lines, one output row per input row in order.
import { describe, expect, it } from 'vitest';
import { csvPredictionsWriter } from '../../../src/serving/batch/formats/csv-writer';
import { jsonlPredictionsWriter } from '../../../src/serving/batch/formats/jsonl-writer';
import type { InputRow } from '../../../src/serving/batch/formats/record-chunk';
import { scoreRows } from '../../../src/serving/batch/score-rows';
import {
  InvalidRowsError,
  type RowProblem,
  type ServedModel,
} from '../../../src/serving/model-cache/served-model';

/** Predicts "hi" when x > 0.5, else "lo"; checks presence up front and numbers while scoring. */
function thresholdModel(): ServedModel & { calls: number } {
  const model = {
    model: 'm',
    version: 1,
    task: 'binary' as const,
    classes: ['lo', 'hi'],
    calls: 0,
    validate(records: readonly unknown[]): RowProblem[] {
      const problems: RowProblem[] = [];
      records.forEach((r, row) => {
        if (!Object.hasOwn(r as object, 'x'))
          problems.push({ row, field: 'x', code: 'missing_feature', message: 'Feature "x" is missing' });
      });
      return problems;
    },
    async score(records: readonly unknown[], from = 0, to = records.length) {
      model.calls++;
      const xs = records.slice(from, to).map((r) => Number((r as { x: unknown }).x));
      const problems = xs.flatMap((x, i) =>
        Number.isNaN(x)
          ? [{ row: from + i, field: 'x', code: 'wrong_type', message: 'Feature "x" must be a number' }]
          : [],
      );
      if (problems.length > 0) throw new InvalidRowsError(problems);
      return {
        predictions: xs.map((x) => (x > 0.5 ? 'hi' : 'lo')),
        probabilities: xs.map((x) => [1 - x, x]),
      };
    },
    release: async () => undefined,
  };
  return model;
}

const rows: InputRow[] = [
  { values: { x: '0.25', id: 'a' } },
  { values: { id: 'b' } },
  { values: { x: 'ten', id: 'c' } },
  { values: {}, problem: 'Line 4 is not valid JSON' },
  { values: { x: '0.75', id: 'e' } },
];

describe('scoreRows', () => {
  it('scores the good rows and names the problem of each other one, in order', async () => {
    const model = thresholdModel();
    expect(await scoreRows(model, rows)).toEqual([
      { prediction: 'lo', probabilities: [0.75, 0.25] },
      { error: 'Feature "x" is missing' },
      { error: 'Feature "x" must be a number' },
      { error: 'Line 4 is not valid JSON' },
      { prediction: 'hi', probabilities: [0.25, 0.75] },
    ]);
    expect(model.calls).toBe(2); // the bad value found while scoring, then the rest scored again
  });

  it('answers an empty chunk with no rows', async () => {
    expect(await scoreRows(thresholdModel(), [])).toEqual([]);
  });
});

describe('writers', () => {
  it('write the input columns, prediction, a probability per class and error', async () => {
    const results = await scoreRows(thresholdModel(), rows);
    const chunk = { columns: ['x', 'id'], rows };
    expect(Buffer.from(csvPredictionsWriter(['lo', 'hi']).write(chunk, results)!).toString('utf8')).toBe(
      [
        'x,id,prediction,probability_lo,probability_hi,error',
        '0.25,a,lo,0.75,0.25,',
        ',b,,,,"Feature ""x"" is missing"',
        'ten,c,,,,"Feature ""x"" must be a number"',
        ',,,,,Line 4 is not valid JSON',
        '0.75,e,hi,0.25,0.75,',
        '',
      ].join('\n'),
    );
    const lines = Buffer.from(jsonlPredictionsWriter(['lo', 'hi']).write(chunk, results)!)
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines[0]).toEqual({
      x: '0.25',
      id: 'a',
      prediction: 'lo',
      probability_lo: 0.75,
      probability_hi: 0.25,
      error: null,
    });
    expect(lines[3]).toEqual({
      prediction: null,
      probability_lo: null,
      probability_hi: null,
      error: 'Line 4 is not valid JSON',
    });
    expect(lines).toHaveLength(5);
  });
});
