import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../src/cli/mlops';
import { parseModelSpec } from '../../src/domain/spec/model-spec';

describe('mlops generate', () => {
  it('writes the data and a spec that trains on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'generate-'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const args = [
      '--days',
      '2',
      '--zones',
      '3',
      '--out',
      join(dir, 't.csv'),
      '--spec-out',
      join(dir, 's.json'),
    ];
    await buildProgram().parseAsync(['node', 'mlops', 'generate', ...args]);
    stderr.mockRestore();
    const lines = readFileSync(join(dir, 't.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('pickup_hour,zone,weather,temperature_c,precipitation_mm,is_holiday,trips');
    expect(lines).toHaveLength(1 + 2 * 24 * 3);
    const spec = parseModelSpec(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')));
    expect(spec).toMatchObject({ target: 'trips', timeColumn: 'pickup_hour' });
  });

  it('refuses an unknown format', async () => {
    const program = buildProgram().exitOverride();
    program.commands.forEach((c) => c.exitOverride());
    await expect(program.parseAsync(['node', 'mlops', 'generate', '--format', 'xml'])).rejects.toThrow(
      '--format must be csv or jsonl, not "xml"',
    );
  });
});
