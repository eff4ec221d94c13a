import { AppError } from '../../errors';
import type { TargetEncoding } from '../../ml/features/types';
import type { PipelineDeps } from '../pipeline-deps';
import { parseModelSpec, type ModelSpec } from '../../domain/spec/model-spec';
import { loadSpec } from '../../domain/spec/load-spec';
import type { Sidecar } from '../../domain/uploaded-model/sidecar';

/**
 * The spec an uploaded model is judged by: the model's own spec's validation settings (gates,
 * slices, bias limits) when it has a spec, else the defaults; target, task and seed from the
 * sidecar. A model spec that is present but invalid fails the upload, saying so.
 */
export async function validationSpec(
  deps: Pick<PipelineDeps, 'blobs' | 'registry' | 'settings'>,
  model: string,
  sidecar: Sidecar,
): Promise<ModelSpec> {
  let existing: ModelSpec | undefined;
  try {
    existing = await loadSpec(deps, model);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'no_spec')) throw err;
  }
  return parseModelSpec({
    target: sidecar.target,
    task: sidecar.task,
    seed: sidecar.seed,
    validation: { ...(existing?.validation ?? {}), holdoutFraction: sidecar.holdoutFraction },
  });
}

/** The sidecar's target as a trained pipeline encodes it; classes are the indexes 0..K-1. */
export function targetEncoding(sidecar: Sidecar, nClasses: number | undefined): TargetEncoding {
  if (sidecar.task === 'regression') return { name: sidecar.target, task: 'regression' };
  const k = nClasses ?? 2;
  return {
    name: sidecar.target,
    task: sidecar.task,
    classes: Array.from({ length: k }, (_, i) => String(i)),
  };
}
