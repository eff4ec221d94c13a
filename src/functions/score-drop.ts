import { app } from '@azure/functions';
import { pipelineDeps } from './app-context';
import { pipelineBlobTrigger } from './blob-trigger';
import { pipelineRun } from './run-outcome';
import { scoringDrop } from './scoring-drop-input';
import { existingScoringLog } from './scoring-context';
import { scoreDropOffThread } from './scoring-thread';

// The use case streams the blob itself (size checked first), so the bound content is unused.
pipelineBlobTrigger('scoreDrop', 'SCORING_CONTAINER', async (_content, context, scope) => {
  const drop = scoringDrop(context);
  scope.about(pipelineRun(pipelineDeps, drop));
  const outcome = await scoreDropOffThread(drop);
  context.log(
    outcome.kind === 'ignored' ? outcome.reason : `${drop.blobName}: ${outcome.kind} (${drop.runId})`,
  );
});

// Buffered batch prediction-log rows are written before the process goes.
app.hook.appTerminate(async () => {
  await existingScoringLog()?.close();
});
