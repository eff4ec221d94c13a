import type { TrainingProfile } from '../../ml/profile/types';
import { ColumnAccumulator } from './column-accumulator';
import { scoreColumn } from './column-score';
import type { ColumnDrift, ColumnQuality, DriftReport } from './drift-report';
import type { ParsedLine } from './log-line';

/** The spec's `monitoring` settings a drift check uses. */
export interface DriftSettings {
  readonly driftThreshold: number;
  readonly datasetDriftShare: number;
  readonly minSamples: number;
}

/** How many of the most important inputs drift the dataset on their own. */
export const TOP_FEATURES = 3;

/**
 * Checks one model's logged rows against its training profile, streaming with memory bounded by
 * the profile's bins. The dataset drifts when at least `datasetDriftShare` of the inputs drift or
 * any of the first 3 profiled inputs of `importance` (most important first) does; fewer than
 * `minSamples` valid rows give 'not_enough_data' (scores still reported).
 */
export async function checkDrift(
  profile: TrainingProfile,
  importance: readonly string[],
  settings: DriftSettings,
  lines: AsyncIterable<ParsedLine>,
): Promise<DriftReport> {
  const inputs = Object.entries(profile.columns).map(
    ([name, p]) => [name, new ColumnAccumulator(p)] as const,
  );
  // Parallel arrays walked by index: the loop below runs once per input per logged row.
  const names = inputs.map(([name]) => name);
  const accumulators = inputs.map(([, acc]) => acc);
  const width = names.length;
  const prediction = profile.prediction === undefined ? undefined : new ColumnAccumulator(profile.prediction);
  let rows = 0;
  let malformedLines = 0;
  for await (const line of lines) {
    if (!line.ok) {
      malformedLines++;
      continue;
    }
    rows++;
    const values = line.row.inputs as Record<string, unknown>;
    for (let i = 0; i < width; i++) accumulators[i]!.add(values[names[i]!]);
    prediction?.add(line.row.prediction);
  }

  const features: Record<string, ColumnDrift> = {};
  const quality: Record<string, ColumnQuality> = {};
  for (const [name, acc] of inputs) {
    features[name] = scoreColumn(acc, settings.driftThreshold);
    quality[name] = {
      count: acc.count,
      missing: acc.missing,
      missingRate: rows === 0 ? 0 : acc.missing / rows,
      typeErrors: acc.typeErrors,
      outOfRange: acc.outOfRange,
    };
  }
  const checked = Object.values(features);
  const driftedShare = checked.length === 0 ? 0 : checked.filter((f) => f.drifted).length / checked.length;
  const driftedTopFeatures = importance
    .filter((name) => features[name] !== undefined)
    .slice(0, TOP_FEATURES)
    .filter((name) => features[name].drifted);
  const drifted =
    (checked.length > 0 && driftedShare >= settings.datasetDriftShare) || driftedTopFeatures.length > 0;
  return {
    rows,
    malformedLines,
    verdict: rows < settings.minSamples ? 'not_enough_data' : drifted ? 'drift' : 'no_drift',
    minSamples: settings.minSamples,
    driftedShare,
    driftedTopFeatures,
    features,
    ...(prediction === undefined ? {} : { prediction: scoreColumn(prediction, settings.driftThreshold) }),
    quality,
  };
}
