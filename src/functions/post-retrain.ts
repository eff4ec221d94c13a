import { askRetrainByHand } from '../monitoring/retrain/ask-retrain-by-hand';
import { parseModelName } from '../serving/http/request-params';
import { readJsonBody } from '../serving/http/json-body';
import { bodySource, registryBodyLimit } from './http/body-limits';
import { appAdapters, appConfig } from './app-context';
import { httpRoute } from './http/http-route';

httpRoute('postRetrain', async (request) => {
  const model = parseModelName(request.params.model);
  const body = await readJsonBody(bodySource(request), { ...registryBodyLimit(), optional: true });
  const config = appConfig();
  const decision = await askRetrainByHand(
    {
      ...appAdapters(),
      retrainQueue: config.queues.retrain,
      datasetsContainer: config.containers.datasets,
    },
    model,
    body,
  );
  return { status: 202, jsonBody: decision };
});
