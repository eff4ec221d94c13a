import type { ColumnDrift, ColumnQuality, DriftVerdict } from './drift-report';

/** How many of the most important inputs decide the dataset's verdict on their own. */
export const TOP_FEATURES = 3;

/** The settings the dataset verdict reads. */
export interface VerdictSettings {
  readonly datasetDriftShare: number;
  readonly minSamples: number;
}

/** The dataset's verdict, the rule that decided it in words, and the inputs each rule named. */
export interface DatasetVerdict {
  readonly verdict: DriftVerdict;
  readonly verdictReason: string;
  readonly driftedShare: number;
  readonly driftedTopFeatures: string[];
  readonly qualityBreaches: string[];
  readonly qualityBreachedTopFeatures: string[];
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/**
 * Decides a check from its columns. Fewer than `minSamples` rows, or no input with a score, is
 * not_enough_data. A data-quality breach on one of the first 3 measured inputs of `importance`,
 * or on at least `datasetDriftShare` of the inputs, is data_quality: the check could not see, so
 * it never ends as no_drift (and drift scores on broken inputs mean nothing). Otherwise drift
 * when a top input drifted or at least `datasetDriftShare` of the scored inputs did.
 */
export function datasetVerdict(
  rows: number,
  features: Readonly<Record<string, ColumnDrift>>,
  quality: Readonly<Record<string, ColumnQuality>>,
  importance: readonly string[],
  settings: VerdictSettings,
): DatasetVerdict {
  const names = Object.keys(features);
  const top = importance.filter((name) => features[name] !== undefined).slice(0, TOP_FEATURES);
  const scored = names.filter((name) => features[name].score !== null);
  const drifted = scored.filter((name) => features[name].drifted);
  const driftedShare = scored.length === 0 ? 0 : drifted.length / scored.length;
  const driftedTopFeatures = top.filter((name) => features[name].drifted);
  const qualityBreaches = names.filter((name) => quality[name]?.breached === true);
  const qualityBreachedTopFeatures = top.filter((name) => quality[name]?.breached === true);
  const named = { driftedShare, driftedTopFeatures, qualityBreaches, qualityBreachedTopFeatures };

  if (rows < settings.minSamples) {
    return {
      ...named,
      verdict: 'not_enough_data',
      verdictReason: `${rows} rows checked, fewer than minSamples (${settings.minSamples})`,
    };
  }
  const breachShare = names.length === 0 ? 0 : qualityBreaches.length / names.length;
  if (
    qualityBreachedTopFeatures.length > 0 ||
    (names.length > 0 && breachShare >= settings.datasetDriftShare)
  ) {
    const words = qualityBreaches.map((name) => {
      const q = quality[name];
      return `${name} ${pct(q.missingRate + q.unreadableRate)} (training ${pct(q.trainingMissingRate)})`;
    });
    const rule =
      qualityBreachedTopFeatures.length > 0
        ? `top input${qualityBreachedTopFeatures.length > 1 ? 's' : ''} ${qualityBreachedTopFeatures.join(', ')}`
        : `${qualityBreaches.length} of ${names.length} inputs`;
    return {
      ...named,
      verdict: 'data_quality',
      verdictReason: `missing or unreadable values beyond the training rate on ${rule}: ${words.join(', ')}`,
    };
  }
  if (scored.length === 0) {
    return {
      ...named,
      verdict: 'not_enough_data',
      verdictReason: `no input had ${settings.minSamples} readable values to score`,
    };
  }
  if (driftedTopFeatures.length > 0 || driftedShare >= settings.datasetDriftShare) {
    const rule =
      driftedTopFeatures.length > 0
        ? `top input${driftedTopFeatures.length > 1 ? 's' : ''} ${driftedTopFeatures.join(', ')} drifted`
        : `${drifted.length} of ${scored.length} scored inputs drifted (share ${pct(driftedShare)} >= ${pct(settings.datasetDriftShare)})`;
    return { ...named, verdict: 'drift', verdictReason: `${rule}: ${drifted.join(', ')}` };
  }
  return {
    ...named,
    verdict: 'no_drift',
    verdictReason: `${drifted.length} of ${scored.length} scored inputs drifted, no top input among them`,
  };
}
