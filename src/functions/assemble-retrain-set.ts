import { assembleRetrainSet } from '../monitoring/retrain/assemble-retrain-set';
import { settleRetrainRecord } from '../monitoring/retrain/settle-retrain-record';
import { parseMessage, retrainRequestSchema } from '../domain/messages';
import { pipelineQueueTrigger } from './queue-trigger';
import { appAdapters, appConfig } from './app-context';

pipelineQueueTrigger('assembleRetrainSet', 'RETRAIN_QUEUE', async (message, context, scope) => {
  const req = parseMessage(retrainRequestSchema, 'retrain-requests', message);
  const adapters = appAdapters();
  // A failure for good is recorded on the model's retrain record, where the next ask reads it.
  scope.about({
    properties: { model: req.model },
    record: (reason) =>
      settleRetrainRecord(adapters.registry, req, { state: 'failed', failure: reason.message }),
  });
  const outcome = await assembleRetrainSet({ ...adapters, settings: appConfig() }, req);
  context.log(
    outcome.kind === 'assembled'
      ? `${req.model}: wrote ${outcome.blobName} (${outcome.rows} rows: ${outcome.dropRows} from ${outcome.drops.length} drops, ${outcome.feedbackRows} with feedback; ${outcome.unknownFeedback} feedback items for unknown requests skipped)`
      : `${req.model}: ${outcome.blobName} already written`,
  );
});
