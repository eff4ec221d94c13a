import { retireChallengerBodySchema } from '../domain/trial';
import { parseBody } from '../parse-with-schema';
import { retireChallenger } from '../pipeline/promote/trial-moves';
import { readJsonBody } from '../serving/http/json-body';
import { parseModelName } from '../serving/http/request-params';
import { pipelineDeps } from './app-context';
import { bodySource, registryBodyLimit } from './http/body-limits';
import { httpRoute } from './http/http-route';

httpRoute('retireChallenger', async (request) => {
  const model = parseModelName(request.params.model);
  const raw = await readJsonBody(bodySource(request), { ...registryBodyLimit(), optional: true });
  const body = raw === undefined ? {} : parseBody(retireChallengerBodySchema, raw, 'retire request');
  const retired = await retireChallenger(pipelineDeps(), model, body.reason);
  return { status: 200, jsonBody: retired };
});
