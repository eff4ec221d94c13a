import type { ModelVersion } from '../../domain/model-version';
import type { PipelineDeps } from '../pipeline-deps';

/**
 * The version already trained on this data (dataset sha256) with this spec (specSha256), if any:
 * training it again would only make a copy. Pages through the model's versions, newest first.
 */
export async function findTrainedVersion(
  deps: Pick<PipelineDeps, 'registry'>,
  model: string,
  datasetSha256: string,
  specSha256: string,
): Promise<ModelVersion | undefined> {
  let continuationToken: string | undefined;
  do {
    const page = await deps.registry.listVersions(model, {
      pageSize: 100,
      ...(continuationToken ? { continuationToken } : {}),
    });
    const found = page.items.find(
      (v) => v.lineage?.sha256 === datasetSha256 && v.specSha256 === specSha256 && v.artifact.path !== '',
    );
    if (found) return found;
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  return undefined;
}
