import { DRIFT_PAGE } from '../domain/page';
import { driftHistory } from '../monitoring/drift/drift-history';
import { parseModelName, parsePageQuery } from '../serving/http/request-params';
import { appAdapters } from './app-context';
import { httpRoute } from './http/http-route';

httpRoute('getDriftHistory', async (request) => {
  const model = parseModelName(request.params.model);
  const page = parsePageQuery(request.query, DRIFT_PAGE);
  return { status: 200, jsonBody: await driftHistory(appAdapters().registry, model, page) };
});
