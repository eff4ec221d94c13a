// Registry documents to seed the app with, as the pipeline writes them.
import type { NewModelVersion } from '../../src/domain/model-version';
import type { Run } from '../../src/domain/run';

/** A run document as the train step writes it. */
export function runDoc(model: string, id: string, queuedAt: string, overrides: Partial<Run> = {}): Run {
  return { id, model, status: 'running', stage: 'train', progress: 0.5, queuedAt, ...overrides };
}

/** A version to register: the smallest complete record. */
export function versionDoc(
  model: string,
  runId: string,
  overrides: Partial<NewModelVersion> = {},
): NewModelVersion {
  return {
    model,
    runId,
    status: 'validated',
    source: 'trained',
    metrics: { rmse: 1.5 },
    sliceMetrics: [],
    gates: [],
    params: {},
    featureSchema: { inputs: [] },
    trainingProfile: {},
    artifact: { path: `${model}/1/model.onnx`, sha256: 'ab'.repeat(32) },
    ...overrides,
  };
}
