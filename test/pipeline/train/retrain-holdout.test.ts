// retrain.holdout "drops": a retrain set's rows labelled by feedback train the candidate but never
// judge it, so labels posted through serving cannot make a poisoned model pass its gates.
import { describe, expect, it } from 'vitest';
import { parseModelSpec } from '../../../src/domain/spec/model-spec';
import { fitDataset } from '../../../src/pipeline/train/fit-dataset';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { trainDrop } from '../chain';
import { memoryDeps } from '../memory-ports';

const LIMITS = { maxBytes: 10_000_000, maxRows: 100_000, maxColumns: 1000 };
// 10 days of hourly rows in time order: 960 rows, the latest 480 standing for feedback rows.
const content = Buffer.from(taxiCsv({ days: 10 }));
const FEEDBACK_FROM = 480;

function heldOutTimes(holdoutJsonl: string): string[] {
  return holdoutJsonl
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { row: Record<string, string> }).row.pickup_hour ?? '');
}

describe('retrain.holdout drops', () => {
  it('holds out only among the first rows with a time column: the latest rows all train', async () => {
    const spec = parseModelSpec({ ...TAXI_SPEC, validation: { refit: false } });
    const all = await fitDataset({ content, fileName: 'r.csv', spec, limits: LIMITS });
    const drops = await fitDataset({
      content,
      fileName: 'r.csv',
      spec,
      limits: LIMITS,
      holdoutAmong: FEEDBACK_FROM,
    });
    expect(all.holdoutRows).toBe(192);
    expect(drops.holdoutRows).toBe(96);
    expect(drops.trainRows).toBe(960 - 96);
    // The first 480 rows end on day 5; none held out is later.
    expect(heldOutTimes(drops.holdoutJsonl).every((t) => t <= '2025-01-05 23:00:00')).toBe(true);
    expect(heldOutTimes(all.holdoutJsonl).some((t) => t > '2025-01-05 23:00:00')).toBe(true);
  });

  it('holds out only among the first rows with a random split', async () => {
    const spec = parseModelSpec({ ...TAXI_SPEC, timeColumn: undefined, validation: { refit: false } });
    const drops = await fitDataset({
      content,
      fileName: 'r.csv',
      spec,
      limits: LIMITS,
      holdoutAmong: FEEDBACK_FROM,
    });
    expect(drops.holdoutRows).toBe(96);
    expect(heldOutTimes(drops.holdoutJsonl).every((t) => t <= '2025-01-05 23:00:00')).toBe(true);
  });

  it('fails the run, saying why, when the retrain set has fewer than 2 rows from data drops', async () => {
    const spec = parseModelSpec(TAXI_SPEC);
    await expect(
      fitDataset({ content, fileName: 'r.csv', spec, limits: LIMITS, holdoutAmong: 0 }),
    ).rejects.toThrow(/retrain\.holdout is "drops" but the retrain set holds 0 row\(s\) from data drops/);
  });

  it('applies to a retrain drop when the spec says drops, and not to an ordinary drop', async () => {
    const deps = memoryDeps();
    deps.memory.registry.specs.set('m', { ...TAXI_SPEC, retrain: { holdout: 'drops' } });
    const lineage = { trigger: 'drift', reason: 'drifted', requestedAt: '2026-01-01T00:00:00Z' };
    await trainDrop(deps, 'm', 'retrain-1.csv', taxiCsv({ days: 10 }), {
      ...lineage,
      dropRows: FEEDBACK_FROM,
    });
    await trainDrop(deps, 'm', 'plain.csv', taxiCsv({ days: 10, seed: 8 }));
    const retrained = (await deps.registry.getVersion('m', 1))!;
    const plain = (await deps.registry.getVersion('m', 2))!;
    expect(retrained.lineage?.retrain?.dropRows).toBe(FEEDBACK_FROM);
    const card = (v: number) =>
      JSON.parse(deps.memory.blobs.files.get(`models/m/${v}/card.json`)!.data.toString()) as {
        data: { holdoutRows: number };
      };
    expect(card(retrained.version).data.holdoutRows).toBe(96);
    expect(card(plain.version).data.holdoutRows).toBe(192);
  });
});
