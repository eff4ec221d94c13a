import { parseModelName, parsePageQuery } from '../serving/http/request-params';
import { listModelRuns } from '../serving/reads/model-reads';
import { pipelineDeps } from './app-context';
import { httpRoute } from './http/http-route';

httpRoute('listRuns', async (request) => {
  const model = parseModelName(request.params.model);
  const page = await listModelRuns(pipelineDeps().registry, model, parsePageQuery(request.query));
  return { status: 200, jsonBody: page };
});
