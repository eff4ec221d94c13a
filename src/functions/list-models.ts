import { parsePageQuery } from '../serving/http/request-params';
import { listModels } from '../serving/registry-api/list-models';
import { pipelineDeps } from './app-context';
import { httpRoute } from './http/http-route';

httpRoute('listModels', async (request) => ({
  status: 200,
  jsonBody: await listModels(pipelineDeps().registry, parsePageQuery(request.query)),
}));
