import { app } from '@azure/functions';
import { parseMessage, registerRequestSchema, type RegisterRequest } from '../pipeline/messages';
import { registerVersion } from '../pipeline/register/register-version';
import { pipelineDeps } from './app-context';
import { settleRun } from './run-outcome';

app.storageQueue('registerVersion', {
  queueName: '%REGISTER_QUEUE%',
  connection: 'AzureWebJobsStorage',
  handler: async (message, context) => {
    let req: RegisterRequest | undefined;
    await settleRun(
      context,
      pipelineDeps,
      () => req,
      async () => {
        req = parseMessage(registerRequestSchema, 'register-requests', message);
        const outcome = await registerVersion(pipelineDeps(), req);
        context.log(`${req.model} ${req.runId}: ${outcome.kind}`);
      },
    );
  },
});
