import type { HttpResponseInit } from '@azure/functions';
import { parseModelName, parseVersionNumber } from '../serving/http/request-params';
import { getArtifact } from '../serving/registry-api/artifact';
import { pipelineDeps } from './app-context';
import { httpRoute } from './http/http-route';

httpRoute('getArtifact', async (request): Promise<HttpResponseInit> => {
  const model = parseModelName(request.params.model);
  const version = parseVersionNumber(request.params.version);
  const { registry, blobs, settings } = pipelineDeps();
  const deps = { registry, blobs, modelsContainer: settings.containers.models };
  const result = await getArtifact(deps, model, version, request.headers.get('if-none-match'));
  if (result.kind === 'not_modified') return { status: 304, headers: { etag: result.etag } };
  return {
    status: 200,
    headers: { 'content-type': 'application/octet-stream', etag: result.etag },
    body: result.data,
  };
});
