// Drift history records in the agreed shape (the body of a `drift` monitoring record), written
// straight into the registry: the dashboard reads them through GET /api/models/{model}/drift.
// Each window's distribution is on the bins of the version's real training profile.
import type { JsonValue } from '../../src/domain/json';
import type { ColumnProfile, TrainingProfile } from '../../src/ml/profile/types';
import type { Registry } from '../../src/platform/ports/registry';

export interface SeedOptions {
  readonly count?: number;
  /** The first window's start; checks are 15 minutes apart. */
  readonly start?: string;
  /** The last check's verdict: drift on the first input (default), or a data-quality breach on it. */
  readonly latest?: 'drift' | 'data_quality';
}

/** `count` checks of `model` version `version`, the last one with the `latest` verdict. */
export async function seedDriftHistory(
  registry: Pick<Registry, 'putMonitoring'>,
  model: string,
  version: number,
  profile: TrainingProfile,
  options: SeedOptions = {},
): Promise<string[]> {
  const count = options.count ?? 4;
  const start = Date.parse(options.start ?? '2026-11-27T09:00:00.000Z');
  const names = Object.keys(profile.columns);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const to = new Date(start + (i + 1) * 15 * 60_000).toISOString();
    const from = new Date(start + i * 15 * 60_000).toISOString();
    const last = i === count - 1 ? (options.latest ?? 'drift') : undefined;
    const features = Object.fromEntries(
      names.map((f, k) => {
        if (last === 'data_quality' && k === 0) return [f, unscored(profile.columns[f]!)];
        const score = last === 'drift' && k === 0 ? 0.31 : 0.02 + 0.01 * i + 0.005 * k;
        return [f, column(score, profile.columns[f]!, score > 0.1)];
      }),
    );
    const quality = Object.fromEntries(
      names.map((f, k) => {
        const broken = last === 'data_quality' && k === 0;
        return [
          f,
          {
            count: broken ? 0 : 1200,
            missing: broken ? 1200 : 0,
            unreadable: 0,
            missingRate: broken ? 1 : 0,
            unreadableRate: 0,
            trainingMissingRate: 0,
            limit: 0.1,
            breached: broken,
            outOfRange: 0,
          },
        ];
      }),
    );
    const status = last ?? 'no_drift';
    const body = {
      version,
      status,
      window: { from, to },
      rows: 1200,
      report: {
        rows: 1200,
        malformedLines: 0,
        verdict: status,
        verdictReason:
          status === 'drift'
            ? `top input ${names[0]} drifted: ${names[0]}`
            : status === 'data_quality'
              ? `missing or unreadable values beyond the training rate on top input ${names[0]}: ${names[0]} 100% (training 0%)`
              : '0 of 3 scored inputs drifted, no top input among them',
        minSamples: 200,
        reference: { kind: 'training' },
        driftedShare: status === 'drift' ? 1 / names.length : 0,
        driftedTopFeatures: status === 'drift' ? [names[0]] : [],
        qualityBreaches: status === 'data_quality' ? [names[0]] : [],
        qualityBreachedTopFeatures: status === 'data_quality' ? [names[0]] : [],
        features,
        prediction: column(status === 'drift' ? 0.2 : 0.03, profile.prediction!, status === 'drift'),
        quality,
        unmonitored: {},
      },
      liveError: {
        metric: 'rmse',
        value: 20 + 7 * i,
        baseline: 20.1,
        limit: 30.15,
        breached: 20 + 7 * i > 30.15,
        matched: 900,
        unknownRequestIds: 0,
        unreadableActuals: 0,
      },
      retrain:
        status === 'drift'
          ? { sent: true, trigger: 'drift', reason: `1 of ${names.length} features drifted: ${names[0]}` }
          : null,
    };
    const id = `drift:${to}`;
    ids.push(id);
    await registry.putMonitoring({
      model,
      id,
      kind: 'drift',
      createdAt: to,
      body: body as unknown as JsonValue,
    });
  }
  return ids;
}

/** The profile's distribution, its mass moved to the last bin when `shifted`. */
function current(profile: ColumnProfile, shifted: boolean): ColumnProfile {
  if (profile.type === 'numeric') {
    const counts = shifted
      ? profile.counts.map((c, i, all) => (i === all.length - 1 ? c * 5 : c))
      : [...profile.counts];
    return { ...profile, counts, count: counts.reduce((s, c) => s + c, 0) };
  }
  const categories = profile.categories.map((c, i) => ({
    value: c.value,
    count: shifted && i === 0 ? c.count * 5 : c.count,
  }));
  return { ...profile, categories };
}

function column(score: number, profile: ColumnProfile, shifted: boolean): Record<string, unknown> {
  const numeric = profile.type === 'numeric';
  return {
    metric: numeric ? 'wasserstein' : 'jensen_shannon',
    score,
    threshold: 0.1,
    drifted: score > 0.1,
    psi: score * 1.3,
    pValue: score > 0.1 ? 0.0001 : 0.4,
    pValueTest: numeric ? 'ks' : 'chi_squared',
    current: current(profile, shifted),
  };
}

function unscored(profile: ColumnProfile): Record<string, unknown> {
  return {
    ...column(0, profile, false),
    score: null,
    psi: null,
    pValue: null,
    drifted: false,
    reason: 'only 0 readable values in the window, fewer than minSamples (200)',
    current:
      profile.type === 'numeric'
        ? { ...profile, count: 0, counts: profile.counts.map(() => 0) }
        : { ...profile, count: 0, categories: profile.categories.map((c) => ({ ...c, count: 0 })), other: 0 },
  };
}
