import type { ColumnProfile } from '../../../ml/profile/types';
import type { ColumnAccumulator } from './column-accumulator';
import type { ColumnQuality } from './drift-report';

/**
 * Data quality of one input over `rows` checked rows: a breach when the window's missing +
 * unreadable share exceeds the training data's missing share by more than `margin` (spec
 * default 0.1), judged only once the window has `minSamples` rows.
 */
export function columnQuality(
  acc: ColumnAccumulator,
  training: ColumnProfile,
  rows: number,
  margin: number,
  minSamples: number,
): ColumnQuality {
  const trainingTotal = training.count + training.missing;
  const trainingMissingRate = trainingTotal === 0 ? 0 : training.missing / trainingTotal;
  const limit = trainingMissingRate + margin;
  const rate = (k: number): number => (rows === 0 ? 0 : k / rows);
  return {
    count: acc.count,
    missing: acc.missing,
    unreadable: acc.unreadable,
    missingRate: rate(acc.missing),
    unreadableRate: rate(acc.unreadable),
    trainingMissingRate,
    limit,
    breached: rows >= minSamples && rate(acc.missing + acc.unreadable) > limit,
    outOfRange: acc.outOfRange,
  };
}
