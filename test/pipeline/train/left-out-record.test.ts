import { describe, expect, it } from 'vitest';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { trainDrop } from '../chain';
import { memoryDeps } from '../memory-ports';

/** The taxi CSV with the target blanked in `blank` rows and written as text in `text` rows. */
function withBadTargets(csv: string, blank: number, text: number): string {
  const [header, ...lines] = csv.trimEnd().split('\n');
  const at = header!.split(',').indexOf('trips');
  const edited = lines.map((line, i) => {
    if (i >= blank + text) return line;
    const cells = line.split(',');
    cells[at] = i < blank ? '' : 'n.a.';
    return cells.join(',');
  });
  return [header, ...edited].join('\n') + '\n';
}

describe('rows left out of training', () => {
  it('are counted per reason on the run, the version and card.json', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('taxi', TAXI_SPEC);
    const runId = await trainDrop(deps, 'taxi', 'gaps.csv', withBadTargets(taxiCsv({ days: 10 }), 200, 3));
    const expected = [
      expect.objectContaining({ reason: 'missing_target', scope: 'rows', column: 'trips', count: 200 }),
      expect.objectContaining({ reason: 'unparseable_target', column: 'trips', count: 3, example: 'n.a.' }),
    ];
    expect((await deps.registry.getRun('taxi', runId))?.leftOut).toEqual(expected);
    expect((await deps.registry.getVersion('taxi', 1))?.lineage?.leftOut).toEqual(expected);
    const card = JSON.parse(deps.memory.blobs.files.get('models/taxi/1/card.json')!.data.toString()) as {
      lineage: { leftOut: unknown };
    };
    expect(card.lineage.leftOut).toEqual(expected);
  });

  it("counts an input's stray text cells among its numbers as values read as missing, and trains", async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('taxi', TAXI_SPEC);
    const [header, ...lines] = taxiCsv({ days: 10 }).trimEnd().split('\n');
    const at = header!.split(',').indexOf('temperature_c');
    const edited = lines.map((line, i) => {
      if (i % 400 !== 7) return line; // 3 of 960 rows: a spreadsheet error, a typo
      const cells = line.split(',');
      cells[at] = i === 407 ? 'warm' : '#VALUE!';
      return cells.join(',');
    });
    const runId = await trainDrop(deps, 'taxi', 'strays.csv', [header, ...edited].join('\n') + '\n');
    const run = await deps.registry.getRun('taxi', runId);
    expect(run?.status).not.toBe('failed');
    expect(run?.leftOut).toEqual([
      {
        reason: 'unparseable_value',
        scope: 'values',
        column: 'temperature_c',
        count: 3,
        example: '#VALUE!',
        message: '3 values of "temperature_c" that are not numbers (e.g. "#VALUE!") read as missing',
      },
    ]);
    const inputs = (
      (await deps.registry.getVersion('taxi', 1))?.featureSchema as {
        inputs: { name: string; type: string }[];
      }
    ).inputs;
    expect(inputs.find((i) => i.name === 'temperature_c')?.type).toBe('numeric');
  });

  it('refuses a column with more text than stray cells among its numbers, naming a cell', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('taxi', TAXI_SPEC);
    const [header, ...lines] = taxiCsv({ days: 10 }).trimEnd().split('\n');
    const at = header!.split(',').indexOf('temperature_c');
    const edited = lines.map((line, i) => {
      if (i % 50 !== 7) return line; // 2% of the rows
      const cells = line.split(',');
      cells[at] = 'warm';
      return cells.join(',');
    });
    await expect(trainDrop(deps, 'taxi', 'mixed.csv', [header, ...edited].join('\n') + '\n')).rejects.toThrow(
      /^Column "temperature_c" mixes numbers and text: data row 8 .* has "warm" where most values are numbers$/,
    );
  });

  it('are an empty list when nothing was left out', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('taxi', TAXI_SPEC);
    const runId = await trainDrop(deps, 'taxi', 'clean.csv', taxiCsv({ days: 10 }));
    expect((await deps.registry.getRun('taxi', runId))?.leftOut).toEqual([]);
  });
});
