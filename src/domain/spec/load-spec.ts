import { AppError } from '../../errors';
import type { JsonValue } from '../json';
import { parseModelSpec, parseModelSpecText, type ModelSpec } from './model-spec';

/** Where a model's spec may be: the registry's spec document, and the datasets container. */
export interface SpecSources {
  readonly registry: {
    getSpec(model: string): Promise<{ readonly spec: JsonValue } | undefined>;
  };
  readonly blobs: {
    tryGetProperties(container: string, name: string): Promise<unknown>;
    downloadToBuffer(container: string, name: string): Promise<{ readonly data: Buffer }>;
  };
  readonly settings: { readonly containers: { readonly datasets: string } };
}

/**
 * The model's spec: the registry's spec document when there is one (PUT /spec), else
 * `{datasets}/{model}/model.json`; undefined when there is neither. A bad one is an 'invalid'
 * error naming its source.
 */
export async function findSpec(deps: SpecSources, model: string): Promise<ModelSpec | undefined> {
  const doc = await deps.registry.getSpec(model);
  if (doc) return parseModelSpec(doc.spec);
  const container = deps.settings.containers.datasets;
  const name = `${model}/model.json`;
  if (!(await deps.blobs.tryGetProperties(container, name))) return undefined;
  const { data } = await deps.blobs.downloadToBuffer(container, name);
  return parseModelSpecText(data.toString('utf8'), `${container}/${name}`);
}

/** The model's spec (see findSpec); none at all is an 'invalid' error saying how to add one. */
export async function loadSpec(deps: SpecSources, model: string): Promise<ModelSpec> {
  const spec = await findSpec(deps, model);
  if (spec) return spec;
  const container = deps.settings.containers.datasets;
  const name = `${model}/model.json`;
  throw new AppError(
    'invalid',
    'no_spec',
    `No model spec for "${model}": upload ${container}/${name} (at least {"target": "<column>"}) or PUT /api/models/${model}/spec, ` +
      `then upload this data again or POST /api/models/${model}/retrain: a spec added later does not train data already uploaded`,
  );
}
