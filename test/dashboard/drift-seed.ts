// Drift history records in the agreed shape (the body of a `drift` monitoring record), written
// straight into the registry: the dashboard reads them through GET /api/models/{model}/drift.
import type { JsonValue } from '../../src/domain/json';
import type { Registry } from '../../src/platform/ports/registry';

const FEATURES = ['temperature_c', 'zone', 'hour'] as const;

/** `count` checks of `model` version `version`, 15 minutes apart, drift growing to the last. */
export async function seedDriftHistory(
  registry: Pick<Registry, 'putMonitoring'>,
  model: string,
  version: number,
  count = 4,
): Promise<void> {
  const start = Date.parse('2026-11-27T09:00:00.000Z');
  for (let i = 0; i < count; i++) {
    const to = new Date(start + (i + 1) * 15 * 60_000).toISOString();
    const from = new Date(start + i * 15 * 60_000).toISOString();
    const drifted = i === count - 1;
    const features = Object.fromEntries(
      FEATURES.map((f, k) => {
        const score = drifted && k === 0 ? 0.31 : 0.02 + 0.01 * i + 0.005 * k;
        return [f, column(score, f === 'zone' ? 'jensen_shannon' : 'wasserstein')];
      }),
    );
    const body = {
      version,
      status: drifted ? 'drift' : 'no_drift',
      window: { from, to },
      rows: 1200,
      report: {
        rows: 1200,
        malformedLines: 0,
        verdict: drifted ? 'drift' : 'no_drift',
        minSamples: 200,
        driftedShare: drifted ? 1 / 3 : 0,
        driftedTopFeatures: drifted ? ['temperature_c'] : [],
        features,
        prediction: column(drifted ? 0.2 : 0.03, 'wasserstein'),
        quality: {},
      },
      liveError: {
        metric: 'rmse',
        value: 20 + 7 * i,
        baseline: 20.1,
        limit: 30.15,
        breached: 20 + 7 * i > 30.15,
        matched: 900,
        unknownRequestIds: 0,
      },
      retrain: drifted
        ? { sent: true, trigger: 'drift', reason: '1 of 3 features drifted: temperature_c' }
        : null,
    };
    await registry.putMonitoring({
      model,
      id: `drift:${to}`,
      kind: 'drift',
      createdAt: to,
      body: body as JsonValue,
    });
  }
}

function column(score: number, metric: string): Record<string, JsonValue> {
  return {
    metric,
    score,
    threshold: 0.1,
    drifted: score > 0.1,
    psi: score * 1.3,
    pValue: score > 0.1 ? 0.0001 : 0.4,
    pValueTest: metric === 'wasserstein' ? 'ks' : 'chi_squared',
  };
}
