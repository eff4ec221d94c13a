import type { BlobStore } from '../../platform/ports/blob-store';

/**
 * Whether the model already has a spec: `{container}/{model}/model.json`, else a spec document
 * stored by PUT /spec (in `GET /api/models/{model}`). A drop without one fails to train, and a
 * spec put afterwards does not train it (issue 17), so an upload checks first.
 */
export async function hasStoredSpec(
  blobs: Pick<BlobStore, 'tryGetProperties'>,
  target: { container: string; url: string; key?: string },
  model: string,
): Promise<boolean> {
  if (await blobs.tryGetProperties(target.container, `${model}/model.json`)) return true;
  const res = await fetch(`${target.url}/api/models/${encodeURIComponent(model)}`, {
    headers: target.key ? { 'x-functions-key': target.key } : {},
  });
  if (res.status === 404) return false;
  if (!res.ok) throw new Error(`GET /api/models/${model} answered ${res.status}`);
  return ((await res.json()) as { spec?: unknown }).spec !== undefined;
}
