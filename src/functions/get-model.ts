import { parseModelName } from '../serving/http/request-params';
import { getModelSummary } from '../serving/registry-api/model-summary';
import { pipelineDeps } from './app-context';
import { httpRoute } from './http/http-route';

httpRoute('getModel', async (request) => {
  const model = parseModelName(request.params.model);
  return { status: 200, jsonBody: await getModelSummary(pipelineDeps().registry, model) };
});
