import { app } from '@azure/functions';
import { parseModelName } from '../serving/http/request-params';
import { httpOptions } from '../serving/openapi/routes';
import { getModelSummary } from '../serving/registry-api/model-summary';
import { pipelineDeps } from './app-context';
import { httpHandler } from './http/handler';

app.http('getModel', {
  ...httpOptions('getModel'),
  handler: httpHandler(async (request) => {
    const model = parseModelName(request.params.model);
    return { status: 200, jsonBody: await getModelSummary(pipelineDeps().registry, model) };
  }),
});
