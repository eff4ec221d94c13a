import { app } from '@azure/functions';
import { parseModelName, parseVersionNumber } from '../serving/http/request-params';
import { predict } from '../serving/predict/predict';
import { bodySource } from './http/body-limits';
import { httpRoute } from './http/http-route';
import { existingServingContext, servingContext } from './serving-context';

httpRoute('predict', async (request) => {
  const model = parseModelName(request.params.model);
  const pinned = request.query.get('version');
  const answer = await predict(servingContext(), {
    model,
    ...(pinned !== null && { version: parseVersionNumber(pinned) }),
    body: bodySource(request),
  });
  return { status: 200, jsonBody: answer };
});

// Buffered prediction-log rows are written before the process goes.
app.hook.appTerminate(async () => {
  const context = existingServingContext();
  if (context) await Promise.all([context.log.close(), context.cache.close()]);
});
