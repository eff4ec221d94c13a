import { AppError } from '../../errors';
import type { BlobStore } from '../../platform/ports/blob-store';
import type { Registry } from '../../platform/ports/registry';
import { parseModelSpec, parseModelSpecText, type ModelSpec } from '../spec/model-spec';

/**
 * The model's spec: the registry's spec document when there is one (PUT /spec), else
 * `{datasets}/{model}/model.json`. None at all, or a bad one, is an 'invalid' error saying which.
 */
export async function loadSpec(
  deps: {
    readonly blobs: Pick<BlobStore, 'tryGetProperties' | 'downloadToBuffer'>;
    readonly registry: Pick<Registry, 'getSpec'>;
    readonly settings: { readonly containers: { readonly datasets: string } };
  },
  model: string,
): Promise<ModelSpec> {
  const doc = await deps.registry.getSpec(model);
  if (doc) return parseModelSpec(doc.spec);
  const container = deps.settings.containers.datasets;
  const name = `${model}/model.json`;
  if (!(await deps.blobs.tryGetProperties(container, name))) {
    throw new AppError(
      'invalid',
      'no_spec',
      `No model spec for "${model}": upload ${container}/${name} (at least {"target": "<column>"}) or PUT /api/models/${model}/spec, ` +
        `then upload this data again or POST /api/models/${model}/retrain: a spec added later does not train data already uploaded`,
    );
  }
  const { data } = await deps.blobs.downloadToBuffer(container, name);
  return parseModelSpecText(data.toString('utf8'), `${container}/${name}`);
}
