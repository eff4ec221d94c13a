import { parseMessage, registerRequestSchema, type RegisterRequest } from '../domain/messages';
import { registerVersion } from '../pipeline/register/register-version';
import { pipelineDeps } from './app-context';
import { pipelineQueueTrigger } from './queue-trigger';
import { settleRun } from './run-outcome';

pipelineQueueTrigger('registerVersion', 'REGISTER_QUEUE', async (message, context) => {
  let req: RegisterRequest | undefined;
  return settleRun(
    context,
    pipelineDeps,
    () => req,
    async () => {
      req = parseMessage(registerRequestSchema, 'register-requests', message);
      const outcome = await registerVersion(pipelineDeps(), req);
      context.log(`${req.model} ${req.runId}: ${outcome.kind}`);
    },
  );
});
