import { app } from '@azure/functions';
import { storeFeedback } from '../serving/feedback/store-feedback';
import { parseModelName } from '../serving/http/request-params';
import { httpOptions } from '../serving/openapi/routes';
import { readJsonBody } from '../serving/registry-api/json-body';
import { pipelineDeps } from './app-context';
import { httpHandler } from './http/handler';

app.http('postFeedback', {
  ...httpOptions('postFeedback'),
  handler: httpHandler(async (request) => {
    const model = parseModelName(request.params.model);
    const result = await storeFeedback(pipelineDeps().registry, model, await readJsonBody(request));
    return { status: 200, jsonBody: result };
  }),
});
