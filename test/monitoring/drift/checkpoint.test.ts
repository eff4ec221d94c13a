// The drift checkpoint read from its stored record, field by field.
import { describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../../src/monitoring/drift/checkpoint';

const doc = (body: unknown) => ({
  model: 'm',
  id: 'drift:checkpoint',
  kind: 'checkpoint',
  createdAt: '',
  body,
});

describe('readCheckpoint', () => {
  it('reads a checkpoint as stored, dropping fields of other types', () => {
    expect(
      readCheckpoint(doc({ to: '2026-12-04T10:00:00.000Z', version: 3, status: 'drift', reportId: 'r' })),
    ).toEqual({
      to: '2026-12-04T10:00:00.000Z',
      version: 3,
      status: 'drift',
      reportId: 'r',
    });
    expect(readCheckpoint(doc({ to: '2026-12-04T10:00:00.000Z', version: 3, reportId: 7 }))).toEqual({
      to: '2026-12-04T10:00:00.000Z',
      version: 3,
    });
  });

  it('is none for no record, or one that is not a checkpoint', () => {
    expect(readCheckpoint(undefined)).toBeUndefined();
    for (const body of [null, 'x', {}, { to: 5, version: 1 }, { to: '2026-12-04T10:00:00.000Z' }]) {
      expect([body, readCheckpoint(doc(body))]).toEqual([body, undefined]);
    }
  });
});
