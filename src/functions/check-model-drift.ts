import { checkModelDrift } from '../monitoring/drift/check-model-drift';
import { driftRequestSchema, parseMessage } from '../domain/messages';
import { permanentFailure } from '../pipeline/failure';
import { pipelineQueueTrigger } from './queue-trigger';
import { STEP_DONE } from './run-outcome';
import { driftCheckDeps } from './monitoring-context';

pipelineQueueTrigger('checkModelDrift', 'DRIFT_QUEUE', async (message, context) => {
  try {
    const req = parseMessage(driftRequestSchema, 'drift-requests', message);
    const outcome = await checkModelDrift(driftCheckDeps(), req);
    context.log(`${req.model} v${req.version}: ${'status' in outcome ? outcome.status : outcome.kind}`);
    return STEP_DONE;
  } catch (err) {
    // A malformed message or a check that cannot succeed fails at once; the rest is retried.
    const reason = permanentFailure(err);
    if (!reason) throw err;
    context.warn(`Failed without retry (${reason.code}): ${reason.message}`);
    return { kind: 'failed', reason };
  }
});
