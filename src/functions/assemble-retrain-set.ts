import { assembleRetrainSet } from '../monitoring/retrain/assemble-retrain-set';
import { settleRetrainRecord } from '../monitoring/retrain/settle-retrain-record';
import { parseMessage, retrainRequestSchema, type RetrainRequest } from '../domain/messages';
import { permanentFailure } from '../pipeline/failure';
import { pipelineQueueTrigger } from './queue-trigger';
import { STEP_DONE } from './run-outcome';
import { appAdapters, appConfig } from './app-context';

pipelineQueueTrigger('assembleRetrainSet', 'RETRAIN_QUEUE', async (message, context) => {
  const adapters = appAdapters();
  let req: RetrainRequest | undefined;
  try {
    req = parseMessage(retrainRequestSchema, 'retrain-requests', message);
    const outcome = await assembleRetrainSet({ ...adapters, settings: appConfig() }, req);
    context.log(
      outcome.kind === 'assembled'
        ? `${req.model}: wrote ${outcome.blobName} (${outcome.rows} rows: ${outcome.dropRows} from ${outcome.drops.length} drops, ${outcome.feedbackRows} with feedback; ${outcome.unknownFeedback} feedback items for unknown requests skipped)`
        : `${req.model}: ${outcome.blobName} already written`,
    );
    return STEP_DONE;
  } catch (err) {
    // Bad message, spec or data: retrying cannot help, so it fails at once with its reason.
    const reason = permanentFailure(err);
    if (!reason) {
      context.error(`Will be retried: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    context.warn(`Failed without retry (${reason.code}): ${reason.message}`);
    adapters.telemetry.exception(err, { model: req?.model ?? '', invocationId: context.invocationId });
    if (req) await settleRetrainRecord(adapters.registry, req, { state: 'failed', failure: reason.message });
    return { kind: 'failed', reason };
  }
});
