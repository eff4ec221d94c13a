import type { InputField } from '../../../ml/features/types';
import type { ColumnProfile, TrainingProfile } from '../../../ml/profile/types';
import { ColumnAccumulator } from './column-accumulator';
import { columnQuality } from './column-quality';
import { scoreColumn } from './column-score';
import { datasetVerdict } from './dataset-verdict';
import type { ColumnDrift, ColumnQuality, DriftReference, DriftReport } from './drift-report';
import type { ParsedLine } from './log-line';

export { TOP_FEATURES } from './dataset-verdict';

/** The spec's `monitoring` settings a drift check uses. */
export interface DriftSettings {
  readonly driftThreshold: number;
  readonly datasetDriftShare: number;
  readonly minSamples: number;
  /** Missing + unreadable share above the training share that breaches data quality; default 0.1. */
  readonly dataQualityMargin?: number;
}

/** What a window is checked against: the version's training profile and inputs, maybe an earlier window. */
export interface DriftBaseline {
  /** Bins, training missing rates and (unless `recent` is set) the reference distributions. */
  readonly profile: TrainingProfile;
  /** The version's inputs: each logged value is read by its field's type, as predict reads it. */
  readonly inputs: readonly InputField[];
  /** Most important first (shares above 0); the first 3 measured decide on their own. */
  readonly importance: readonly string[];
  /** An earlier window's distributions on the same bins, compared with instead of training. */
  readonly recent?: {
    readonly reportId: string;
    readonly columns: Readonly<Record<string, ColumnProfile>>;
    readonly prediction?: ColumnProfile;
  };
  /** Why `recent` was asked for but training stands in. */
  readonly referenceNote?: string;
}

const DEFAULT_MARGIN = 0.1;

/**
 * Checks one model's logged rows against its baseline, streaming with memory bounded by the
 * profile's bins. Verdicts and their rules: see datasetVerdict. Malformed lines, missing and
 * unreadable values are counted per column, never fatal.
 */
export async function checkDrift(
  baseline: DriftBaseline,
  settings: DriftSettings,
  lines: AsyncIterable<ParsedLine>,
): Promise<DriftReport> {
  const { profile } = baseline;
  const fields = new Map(baseline.inputs.map((f) => [f.name, f]));
  const inputs = Object.entries(profile.columns).map(
    ([name, p]) => [name, new ColumnAccumulator(p, fields.get(name))] as const,
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

  const minSamples = settings.minSamples;
  const margin = settings.dataQualityMargin ?? DEFAULT_MARGIN;
  const score = (acc: ColumnAccumulator, training: ColumnProfile, recent?: ColumnProfile): ColumnDrift =>
    scoreColumn(acc, {
      reference: recent ?? training,
      threshold: settings.driftThreshold,
      minSamples,
      ...(training.type === 'numeric' ? { trainingStd: training.std } : {}),
    });
  const features: Record<string, ColumnDrift> = {};
  const quality: Record<string, ColumnQuality> = {};
  for (const [name, acc] of inputs) {
    const training = profile.columns[name];
    features[name] = score(acc, training, baseline.recent?.columns[name]);
    quality[name] = columnQuality(acc, training, rows, margin, minSamples);
  }
  const verdict = datasetVerdict(rows, features, quality, baseline.importance, settings);
  return {
    rows,
    malformedLines,
    ...verdict,
    minSamples,
    reference: reference(baseline),
    features,
    ...(prediction === undefined
      ? {}
      : { prediction: score(prediction, prediction.profile, baseline.recent?.prediction) }),
    quality,
    unmonitored: unmonitored(baseline),
  };
}

function reference(baseline: DriftBaseline): DriftReference {
  if (baseline.recent) return { kind: 'recent', reportId: baseline.recent.reportId };
  return baseline.referenceNote === undefined
    ? { kind: 'training' }
    : { kind: 'training', note: baseline.referenceNote };
}

/** The version's inputs without a profile column, and why. */
function unmonitored(baseline: DriftBaseline): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of baseline.inputs) {
    if (baseline.profile.columns[field.name] !== undefined) continue;
    out[field.name] =
      field.type === 'datetime'
        ? 'a datetime input: its values always move on, so it is not profiled'
        : 'the training profile has no such column';
  }
  return out;
}
