// The retrain lineage travels as blob metadata: ASCII-safe, case-insensitive, absent on plain drops.
import { describe, expect, it } from 'vitest';
import { retrainLineageFrom, retrainMetadata } from '../../src/domain/retrain-lineage';

describe('retrain lineage metadata', () => {
  it('round-trips reason, trigger and drift report id through ASCII-only values', () => {
    const ask = {
      trigger: 'drift',
      reason: '2 of 4 features drifted: temp (0.31 ≥ 0.1), hum',
      requestedAt: '2026-11-27T10:00:00.000Z',
      driftReportId: 'drift:2026-11-27T10:00:00.000Z',
    };
    const metadata = retrainMetadata(ask);
    for (const value of Object.values(metadata)) expect(value).toMatch(/^[\x20-\x7e]*$/);
    expect(retrainLineageFrom(metadata)).toEqual(ask);
  });

  it('reads names whatever their case, and omits an absent drift report', () => {
    const upper = Object.fromEntries(
      Object.entries(retrainMetadata({ trigger: 'manual', reason: 'x', requestedAt: 'T' })).map(([k, v]) => [
        k.toUpperCase(),
        v,
      ]),
    );
    expect(retrainLineageFrom(upper)).toEqual({ trigger: 'manual', reason: 'x', requestedAt: 'T' });
  });

  it('is undefined for an ordinary data drop', () => {
    expect(retrainLineageFrom({})).toBeUndefined();
    expect(retrainLineageFrom(undefined)).toBeUndefined();
    expect(retrainLineageFrom({ author: 'me' })).toBeUndefined();
  });
});
