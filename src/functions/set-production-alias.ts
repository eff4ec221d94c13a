import { parseModelName } from '../serving/http/request-params';
import { readJsonBody } from '../serving/http/json-body';
import { bodySource, registryBodyLimit } from './http/body-limits';
import { parseBody } from '../parse-with-schema';
import { setProductionAlias } from '../pipeline/promote/set-production-alias';
import { promoteBodySchema } from '../serving/registry-api/schemas';
import { pipelineDeps } from './app-context';
import { httpRoute } from './http/http-route';

httpRoute('setProductionAlias', async (request) => {
  const model = parseModelName(request.params.model);
  const body = parseBody(
    promoteBodySchema,
    await readJsonBody(bodySource(request), registryBodyLimit()),
    'promotion request',
  );
  const ifMatch = request.headers.get('if-match') ?? undefined;
  const result = await setProductionAlias(pipelineDeps(), { model, ...body, ...(ifMatch && { ifMatch }) });
  return { status: 200, headers: { etag: result.etag }, jsonBody: result };
});
