import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  driftReportId,
  logHourPrefixes,
  windowBound,
  writtenInWindow,
} from '../../../src/monitoring/drift/drift-window';
import { splitLines } from '../../../src/monitoring/drift/log-blob-lines';

const window = { from: '2026-11-27T10:00:00.000Z', to: '2026-11-27T10:15:00.000Z' };

describe('drift window', () => {
  it('names the report by the window end, so a replay of the same window has the same id', () => {
    expect(driftReportId(window)).toBe('drift:2026-11-27T10:15:00.000Z');
    expect(driftReportId({ ...window, from: '2026-11-27T09:00:00.000Z' })).toBe(driftReportId(window));
  });

  it('lists the hour folders from two hours before the start to the hour of the end', () => {
    expect(logHourPrefixes('taxi', window)).toEqual([
      'taxi/2026/11/27/08/',
      'taxi/2026/11/27/09/',
      'taxi/2026/11/27/10/',
    ]);
    expect(
      logHourPrefixes('m', { from: '2026-12-31T23:30:00.000Z', to: '2027-01-01T01:00:00.000Z' }, 0),
    ).toEqual(['m/2026/12/31/23/', 'm/2027/01/01/00/', 'm/2027/01/01/01/']);
  });

  it('puts each blob in exactly one window: from the start, before the end (whole seconds)', () => {
    expect(writtenInWindow(new Date('2026-11-27T09:59:59.000Z'), window)).toBe(false);
    expect(writtenInWindow(new Date(window.from), window)).toBe(true);
    expect(writtenInWindow(new Date('2026-11-27T10:14:59.000Z'), window)).toBe(true);
    expect(writtenInWindow(new Date(window.to), window)).toBe(false);
  });

  it('rounds window bounds down to whole seconds', () => {
    expect(windowBound('2026-11-27T10:15:00.999Z')).toBe('2026-11-27T10:15:00.000Z');
    expect(windowBound(new Date('2026-11-27T10:15:01.000Z'))).toBe('2026-11-27T10:15:01.000Z');
  });
});

describe('splitLines', () => {
  const lines = async (chunks: Buffer[]): Promise<string[]> => {
    const out: string[] = [];
    for await (const batch of splitLines(Readable.from(chunks))) out.push(...batch);
    return out;
  };

  it('splits across chunk boundaries, even inside a multi-byte character', async () => {
    const text = Buffer.from('{"a":"é"}\n{"b":2}\nlast', 'utf8');
    const cut = text.indexOf(0xa9); // second byte of é
    expect(await lines([text.subarray(0, cut), text.subarray(cut, 13), text.subarray(13)])).toEqual([
      '{"a":"é"}',
      '{"b":2}',
      'last',
    ]);
  });

  it('keeps empty lines (the parser skips them) and drops nothing after a final newline', async () => {
    expect(await lines([Buffer.from('a\n\nb\n')])).toEqual(['a', '', 'b']);
  });

  it('yields the lines of each chunk as one batch', async () => {
    const batches: string[][] = [];
    for await (const batch of splitLines(Readable.from([Buffer.from('a\nb\nc'), Buffer.from('d\ne\n')]))) {
      batches.push(batch);
    }
    expect(batches).toEqual([
      ['a', 'b'],
      ['cd', 'e'],
    ]);
  });
});
