import { storeFeedback } from '../serving/feedback/store-feedback';
import { parseModelName } from '../serving/http/request-params';
import { readJsonBody } from '../serving/http/json-body';
import { bodySource, feedbackBodyLimit } from './http/body-limits';
import { pipelineDeps } from './app-context';
import { httpRoute } from './http/http-route';

httpRoute('postFeedback', async (request) => {
  const model = parseModelName(request.params.model);
  const result = await storeFeedback(
    pipelineDeps().registry,
    model,
    await readJsonBody(bodySource(request), feedbackBodyLimit()),
  );
  return { status: 200, jsonBody: result };
});
