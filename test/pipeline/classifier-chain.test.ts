// The chain for classifiers, in-process on the memory ports: labels as text, probabilities
// checked between the engine and ONNX Runtime, classification gates.
import { describe, expect, it } from 'vitest';
import { taxiCsv } from '../support/taxi-data';
import { registerRun, trainDrop, validateRun } from './chain';
import { memoryDeps } from './memory-ports';

/** Taxi rows with a label column derived from trips: binary busy/quiet, or three demand levels. */
function labelled(levels: 2 | 3): string {
  const [header, ...lines] = taxiCsv({ days: 12 }).trim().split('\n');
  const trips = header!.split(',').indexOf('trips');
  const label = (n: number) =>
    levels === 2 ? (n > 20 ? 'busy' : 'quiet') : n > 30 ? 'high' : n > 10 ? 'mid' : 'low';
  return (
    [`${header},demand`, ...lines.map((l) => `${l},${label(Number(l.split(',')[trips]))}`)].join('\n') + '\n'
  );
}

describe('classifier chain', () => {
  it.each([
    ['binary', 2, 'gbdt', /^roc_auc 0\.[0-9]+ is at least the threshold 0\.500000$/],
    ['binary', 2, 'logistic', /^roc_auc 0\.[0-9]+ is at least the threshold 0\.500000$/],
    ['multiclass', 3, 'gbdt', /^accuracy 0\.[0-9]+ is at least the threshold 0$/],
  ] as const)(
    '%s (%s labels, %s) is trained, validated with parity and promoted',
    async (task, levels, algorithm, gate) => {
      const deps = memoryDeps();
      deps.memory.registry.specs.set('demand', {
        target: 'demand',
        task,
        algorithm,
        exclude: ['trips'],
        timeColumn: 'pickup_hour',
        params: algorithm === 'gbdt' ? { nEstimators: 20 } : {},
      });
      const request = await validateRun(deps, await trainDrop(deps, 'demand', 'a.csv', labelled(levels)));
      expect(request.reasons).toContainEqual(expect.stringMatching(gate));
      expect(request.reasons).toContainEqual(
        expect.stringMatching(/^ONNX Runtime matches the engine on \d+ holdout outputs/),
      );
      expect(request.passed).toBe(true);
      expect(await registerRun(deps, request)).toEqual({ kind: 'promoted', version: 1 });
      const v = (await deps.registry.getVersion('demand', 1))!;
      expect(v.task).toBe(task);
      expect(v.metrics.accuracy).toBeGreaterThan(0.6);
      expect(v.metrics.log_loss).toBeGreaterThan(0);
    },
  );
});
