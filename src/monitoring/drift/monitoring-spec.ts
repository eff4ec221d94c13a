import { findSpec, type SpecSources } from '../../domain/spec/load-spec';
import { parseModelSpec, type ModelSpec } from '../../domain/spec/model-spec';

/**
 * The model's `monitoring`, `retrain` and `deployment` settings: from its spec as training reads it (the
 * registry's spec document, else `{datasets}/{model}/model.json`), or every default for a model
 * with no spec (an uploaded ONNX model). A bad spec is an 'invalid' error naming its source.
 */
export async function monitoringSpec(
  sources: Omit<SpecSources, 'settings'> & { readonly datasetsContainer: string },
  model: string,
): Promise<Pick<ModelSpec, 'monitoring' | 'retrain' | 'deployment'>> {
  const settings = { containers: { datasets: sources.datasetsContainer } };
  // Every field but target has a default; the target plays no part in monitoring.
  return (await findSpec({ ...sources, settings }, model)) ?? parseModelSpec({ target: 'target' });
}
