import { parseMessage, validateRequestSchema } from '../domain/messages';
import { validateCandidate } from '../pipeline/validate/validate-candidate';
import { pipelineDeps } from './app-context';
import { pipelineQueueTrigger } from './queue-trigger';
import { pipelineRun } from './run-outcome';

pipelineQueueTrigger('validateCandidate', 'VALIDATE_QUEUE', async (message, context, scope) => {
  const req = parseMessage(validateRequestSchema, 'validate-requests', message);
  scope.about(pipelineRun(pipelineDeps, req));
  const outcome = await validateCandidate(pipelineDeps(), req);
  context.log(
    `${req.model} ${req.runId}: ${outcome.kind === 'judged' ? (outcome.passed ? 'passed' : 'failed') : outcome.kind}`,
  );
});
