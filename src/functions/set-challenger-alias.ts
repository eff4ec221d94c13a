import { challengerBodySchema } from '../domain/trial';
import { findSpec } from '../domain/spec/load-spec';
import { parseModelSpec } from '../domain/spec/model-spec';
import { parseBody } from '../parse-with-schema';
import { startTrial } from '../pipeline/promote/start-trial';
import { readJsonBody } from '../serving/http/json-body';
import { parseModelName } from '../serving/http/request-params';
import { pipelineDeps } from './app-context';
import { bodySource, registryBodyLimit } from './http/body-limits';
import { httpRoute } from './http/http-route';

httpRoute('setChallengerAlias', async (request) => {
  const model = parseModelName(request.params.model);
  const body = parseBody(
    challengerBodySchema,
    await readJsonBody(bodySource(request), registryBodyLimit()),
    'challenger request',
  );
  const deps = pipelineDeps();
  // A canary without a share takes the spec's deployment.share (its default without a spec).
  const share =
    body.mode !== 'canary'
      ? undefined
      : (body.share ??
        ((await findSpec(deps, model)) ?? parseModelSpec({ target: 'target' })).deployment.share);
  const started = await startTrial(deps, {
    model,
    version: body.version,
    mode: body.mode,
    ...(share !== undefined && { share }),
    origin: 'manual',
    ...(body.reason !== undefined && { reason: body.reason }),
  });
  return { status: 200, headers: { etag: started.etag }, jsonBody: { ...started } };
});
