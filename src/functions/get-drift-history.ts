import { app } from '@azure/functions';
import { DRIFT_PAGE, driftHistory } from '../monitoring/check-model/drift-history';
import { parseModelName, parsePageQuery } from '../serving/http/request-params';
import { httpOptions } from '../serving/openapi/routes';
import { appAdapters } from './app-context';
import { httpHandler } from './http/handler';

app.http('getDriftHistory', {
  ...httpOptions('getDriftHistory'),
  handler: httpHandler(async (request) => {
    const model = parseModelName(request.params.model);
    const page = parsePageQuery(request.query, DRIFT_PAGE);
    return { status: 200, jsonBody: await driftHistory(appAdapters().registry, model, page) };
  }),
});
