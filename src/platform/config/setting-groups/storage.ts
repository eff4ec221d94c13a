import { z } from 'zod';
import { optional, setting } from '../setting';
import { containerName, httpUrl, storageConnectionString } from '../value-schemas';

// Storage: the account of blobs, queues and the Functions host, and the blob containers.

export const STORAGE_SETTINGS = [
  setting({
    name: 'AzureWebJobsStorage',
    description: 'Storage account for blobs, queues and the Functions host (connection string).',
    sample: 'UseDevelopmentStorage=true',
    expected: 'a Storage connection string or UseDevelopmentStorage=true',
    secret: true,
    schema: optional(storageConnectionString),
  }),
  setting({
    name: 'AzureWebJobsStorage__accountName',
    description: 'Identity-based storage instead of a connection string: the account name.',
    sample: '',
    expected: 'a Storage account name (3-24 lowercase letters and digits)',
    schema: optional(z.string().regex(/^[a-z0-9]{3,24}$/)),
  }),
  setting({
    name: 'AzureWebJobsStorage__blobServiceUri',
    description: 'Identity-based storage: blob endpoint (instead of the account name).',
    sample: '',
    expected: 'an https URL such as https://<account>.blob.core.windows.net',
    schema: optional(httpUrl),
  }),
  setting({
    name: 'AzureWebJobsStorage__queueServiceUri',
    description: 'Identity-based storage: queue endpoint (instead of the account name).',
    sample: '',
    expected: 'an https URL such as https://<account>.queue.core.windows.net',
    schema: optional(httpUrl),
  }),
] as const;

export const CONTAINER_SETTINGS = containerSettings();

function containerSettings() {
  const c = <N extends string>(name: N, value: string, what: string) =>
    setting({
      name,
      description: `Blob container for ${what}.`,
      default: value,
      sample: value,
      expected: 'a container name (3-63 lowercase letters, digits and single hyphens)',
      schema: containerName,
    });
  return [
    c('DATASETS_CONTAINER', 'datasets', 'data drops and model specs'),
    c('MODELS_CONTAINER', 'models', 'model artifacts (ONNX) and cards'),
    c('INCOMING_MODELS_CONTAINER', 'incoming-models', 'bring-your-own ONNX models'),
    c('PREDICTION_LOGS_CONTAINER', 'prediction-logs', 'prediction logs (JSON lines)'),
    c('SCORING_CONTAINER', 'scoring', 'batch-scoring drops (scoring/{model}/[v{N}/]{name})'),
    c('PREDICTIONS_CONTAINER', 'predictions', 'batch-scoring output (predictions/{model}/{name})'),
  ] as const;
}
