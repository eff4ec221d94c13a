import type { ScoredRows, ServedModel } from '../model-cache/served-model';

/** Rows scored between two yields to the event loop. */
export const SCORE_CHUNK_ROWS = 1000;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Scores rows in chunks of `chunkRows` (default 1000), yielding to the event loop between chunks:
 * ONNX Runtime runs on the main thread, and 10,000 rows in one call would hold every other
 * request for several milliseconds.
 */
export async function scoreInChunks(
  model: ServedModel,
  records: readonly unknown[],
  chunkRows = SCORE_CHUNK_ROWS,
): Promise<ScoredRows> {
  if (records.length <= chunkRows) return model.score(records);
  const predictions: (number | string)[] = [];
  const probabilities: number[][] = [];
  for (let start = 0; start < records.length; start += chunkRows) {
    if (start > 0) await yieldToLoop();
    const part = await model.score(records, start, Math.min(records.length, start + chunkRows));
    for (const p of part.predictions) predictions.push(p);
    if (part.probabilities) for (const p of part.probabilities) probabilities.push(p);
  }
  return model.classes ? { predictions, probabilities } : { predictions };
}
