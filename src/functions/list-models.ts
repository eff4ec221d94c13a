import { app } from '@azure/functions';
import { parsePageQuery } from '../serving/http/request-params';
import { httpOptions } from '../serving/openapi/routes';
import { listModels } from '../serving/registry-api/list-models';
import { pipelineDeps } from './app-context';
import { httpHandler } from './http/handler';

app.http('listModels', {
  ...httpOptions('listModels'),
  handler: httpHandler(async (request) => ({
    status: 200,
    jsonBody: await listModels(pipelineDeps().registry, parsePageQuery(request.query)),
  })),
});
