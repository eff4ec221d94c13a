import { parseModelName, parseVersionNumber } from '../serving/http/request-params';
import { getModelVersion } from '../serving/reads/model-reads';
import { pipelineDeps } from './app-context';
import { httpRoute } from './http/http-route';

httpRoute('getVersion', async (request) => {
  const model = parseModelName(request.params.model);
  const version = parseVersionNumber(request.params.version);
  return { status: 200, jsonBody: await getModelVersion(pipelineDeps().registry, model, version) };
});
