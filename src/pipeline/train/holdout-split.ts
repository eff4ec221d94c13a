import type { DataTable } from '../../ml/data/table';
import { DataError } from '../../ml/errors';
import { randomSplit, timeOrderedSplit, type HoldoutSplit } from '../../ml/split/holdout';
import type { ModelSpec } from '../../domain/spec/model-spec';

/**
 * The train and holdout rows: a time-ordered split when the spec names a time column, else a
 * seeded random one, drawn only among the first `holdoutAmong` rows (retrain.holdout "drops":
 * the rows of data drops); the rest all train.
 */
export function holdoutSplit(
  table: DataTable,
  times: Float64Array | undefined,
  spec: ModelSpec,
  holdoutAmong = table.rowCount,
): HoldoutSplit {
  const fraction = spec.validation.holdoutFraction;
  const eligible = Math.min(holdoutAmong, table.rowCount);
  if (eligible < 2 && eligible < table.rowCount) {
    throw new DataError(
      'no_rows',
      `retrain.holdout is "drops" but the retrain set holds ${eligible} row(s) from data drops: at least 2 are needed to hold some out (drop data under the model's folder, or set retrain.holdout to "all")`,
      { dropRows: eligible },
    );
  }
  const split =
    times === undefined
      ? randomSplit(eligible, fraction, spec.seed)
      : timeOrderedSplit(
          eligible < table.rowCount ? times.subarray(0, eligible) : times,
          fraction,
          spec.timeColumn,
        );
  if (eligible === table.rowCount) return split;
  // The rows past `eligible` never judge the candidate: they all train.
  const train = new Uint32Array(split.train.length + table.rowCount - eligible);
  train.set(split.train);
  for (let r = eligible; r < table.rowCount; r++) train[split.train.length + r - eligible] = r;
  return { train, holdout: split.holdout };
}
