import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileWithProgress, progressLine } from '../../../src/cli/output/progress-bar';
import { renderTable } from '../../../src/cli/output/table';

describe('upload progress bar', () => {
  it('draws the share done as a bar, a percentage and megabytes', () => {
    expect(progressLine('up', 512 * 1024, 2 * 1024 * 1024, 8)).toBe('up [##------]  25% 0.5/2.0 MB');
    expect(progressLine('up', 0, 0, 4)).toBe('up [####] 100% 0.0/0.0 MB');
  });

  it('passes the file through unchanged and ends the bar at 100%', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mlops-bar-')), 'data.csv');
    const bytes = Buffer.alloc(300_000, 'a');
    writeFileSync(file, bytes);
    let drawn = '';
    const out = { write: (s: string) => ((drawn += s), true) } as unknown as NodeJS.WriteStream;
    const chunks: Buffer[] = [];
    for await (const chunk of fileWithProgress(file, bytes.length, 'data.csv', out))
      chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(drawn.split('\r').length).toBeGreaterThan(2);
    expect(drawn.endsWith('100% 0.3/0.3 MB\n')).toBe(true);
  });
});

describe('tables', () => {
  it('aligns columns, right-aligns numbers and shows empty cells as "-"', () => {
    const table = renderTable(
      [
        { name: 'taxi', n: 12, note: undefined },
        { name: 'bikes-hourly', n: 3, note: 'ok' },
      ],
      [
        { heading: 'MODEL', value: (r) => r.name },
        { heading: 'N', value: (r) => r.n, right: true },
        { heading: 'NOTE', value: (r) => r.note },
      ],
    );
    expect(table.split('\n')).toEqual([
      'MODEL          N  NOTE',
      '------------  --  ----',
      'taxi          12  -',
      'bikes-hourly   3  ok',
    ]);
  });
});
