import { trainOnDataDrop } from '../pipeline/train/train-on-data-drop';
import { pipelineDeps } from './app-context';
import { pipelineBlobTrigger } from './blob-trigger';
import { dataDropFrom } from './data-drop-input';
import { pipelineRun } from './run-outcome';

pipelineBlobTrigger('trainOnDataDrop', 'DATASETS_CONTAINER', async (blob, context, scope) => {
  const drop = dataDropFrom(blob, context);
  scope.about(pipelineRun(pipelineDeps, drop));
  const outcome = await trainOnDataDrop(pipelineDeps(), drop);
  context.log(
    outcome.kind === 'ignored' ? outcome.reason : `${drop.blobName}: ${outcome.kind} (${drop.runId})`,
  );
});
