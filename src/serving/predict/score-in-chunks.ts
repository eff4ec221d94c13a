import type { ScoredRows, ServedModel } from '../model-cache/served-model';

/** Rows of the first chunk (and the most scored without a yield). */
export const SCORE_CHUNK_ROWS = 1000;

/** Time a chunk aims to hold the event loop for, in ms. */
export const SCORE_SLICE_MS = 5;

export interface ChunkOptions {
  /** Rows of the first chunk; default SCORE_CHUNK_ROWS. */
  readonly firstRows?: number;
  /** Target time per chunk in ms; default SCORE_SLICE_MS. */
  readonly sliceMs?: number;
  /** Clock in ms; default performance.now. */
  readonly now?: () => number;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Scores rows in time slices, yielding to the event loop between them: ONNX Runtime runs on the
 * main thread, and 10,000 rows in one call would hold every other request for several ms. The
 * first chunk is `firstRows` (default 1000) rows; each next one is sized from the rate just seen
 * to take about `sliceMs` (default 5 ms) but never fewer rows than the first: fast models pay
 * fewer calls and yields.
 */
export async function scoreInChunks(
  model: ServedModel,
  records: readonly unknown[],
  options: ChunkOptions = {},
): Promise<ScoredRows> {
  const first = options.firstRows ?? SCORE_CHUNK_ROWS;
  if (records.length <= first) return model.score(records);
  const sliceMs = options.sliceMs ?? SCORE_SLICE_MS;
  const now = options.now ?? (() => performance.now());
  const predictions: (number | string)[] = [];
  const probabilities: number[][] = [];
  let size = first;
  for (let start = 0; start < records.length;) {
    if (start > 0) await yieldToLoop();
    const end = Math.min(records.length, start + size);
    const t0 = now();
    const part = await model.score(records, start, end);
    const perRowMs = Math.max(now() - t0, 0.01) / (end - start);
    // Grows at most 4-fold a step, never under the first size: the timing also holds whatever ran
    // in ORT's own event-loop hop, so a slow reading must not shrink chunks into many calls.
    size = Math.max(first, Math.min(4 * size, Math.floor(sliceMs / perRowMs)));
    for (const p of part.predictions) predictions.push(p);
    if (part.probabilities) for (const p of part.probabilities) probabilities.push(p);
    start = end;
  }
  return model.classes ? { predictions, probabilities } : { predictions };
}
