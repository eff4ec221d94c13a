import { DataError } from '../errors';
import { seededRandom } from '../random';

/** Row indices of a train/holdout split. */
export interface HoldoutSplit {
  readonly train: Uint32Array;
  readonly holdout: Uint32Array;
}

function checkFraction(fraction: number): void {
  if (!(fraction > 0 && fraction < 1)) {
    throw new DataError('bad_spec', `holdout fraction must be between 0 and 1, got ${fraction}`);
  }
}

/**
 * Time-ordered holdout: the latest `fraction` of rows by time (default 0.2) are held out. The cut
 * falls on a time boundary, so rows sharing a timestamp land on the same side; rows with a
 * missing time (NaN) always train. Both sides must keep at least one row.
 */
export function timeOrderedSplit(times: Float64Array, fraction = 0.2, column = 'time'): HoldoutSplit {
  checkFraction(fraction);
  const known: number[] = [];
  for (let i = 0; i < times.length; i++) if (!Number.isNaN(times[i])) known.push(times[i]);
  if (known.length < 2) {
    throw new DataError(
      'no_rows',
      `time column "${column}" needs at least 2 rows with a time to hold some out`,
      {
        column,
      },
    );
  }
  known.sort((a, b) => a - b);
  const cutoff = known[Math.min(known.length - 1, Math.floor(known.length * (1 - fraction)))];
  const firstTime = known[0];
  // All rows share one time: fall back to holding out nothing would be silent; refuse instead.
  if (cutoff === firstTime) {
    throw new DataError(
      'constant_column',
      `time column "${column}" has too few distinct times for a time-ordered holdout`,
      {
        column,
      },
    );
  }
  const train: number[] = [];
  const holdout: number[] = [];
  for (let i = 0; i < times.length; i++) {
    if (times[i] >= cutoff) holdout.push(i);
    else train.push(i);
  }
  return { train: Uint32Array.from(train), holdout: Uint32Array.from(holdout) };
}

/** Seeded random holdout of round(n * fraction) rows (default 0.2, seed 42), each side sorted. */
export function randomSplit(nRows: number, fraction = 0.2, seed = 42): HoldoutSplit {
  checkFraction(fraction);
  if (nRows < 2) throw new DataError('no_rows', `at least 2 rows are needed to hold some out, got ${nRows}`);
  const holdoutSize = Math.min(nRows - 1, Math.max(1, Math.round(nRows * fraction)));
  const order = new Uint32Array(nRows);
  for (let i = 0; i < nRows; i++) order[i] = i;
  // Fisher-Yates with a seeded source: same seed, same split, on any machine.
  const random = seededRandom(seed);
  for (let i = nRows - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return {
    train: order.slice(holdoutSize).sort(),
    holdout: order.slice(0, holdoutSize).sort(),
  };
}
