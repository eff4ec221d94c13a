// Which drops a retrain reads, which columns it writes, which rows the time window keeps.
import { describe, expect, it } from 'vitest';
import { pickDrops, trainingColumns, withinWindow } from '../../../src/monitoring/retrain/training-window';
import { parseModelSpec } from '../../../src/domain/spec/model-spec';
import type { BlobInfo } from '../../../src/platform/ports/blob-store';

const NOW = new Date('2026-11-27T12:00:00Z');
const blob = (name: string, daysAgo: number): BlobInfo => ({
  name,
  etag: `"${name}"`,
  size: 10,
  lastModified: new Date(NOW.getTime() - daysAgo * 86_400_000),
  metadata: {},
});

describe('pickDrops', () => {
  const listed = [
    blob('taxi/model.json', 0),
    blob('taxi/2026-01.csv', 30),
    blob('taxi/2026-02.parquet', 20),
    blob('taxi/2026-03.jsonl', 10),
    blob('taxi/notes.txt', 1),
    blob('taxi/retrain-20261127T100000000Z.jsonl', 0),
    blob('taxi/archive/old.csv', 0),
    blob('taxis/2026-04.csv', 0),
  ];

  it('takes the newest maxDrops data files of the model, never the spec nor an earlier retrain set', () => {
    const spec = parseModelSpec({ target: 'y', retrain: { maxDrops: 2 } });
    expect(pickDrops(listed, 'taxi', spec, NOW).map((b) => b.name)).toEqual([
      'taxi/2026-03.jsonl',
      'taxi/2026-02.parquet',
    ]);
  });

  it('without a time column, windowDays keeps the drops written in the last D days', () => {
    const spec = parseModelSpec({ target: 'y', retrain: { windowDays: 25 } });
    expect(pickDrops(listed, 'taxi', spec, NOW).map((b) => b.name)).toEqual([
      'taxi/2026-03.jsonl',
      'taxi/2026-02.parquet',
    ]);
  });

  it('with a time column, windowDays filters rows, not drops', () => {
    const spec = parseModelSpec({ target: 'y', timeColumn: 't', retrain: { windowDays: 1 } });
    expect(pickDrops(listed, 'taxi', spec, NOW)).toHaveLength(3);
  });
});

describe('trainingColumns', () => {
  it('is every column seen (target added) when the spec names no features', () => {
    expect(trainingColumns(parseModelSpec({ target: 'y' }), ['a', 'b'])).toEqual(['a', 'b', 'y']);
    expect(trainingColumns(parseModelSpec({ target: 'y' }), ['y', 'a'])).toEqual(['y', 'a']);
  });

  it("is exactly the spec's columns when it names features", () => {
    const spec = parseModelSpec({
      target: 'y',
      features: ['a', 'b'],
      timeColumn: 't',
      exclude: ['id'],
      validation: { sliceColumns: ['zone'] },
    });
    expect(trainingColumns(spec, ['a', 'b', 'junk', 'y', 't', 'id', 'zone'])).toEqual([
      'a',
      'b',
      't',
      'id',
      'zone',
      'y',
    ]);
  });
});

describe('withinWindow', () => {
  const rows = [
    { t: '2012-12-31T10:00:00Z', y: 1 },
    { t: '2012-12-01T00:00:00Z', y: 2 },
    { t: '2012-11-01T00:00:00Z', y: 3 },
    { t: 'not a date', y: 4 },
  ];

  it('keeps the last D days before the newest row, and rows whose time does not parse', () => {
    const spec = parseModelSpec({ target: 'y', timeColumn: 't', retrain: { windowDays: 31 } });
    expect(withinWindow(rows, spec).map((r) => r.y)).toEqual([1, 2, 4]);
  });

  it('reads day-first dates as training does: detected, or in the form the spec sets', () => {
    const eu = [
      { t: '31/12/2012 10:00', y: 1 },
      { t: '01/12/2012', y: 2 },
      { t: '02/11/2012', y: 3 }, // 2 November, not 11 February
    ];
    const spec = parseModelSpec({ target: 'y', timeColumn: 't', retrain: { windowDays: 31 } });
    expect(withinWindow(eu, spec).map((r) => r.y)).toEqual([1, 2]);
    const ambiguous = [
      { t: '01/12/2012', y: 1 },
      { t: '02/11/2012', y: 2 },
    ];
    const set = parseModelSpec({ ...spec, format: { dateFormats: { t: 'MM/DD/YYYY' } } });
    // Month-first: 12 January and 11 February, 30 days apart.
    expect(withinWindow(ambiguous, { ...set, retrain: { ...set.retrain, windowDays: 29 } })).toEqual([
      { t: '02/11/2012', y: 2 },
    ]);
    expect(withinWindow(ambiguous, spec)).toHaveLength(2); // unread without the form: training says why
  });

  it('keeps every row without windowDays or without a time column', () => {
    expect(withinWindow(rows, parseModelSpec({ target: 'y', timeColumn: 't' }))).toHaveLength(4);
    expect(withinWindow(rows, parseModelSpec({ target: 'y', retrain: { windowDays: 1 } }))).toHaveLength(4);
  });
});
