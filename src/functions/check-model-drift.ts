import { checkModelDrift } from '../monitoring/drift/check-model-drift';
import { driftRequestSchema, parseMessage } from '../domain/messages';
import { pipelineQueueTrigger } from './queue-trigger';
import { driftCheckDeps } from './monitoring-context';

// A drift check has no run: a failure for good is in the log and telemetry (and the message's
// dead-letter reason on Service Bus).
pipelineQueueTrigger('checkModelDrift', 'DRIFT_QUEUE', async (message, context, scope) => {
  const req = parseMessage(driftRequestSchema, 'drift-requests', message);
  scope.about({ properties: { model: req.model, version: String(req.version) } });
  const outcome = await checkModelDrift(driftCheckDeps(), req);
  context.log(`${req.model} v${req.version}: ${'status' in outcome ? outcome.status : outcome.kind}`);
});
