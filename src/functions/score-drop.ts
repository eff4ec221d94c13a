import { app } from '@azure/functions';
import { readSetting } from '../platform/config';
import { scoreDrop } from '../serving/batch/score-drop';
import { pipelineDeps } from './app-context';
import { settleRun } from './run-outcome';
import { scoringDrop } from './scoring-drop-input';
import { existingScoringLog, scoringDeps } from './scoring-context';

app.storageBlob('scoreDrop', {
  path: '%SCORING_CONTAINER%/{model}/{name}',
  connection: 'AzureWebJobsStorage',
  source: readSetting('BLOB_TRIGGER_SOURCE'),
  handler: async (_content, context) => {
    // The use case streams the blob itself (size checked first), so the bound content is unused.
    const drop = scoringDrop(context);
    await settleRun(
      context,
      pipelineDeps,
      () => drop,
      async () => {
        const outcome = await scoreDrop(scoringDeps(), drop);
        context.log(
          outcome.kind === 'ignored' ? outcome.reason : `${drop.blobName}: ${outcome.kind} (${drop.runId})`,
        );
      },
    );
  },
});

// Buffered batch prediction-log rows are written before the process goes.
app.hook.appTerminate(async () => {
  await existingScoringLog()?.close();
});
