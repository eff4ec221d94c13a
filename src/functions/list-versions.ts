import { parseModelName, parsePageQuery } from '../serving/http/request-params';
import { listModelVersions } from '../serving/reads/model-reads';
import { pipelineDeps } from './app-context';
import { httpRoute } from './http/http-route';

httpRoute('listVersions', async (request) => {
  const model = parseModelName(request.params.model);
  const page = await listModelVersions(pipelineDeps().registry, model, parsePageQuery(request.query));
  return { status: 200, jsonBody: page };
});
