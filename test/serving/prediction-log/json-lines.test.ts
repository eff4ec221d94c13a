import { describe, expect, it } from 'vitest';
import { toJsonLines } from '../../../src/serving/prediction-log/json-lines';
import type { LogRow, PredictedRow } from '../../../src/domain/log-row';
import { recordJsonOffsets } from '../../../src/serving/predict/record-json-spans';

const row = (i: number, inputs: unknown, extra: Partial<LogRow> = {}): LogRow => ({
  requestId: 'r-1',
  row: i,
  model: 'taxi',
  version: 2,
  inputs,
  prediction: i + 0.5,
  ...extra,
  time: '2025-01-03T08:00:00.000Z',
});

const perRow = (rows: readonly LogRow[]): string => rows.map((r) => `${JSON.stringify(r)}\n`).join('');

describe('toJsonLines', () => {
  it.each<[string, LogRow[]]>([
    ['no rows', []],
    ['one row', [row(0, { zone: 'Z01', t: 1.25 })]],
    [
      'rows with probabilities, escapes and nested values',
      [
        row(0, { zone: 'a\n"b"}', list: [1, { x: null }] }, { prediction: 'yes', probabilities: [0.2, 0.8] }),
        row(1, { zone: '},{"requestId":' }),
        row(2, { zone: 'Z03' }),
      ],
    ],
    ['non-ASCII inputs', [row(0, { zone: 'Zürich ☃ 東京' }), row(1, { zone: '😀' })]],
    ['an input holding the row boundary itself', [row(0, { a: [{}, { requestId: 'x' }] }), row(1, {})]],
    [
      'a row written with another key order',
      [row(0, {}), { row: 1, requestId: 'r', model: 'm', version: 1, inputs: {}, prediction: 1, time: 't' }],
    ],
  ])('%s: the same text as one JSON.stringify per row', (_name, rows) => {
    const text = toJsonLines(rows).toString('utf8');
    expect(text).toBe(perRow(rows));
    expect(
      text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(rows);
  });

  const sent = (r: LogRow): PredictedRow => ({
    ...r,
    inputsJson: Buffer.from(JSON.stringify(r.inputs), 'utf8'),
  });

  it.each<[string, LogRow[]]>([
    ['one row', [row(0, { zone: 'Z01', t: 1.25 })]],
    [
      'classifier rows with non-ASCII labels and escapes',
      [
        row(0, { zone: 'a\n"b"}' }, { prediction: 'ja ✓', probabilities: [0.2, 0.8] }),
        row(1, { zone: 'Zürich' }, { prediction: 'nein "x"', probabilities: [1, 0] }),
      ],
    ],
    ['a prediction that is not finite', [row(0, {}, { prediction: NaN }), row(1, {}, { prediction: -0 })]],
    [
      'rows of two requests and two models in one batch',
      [
        row(0, { a: 1 }),
        row(1, { a: 2 }, { requestId: 'r-2' }),
        row(2, { a: 3 }, { model: 'bike', version: 7 }),
      ],
    ],
  ])('copies the inputs as sent (%s): the same text as one JSON.stringify per row', (_name, rows) => {
    expect(toJsonLines(rows.map(sent)).toString('utf8')).toBe(perRow(rows));
  });

  it('writes rows without sent inputs among rows with them', () => {
    const rows = [row(0, { a: 1 }), row(1, { b: ['x', null] }), row(2, { c: 'ü' })];
    const mixed: PredictedRow[] = [sent(rows[0]!), rows[1]!, sent(rows[2]!)];
    expect(toJsonLines(mixed).toString('utf8')).toBe(perRow(rows));
  });

  it('copies the inputs from one request body by offsets (sentInputs), as inputsJson would', () => {
    const rows = [row(0, { a: 1 }), row(1, { b: 'ü "x"' })];
    const body = Buffer.from(`{"rows":[${rows.map((r) => JSON.stringify(r.inputs)).join(',')}]}`, 'utf8');
    const offsets = recordJsonOffsets(body, 'rows')!;
    const shared = rows.map((r) => ({ ...r, sentInputs: { body, offsets } }));
    expect(toJsonLines(shared).toString('utf8')).toBe(perRow(rows));
  });

  it('marks shadow rows (a challenger scored beside the answer) whether or not they carry sent inputs', () => {
    const answered = [row(0, { a: 1 }), row(1, { b: 2 })];
    const shadow: LogRow[] = answered.map((r) => ({ ...r, version: 3, shadow: true }));
    const body = Buffer.from(`{"rows":[${answered.map((r) => JSON.stringify(r.inputs)).join(',')}]}`, 'utf8');
    const offsets = recordJsonOffsets(body, 'rows')!;
    const all = [...answered, ...shadow];
    const lines = toJsonLines(all.map((r) => ({ ...r, sentInputs: { body, offsets } }))).toString('utf8');
    expect(lines).toBe(perRow(all));
    expect(lines.split('\n').map((l) => l && (JSON.parse(l) as LogRow).shadow)).toEqual([
      undefined,
      undefined,
      true,
      true,
      '',
    ]);
    expect(toJsonLines(shadow).toString('utf8')).toBe(perRow(shadow));
  });

  it('keeps the inputs text exactly as the client wrote it (spacing, number spelling)', () => {
    const r: PredictedRow = { ...row(0, { a: 100 }), inputsJson: Buffer.from('{"a": 1e2}', 'utf8') };
    const line = toJsonLines([r]).toString('utf8');
    expect(line).toContain('"inputs":{"a": 1e2},');
    expect(JSON.parse(line)).toEqual(row(0, { a: 100 }));
  });
});
