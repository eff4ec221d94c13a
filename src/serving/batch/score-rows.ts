import { InvalidRowsError, type RowProblem, type ServedModel } from '../model-cache/served-model';
import { scoreInChunks } from '../predict/score-in-chunks';
import type { InputRow } from './formats/record-chunk';

/** One row's outcome: a prediction (and class probabilities), or the problems that kept it unscored. */
export type RowResult =
  | { readonly prediction: number | string; readonly probabilities?: readonly number[] }
  | { readonly error: string };

/**
 * Scores a chunk of rows with predict's own checks and encoders: the rows the model refuses (a
 * missing feature, a wrong type, a malformed row) get their problems, the others are scored in
 * time slices (scoreInChunks yields to the event loop between them). Results are in row order.
 */
export async function scoreRows(model: ServedModel, rows: readonly InputRow[]): Promise<RowResult[]> {
  const errors = new Map<number, string[]>();
  const note = (problems: readonly RowProblem[], index: readonly number[]): void => {
    for (const p of problems) {
      const row = index[p.row]!;
      const list = errors.get(row) ?? [];
      list.push(p.message);
      errors.set(row, list);
    }
  };
  rows.forEach((r, i) => r.problem !== undefined && errors.set(i, [r.problem]));
  // Presence is checked up front; a bad value turns up while encoding, with every problem of the
  // rows passed: those rows are set aside and the rest scored again (twice at most).
  let index = rows.map((_, i) => i).filter((i) => !errors.has(i));
  note(model.validate(index.map((i) => rows[i]!.values)), index);
  let scored: Awaited<ReturnType<typeof scoreInChunks>> | undefined;
  for (let attempt = 0; attempt < 3 && scored === undefined; attempt++) {
    index = index.filter((i) => !errors.has(i));
    try {
      scored = await scoreInChunks(
        model,
        index.map((i) => rows[i]!.values),
      );
    } catch (err) {
      if (!(err instanceof InvalidRowsError) || err.problems.length === 0) throw err;
      note(err.problems, index);
    }
  }
  const results = new Array<RowResult>(rows.length);
  for (const [row, messages] of errors) results[row] = { error: messages.join('; ') };
  if (scored) {
    index.forEach((row, k) => {
      const probabilities = scored.probabilities?.[k];
      results[row] = { prediction: scored.predictions[k]!, ...(probabilities && { probabilities }) };
    });
  }
  for (let row = 0; row < rows.length; row++) results[row] ??= { error: 'The row could not be scored' };
  return results;
}
