import { app } from '@azure/functions';
import { parseModelName } from '../serving/http/request-params';
import { httpOptions } from '../serving/openapi/routes';
import { readJsonBody } from '../serving/registry-api/json-body';
import { putModelSpec } from '../serving/registry-api/put-spec';
import { pipelineDeps } from './app-context';
import { httpHandler } from './http/handler';

app.http('putSpec', {
  ...httpOptions('putSpec'),
  handler: httpHandler(async (request) => {
    const model = parseModelName(request.params.model);
    const stored = await putModelSpec(pipelineDeps().registry, model, await readJsonBody(request));
    return { status: 200, jsonBody: stored };
  }),
});
