import { describe, expect, it } from 'vitest';
import {
  driftedFeatures,
  liveErrorText,
  retrainText,
  type DriftCheck,
} from '../../../src/cli/api/drift-history';

const check = (overrides: Partial<DriftCheck>): DriftCheck => ({
  id: 'drift:x',
  createdAt: '2026-11-27T10:00:00.000Z',
  version: 1,
  status: 'drift',
  report: null,
  liveError: null,
  retrain: null,
  ...overrides,
});

describe('drift check in words', () => {
  it('names the drifted features from the per-feature verdicts, highest score first', () => {
    const features = {
      zone: { drifted: false, score: 0 },
      weather: { drifted: true, score: 0.18 },
      temperature_c: { drifted: true, score: 2.1 },
    };
    expect(driftedFeatures(check({ report: { driftedTopFeatures: [], features } }))).toBe(
      '2 of 3: temperature_c, weather',
    );
    expect(driftedFeatures(check({ report: { features: { zone: features.zone } } }))).toBe('0 of 1');
  });

  it('says why a version is not monitorable', () => {
    expect(driftedFeatures(check({ status: 'not_monitorable', reason: 'no training profile' }))).toBe(
      'no training profile',
    );
  });

  it('marks a breached live error and a suppressed retrain', () => {
    const liveError = { metric: 'rmse', value: 41.23456, baseline: 20.1, limit: 30.15, breached: true };
    expect(liveErrorText(check({ liveError }))).toBe('rmse 41.23 BREACHED (limit 30.15, baseline 20.1)');
    expect(retrainText(check({ retrain: { sent: false, reason: 'cooldown until 11:00' } }))).toBe(
      'not sent: cooldown until 11:00',
    );
    expect(retrainText(check({}))).toBe('');
  });
});
