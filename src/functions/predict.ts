import { app } from '@azure/functions';
import { parseModelName, parseVersionNumber } from '../serving/http/request-params';
import { predict } from '../serving/predict/predict';
import { bodySource } from './http/body-limits';
import { httpRoute } from './http/http-route';
import { existingServingContext, servingContext } from './serving-context';

// A routing key longer than this is cut: it only has to keep a client on one side of a canary.
const MAX_ROUTING_KEY = 256;

httpRoute('predict', async (request) => {
  const model = parseModelName(request.params.model);
  const pinned = request.query.get('version');
  const routingKey = request.headers.get('x-routing-key');
  const answer = await predict(servingContext(), {
    model,
    ...(pinned !== null && { version: parseVersionNumber(pinned) }),
    body: bodySource(request),
    ...(routingKey && { routingKey: routingKey.slice(0, MAX_ROUTING_KEY) }),
  });
  return { status: 200, jsonBody: answer };
});

// Buffered prediction-log rows are written before the process goes.
app.hook.appTerminate(async () => {
  const context = existingServingContext();
  if (context) await Promise.all([context.log.close(), context.cache.close()]);
});
