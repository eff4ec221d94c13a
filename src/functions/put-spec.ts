import { parseModelName } from '../serving/http/request-params';
import { readJsonBody } from '../serving/http/json-body';
import { bodySource, registryBodyLimit } from './http/body-limits';
import { putModelSpec } from '../serving/registry-api/put-spec';
import { pipelineDeps } from './app-context';
import { httpRoute } from './http/http-route';

httpRoute('putSpec', async (request) => {
  const model = parseModelName(request.params.model);
  const stored = await putModelSpec(
    pipelineDeps().registry,
    model,
    await readJsonBody(bodySource(request), registryBodyLimit()),
  );
  return { status: 200, jsonBody: stored };
});
