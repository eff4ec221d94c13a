import { app } from '@azure/functions';
import { parseModelName, parsePageQuery } from '../serving/http/request-params';
import { listModelVersions } from '../serving/reads/model-reads';
import { readAdapters } from './http/read-adapters';
import { httpHandler } from './http/handler';

app.http('listVersions', {
  methods: ['GET'],
  authLevel: 'function',
  route: 'models/{model}/versions',
  handler: httpHandler(async (request) => {
    const model = parseModelName(request.params.model);
    const page = await listModelVersions(readAdapters().registry, model, parsePageQuery(request.query));
    return { status: 200, jsonBody: page };
  }),
});
