import { parseMessage, registerRequestSchema } from '../domain/messages';
import { registerVersion } from '../pipeline/register/register-version';
import { pipelineDeps } from './app-context';
import { pipelineQueueTrigger } from './queue-trigger';
import { pipelineRun } from './run-outcome';

pipelineQueueTrigger('registerVersion', 'REGISTER_QUEUE', async (message, context, scope) => {
  const req = parseMessage(registerRequestSchema, 'register-requests', message);
  scope.about(pipelineRun(pipelineDeps, req));
  const outcome = await registerVersion(pipelineDeps(), req);
  context.log(`${req.model} ${req.runId}: ${outcome.kind}`);
});
