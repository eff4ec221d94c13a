import { AppError } from '../../errors';
import type { ModelVersion } from '../../domain/model-version';
import type { Page, PageRequest } from '../../domain/page';
import type { Run } from '../../domain/run';
import type { RunStore } from '../../platform/ports/run-store';
import type { SpecStore } from '../../platform/ports/spec-store';
import type { VersionStore } from '../../platform/ports/version-store';
import { requireKnownModel } from '../../domain/known-model';

/** The registry reads these use cases need. */
export type ReadRegistry = Pick<RunStore, 'listRuns'> &
  Pick<VersionStore, 'listVersions' | 'getVersion'> &
  Pick<SpecStore, 'getSpec'>;

/**
 * Runs of a model, newest first, one page. An empty first page of a model the registry has never
 * heard of (no run, version or spec) is a 404, so a typo in the name does not look like "no runs yet".
 */
export async function listModelRuns(
  registry: ReadRegistry,
  model: string,
  page: PageRequest,
): Promise<Page<Run>> {
  const result = await registry.listRuns(model, page);
  if (result.items.length === 0 && page.continuationToken === undefined)
    await requireKnownModel(registry, model);
  return result;
}

/** Versions of a model, newest first, one page; 404 for a model the registry does not know. */
export async function listModelVersions(
  registry: ReadRegistry,
  model: string,
  page: PageRequest,
): Promise<Page<ModelVersion>> {
  const result = await registry.listVersions(model, page);
  if (result.items.length === 0 && page.continuationToken === undefined)
    await requireKnownModel(registry, model);
  return result;
}

/** One version; AppError 'not_found' naming the model and version when there is none. */
export async function getModelVersion(
  registry: ReadRegistry,
  model: string,
  version: number,
): Promise<ModelVersion> {
  const found = await registry.getVersion(model, version);
  if (found) return found;
  throw new AppError('not_found', 'version_not_found', `Model "${model}" has no version ${version}`, {
    model,
    version,
  });
}
