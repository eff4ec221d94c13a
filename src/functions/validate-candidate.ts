import { parseMessage, validateRequestSchema, type ValidateRequest } from '../domain/messages';
import { validateCandidate } from '../pipeline/validate/validate-candidate';
import { pipelineDeps } from './app-context';
import { pipelineQueueTrigger } from './queue-trigger';
import { settleRun } from './run-outcome';

pipelineQueueTrigger('validateCandidate', 'VALIDATE_QUEUE', async (message, context) => {
  let req: ValidateRequest | undefined;
  return settleRun(
    context,
    pipelineDeps,
    () => req,
    async () => {
      req = parseMessage(validateRequestSchema, 'validate-requests', message);
      const outcome = await validateCandidate(pipelineDeps(), req);
      context.log(
        `${req.model} ${req.runId}: ${outcome.kind === 'judged' ? (outcome.passed ? 'passed' : 'failed') : outcome.kind}`,
      );
    },
  );
});
