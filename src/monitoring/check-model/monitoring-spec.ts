import type { BlobStore } from '../../platform/ports/blob-store';
import type { Registry } from '../../platform/ports/registry';
import { parseModelSpec, parseModelSpecText, type ModelSpec } from '../../pipeline/spec/model-spec';

export interface SpecSources {
  readonly registry: Pick<Registry, 'getSpec'>;
  readonly blobs: Pick<BlobStore, 'tryGetProperties' | 'downloadToBuffer'>;
  readonly datasetsContainer: string;
}

/**
 * The model's `monitoring` and `retrain` settings: from its spec as training reads it (the
 * registry's spec document, else `{datasets}/{model}/model.json`), or every default for a model
 * with no spec (an uploaded ONNX model). A bad spec is an 'invalid' error naming its source.
 */
export async function monitoringSpec(
  sources: SpecSources,
  model: string,
): Promise<Pick<ModelSpec, 'monitoring' | 'retrain'>> {
  const doc = await sources.registry.getSpec(model);
  if (doc) return parseModelSpec(doc.spec);
  const name = `${model}/model.json`;
  if (await sources.blobs.tryGetProperties(sources.datasetsContainer, name)) {
    const { data } = await sources.blobs.downloadToBuffer(sources.datasetsContainer, name);
    return parseModelSpecText(data.toString('utf8'), `${sources.datasetsContainer}/${name}`);
  }
  // Every field but target has a default; the target plays no part in monitoring.
  return parseModelSpec({ target: 'target' });
}
