import { app } from '@azure/functions';
import { trainOnDataDrop } from '../pipeline/train/train-on-data-drop';
import { readSetting } from '../platform/config';
import { pipelineDeps } from './app-context';
import { dataDropFrom } from './data-drop-input';
import { settleRun } from './run-outcome';

app.storageBlob('trainOnDataDrop', {
  path: '%DATASETS_CONTAINER%/{model}/{name}',
  connection: 'AzureWebJobsStorage',
  // Event Grid in Azure (Flex Consumption has no scanning blob trigger); the local runtime scans either way.
  source: readSetting('BLOB_TRIGGER_SOURCE'),
  handler: async (blob, context) => {
    const drop = dataDropFrom(blob, context);
    await settleRun(
      context,
      pipelineDeps,
      () => drop,
      async () => {
        const outcome = await trainOnDataDrop(pipelineDeps(), drop);
        context.log(
          outcome.kind === 'ignored' ? outcome.reason : `${drop.blobName}: ${outcome.kind} (${drop.runId})`,
        );
      },
    );
  },
});
