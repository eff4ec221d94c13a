// The cooldown policy, pure: when an ask may be sent, and what a suppressed one says.
import { describe, expect, it } from 'vitest';
import { retrainGate } from '../../../src/monitoring/retrain/retrain-gate';
import {
  CLAIM_LEASE_MS,
  fromRetrainDocument,
  retrainBlobName,
  retrainKey,
  toRetrainDocument,
  type RetrainRecord,
} from '../../../src/monitoring/retrain/retrain-record';

const T0 = '2026-11-27T10:00:00.000Z';
const at = (minutes: number): Date => new Date(Date.parse(T0) + minutes * 60_000);
const last = (patch: Partial<RetrainRecord> = {}): RetrainRecord => ({
  key: retrainKey('taxi', T0),
  requestedAt: T0,
  claimedAt: T0,
  trigger: 'drift',
  reason: '4 of 7 features drifted',
  state: 'sent',
  ...patch,
});

describe('retrainGate', () => {
  it('allows the first ask of a model', () => {
    expect(retrainGate(undefined, 'drift', at(0), 60)).toEqual({ allowed: true });
  });

  it('suppresses any ask inside the cooldown, saying when the next is allowed', () => {
    const gate = retrainGate(last(), 'live_error', at(59), 60);
    expect(gate).toMatchObject({ allowed: false, nextAllowedAt: '2026-11-27T11:00:00.000Z' });
    expect(gate.allowed === false && gate.reason).toMatch(/^cooldown: .*drift: 4 of 7.*still queued/);
  });

  it('allows again once the cooldown is over', () => {
    expect(retrainGate(last(), 'drift', at(60), 60)).toEqual({ allowed: true });
  });

  it('honours a manual ask inside the cooldown once the last one was handled, not while it is queued', () => {
    expect(retrainGate(last({ state: 'assembled' }), 'manual', at(5), 60)).toEqual({ allowed: true });
    expect(retrainGate(last({ state: 'failed' }), 'manual', at(5), 60)).toEqual({ allowed: true });
    expect(retrainGate(last({ state: 'sent' }), 'manual', at(5), 60).allowed).toBe(false);
    // Automatic asks never bypass the cooldown.
    expect(retrainGate(last({ state: 'assembled' }), 'drift', at(5), 60).allowed).toBe(false);
  });

  it('waits for a claim being sent, and takes over one left unsent past its lease', () => {
    const claimed = last({ state: 'claimed' });
    expect(retrainGate(claimed, 'drift', new Date(Date.parse(T0) + CLAIM_LEASE_MS - 1), 0).allowed).toBe(
      false,
    );
    expect(retrainGate(claimed, 'drift', new Date(Date.parse(T0) + CLAIM_LEASE_MS), 60)).toEqual({
      allowed: true,
      resend: claimed,
    });
  });

  it('treats a released claim (its send failed) as no ask at all', () => {
    expect(retrainGate(last({ state: 'released' }), 'drift', at(1), 60)).toEqual({ allowed: true });
  });

  it('with a cooldown of 0 allows every ask once the last is sent', () => {
    expect(retrainGate(last(), 'drift', at(0), 0)).toEqual({ allowed: true });
  });
});

describe('retrain record', () => {
  it('derives key and blob name from model and slot start, letters and digits only', () => {
    expect(retrainKey('taxi', T0)).toBe('retrain-taxi-20261127T100000000Z');
    expect(retrainBlobName('taxi', T0)).toBe('taxi/retrain-20261127T100000000Z.jsonl');
  });

  it('round-trips through a monitoring document and refuses shapes it does not know', () => {
    const doc = toRetrainDocument('taxi', last());
    expect(doc).toMatchObject({ model: 'taxi', id: 'retrain:last', kind: 'retrain' });
    expect(fromRetrainDocument(doc)).toEqual(last());
    expect(fromRetrainDocument({ ...doc, body: { key: 'k', requestedAt: 'yesterday' } })).toBeUndefined();
    expect(fromRetrainDocument({ ...doc, body: null })).toBeUndefined();
    expect(fromRetrainDocument(undefined)).toBeUndefined();
  });
});
