import { app } from '@azure/functions';
import { parseModelName, parseVersionNumber } from '../serving/http/request-params';
import { predict } from '../serving/predict/predict';
import { httpRoute } from './http/http-route';
import { existingServingContext, servingContext } from './serving-context';

httpRoute('predict', async (request) => {
  const model = parseModelName(request.params.model);
  const pinned = request.query.get('version');
  const answer = await predict(servingContext(), {
    model,
    ...(pinned !== null && { version: parseVersionNumber(pinned) }),
    body: {
      contentType: request.headers.get('content-type'),
      contentLength: request.headers.get('content-length'),
      bytes: async () => new Uint8Array(await request.arrayBuffer()),
    },
  });
  return { status: 200, jsonBody: answer };
});

// Buffered prediction-log rows are written before the process goes.
app.hook.appTerminate(async () => {
  const context = existingServingContext();
  if (context) await Promise.all([context.log.close(), context.cache.close()]);
});
