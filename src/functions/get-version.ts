import { app } from '@azure/functions';
import { parseModelName, parseVersionNumber } from '../serving/http/request-params';
import { getModelVersion } from '../serving/reads/model-reads';
import { pipelineDeps } from './app-context';
import { httpHandler } from './http/handler';

app.http('getVersion', {
  methods: ['GET'],
  authLevel: 'function',
  route: 'models/{model}/versions/{version}',
  handler: httpHandler(async (request) => {
    const model = parseModelName(request.params.model);
    const version = parseVersionNumber(request.params.version);
    return { status: 200, jsonBody: await getModelVersion(pipelineDeps().registry, model, version) };
  }),
});
