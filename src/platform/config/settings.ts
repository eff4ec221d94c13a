import { z } from 'zod';
import { COSMOS_EMULATOR_CONNECTION } from './dev-values';
import { setting } from './setting';
import {
  appInsightsAuthenticationString,
  containerName,
  cosmosConnectionString,
  httpUrl,
  ncrontab,
  nonNegativeInt,
  positiveInt,
  queueName,
  storageConnectionString,
} from './value-schemas';

const optional = <S extends z.ZodType>(schema: S) => schema.optional();

/**
 * Every app setting the app reads, in one list: the source of the typed config, of the README
 * table and of local.settings.sample.json (a test keeps all three in step).
 */
export const SETTINGS = [
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
  setting({
    name: 'COSMOS_CONNECTION',
    description: 'Cosmos DB account for the registry (connection string).',
    sample: COSMOS_EMULATOR_CONNECTION,
    expected: 'a Cosmos DB connection string "AccountEndpoint=https://...;AccountKey=...;"',
    secret: true,
    schema: optional(cosmosConnectionString),
  }),
  setting({
    name: 'COSMOS_ENDPOINT',
    description: 'Identity-based Cosmos DB instead of a connection string: the account endpoint.',
    sample: '',
    expected: 'an https URL such as https://<account>.documents.azure.com:443/',
    schema: optional(httpUrl),
  }),
  setting({
    name: 'COSMOS_DATABASE',
    description: 'Cosmos DB database holding the models, runs and monitoring containers.',
    default: 'mlops',
    sample: 'mlops',
    expected: 'a database id (letters, digits, - and _)',
    schema: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/),
  }),
  ...containerSettings(),
  ...queueSettings(),
  setting({
    name: 'PIPELINE_TRANSPORT',
    description: 'Carrier of the pipeline messages: Storage queues or Service Bus queues.',
    default: 'storage',
    sample: 'storage',
    expected: '"storage" or "servicebus"',
    schema: z.enum(['storage', 'servicebus']),
  }),
  setting({
    name: 'BLOB_TRIGGER_SOURCE',
    description: 'How blob triggers learn of new blobs: scans, or Event Grid in Azure. Locally always scans.',
    default: 'LogsAndContainerScan',
    sample: 'LogsAndContainerScan',
    expected: '"LogsAndContainerScan" or "EventGrid"',
    schema: z.enum(['LogsAndContainerScan', 'EventGrid']),
  }),
  setting({
    name: 'SERVICEBUS_CONNECTION',
    description: 'Service Bus namespace when PIPELINE_TRANSPORT=servicebus (connection string).',
    sample: '',
    expected:
      'a Service Bus connection string "Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=..."',
    secret: true,
    schema: optional(z.string().regex(/Endpoint=sb:\/\//)),
  }),
  setting({
    name: 'SERVICEBUS_CONNECTION__fullyQualifiedNamespace',
    description: 'Identity-based Service Bus instead of a connection string: the namespace host.',
    sample: '',
    expected: 'a host name such as <namespace>.servicebus.windows.net',
    schema: optional(z.string().regex(/^[A-Za-z0-9.-]+$/)),
  }),
  setting({
    name: 'AZURE_CLIENT_ID',
    description:
      'Identity-based connections: client id of the user-assigned managed identity DefaultAzureCredential uses (unset: the system-assigned one, or your az login locally).',
    sample: '',
    expected: 'a client id (GUID)',
    schema: optional(z.uuid()),
  }),
  ...limitSettings(),
  setting({
    name: 'DRIFT_SCHEDULE',
    description: 'When the monitor timer fans out drift checks (six-field NCRONTAB).',
    default: '0 */15 * * * *',
    sample: '0 */15 * * * *',
    expected: 'a six-field NCRONTAB expression such as "0 */15 * * * *"',
    schema: ncrontab,
  }),
  setting({
    name: 'ALIAS_CACHE_SECONDS',
    description: 'How long the predict endpoint trusts a cached production alias, in seconds.',
    default: '30',
    sample: '30',
    expected: 'a whole number of seconds (0 = always re-read)',
    schema: nonNegativeInt,
  }),
  setting({
    name: 'MAX_LOADED_MODEL_VERSIONS',
    description: 'How many model versions the predict endpoint keeps loaded (least recently used go first).',
    default: '8',
    sample: '8',
    expected: 'a positive whole number',
    schema: positiveInt,
  }),
  setting({
    name: 'LOCAL_FUNCTION_KEY',
    description:
      'Local runtime only: the predict key (predict and every read; a function key in Azure). Generated into local.settings.json on first start.',
    sample: '',
    expected: 'a key of at least 8 characters',
    secret: true,
    schema: optional(z.string().min(8)),
  }),
  setting({
    name: 'LOCAL_FEEDBACK_KEY',
    description:
      'Local runtime only: the feedback key (posts ground truth; also allows predict). Generated on first start.',
    sample: '',
    expected: 'a key of at least 8 characters',
    secret: true,
    schema: optional(z.string().min(8)),
  }),
  setting({
    name: 'LOCAL_OPERATOR_KEY',
    description:
      'Local runtime only: the operate key (promote, roll back, spec, retrain by hand; also allows feedback and predict). Generated on first start.',
    sample: '',
    expected: 'a key of at least 8 characters',
    secret: true,
    schema: optional(z.string().min(8)),
  }),
  setting({
    name: 'LOCAL_ADMIN_KEY',
    description:
      'Local runtime only: the host admin key, for /admin/* (and, as the master key in Azure, predict routes). Generated on first start.',
    sample: '',
    expected: 'a key of at least 8 characters',
    secret: true,
    schema: optional(z.string().min(8)),
  }),
  setting({
    name: 'WEBSITE_AUTH_ENABLED',
    description:
      'Set by App Service when its Authentication is on (the local runtime sets it too): only then is x-ms-client-principal trusted for roles. Never set it by hand.',
    default: 'False',
    sample: '',
    expected: 'True or False',
    schema: z
      .string()
      .regex(/^(true|false)$/i)
      .transform((v) => v.toLowerCase() === 'true'),
  }),
  setting({
    name: 'LOCAL_HTTP_PORT',
    description:
      'Local runtime only: the HTTP port (otherwise Host.LocalHttpPort of the settings file, then 7071).',
    sample: '',
    expected: 'a port number from 1 to 65535',
    schema: optional(z.coerce.number().int().min(1).max(65535)),
  }),
  setting({
    name: 'LOCAL_EMULATOR_PORTS',
    description: 'Local runtime only: the emulator ports as blob,queue,cosmos (0 = a free port).',
    default: '10000,10001,8081',
    sample: '',
    expected: 'three port numbers separated by commas',
    schema: optional(z.string().regex(/^\s*\d+\s*,\s*\d+\s*,\s*\d+\s*$/)),
  }),
  setting({
    name: 'LOCAL_DATA_DIR',
    description: 'Local runtime only: where the emulators keep their data across restarts.',
    default: '.local',
    sample: '',
    expected: 'a folder path',
    schema: optional(z.string().min(1)),
  }),
  setting({
    name: 'AzureFunctionsWebHost__hostid',
    description: 'Host id that names blob receipts and timer status in storage, as the Functions host does.',
    sample: '',
    expected: 'a host id of letters, digits and dashes',
    schema: optional(z.string().min(1)),
  }),
  setting({
    name: 'WEBSITE_TIME_ZONE',
    description: 'Time zone of timer schedules (IANA name); default UTC.',
    sample: '',
    expected: 'an IANA time zone such as Europe/Paris',
    schema: optional(z.string().min(1)),
  }),
  setting({
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
    description: 'Application Insights resource for telemetry; unset sends none.',
    sample: '',
    expected: 'an Application Insights connection string "InstrumentationKey=...;IngestionEndpoint=..."',
    secret: true,
    schema: optional(z.string().regex(/InstrumentationKey=/)),
  }),
  setting({
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
    description:
      "Telemetry authenticates with the managed identity (Entra ID) instead of the connection string's key; ClientId, else AZURE_CLIENT_ID, names a user-assigned one.",
    sample: '',
    expected: '"Authorization=AAD" or "Authorization=AAD;ClientId=<client id (GUID)>"',
    schema: optional(appInsightsAuthenticationString),
  }),
] as const;

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

function queueSettings() {
  const q = <N extends string>(name: N, value: string, what: string) =>
    setting({
      name,
      description: `Queue of ${what}; failures land in ${value}-poison (Storage) or its dead-letter queue (Service Bus).`,
      default: value,
      sample: value,
      expected: 'a queue name (3-63 lowercase letters, digits and single hyphens)',
      schema: queueName,
    });
  return [
    q('VALIDATE_QUEUE', 'validate-requests', 'trained candidates to validate'),
    q('REGISTER_QUEUE', 'register-requests', 'validated candidates to register'),
    q('DRIFT_QUEUE', 'drift-requests', 'drift checks, one per model'),
    q('RETRAIN_QUEUE', 'retrain-requests', 'retraining requests'),
  ] as const;
}

function limitSettings() {
  const l = <N extends string>(name: N, value: string, what: string) =>
    setting({
      name,
      description: `Largest ${what}; larger is refused.`,
      default: value,
      sample: value,
      expected: 'a positive whole number',
      schema: positiveInt,
    });
  return [
    l('MAX_DATASET_BYTES', String(256 * 1024 * 1024), 'data drop in bytes'),
    l('MAX_DATASET_ROWS', '5000000', 'data drop in rows'),
    l('MAX_PREDICT_ROWS', '10000', 'predict request in rows'),
    l('MAX_PREDICT_BYTES', String(4 * 1024 * 1024), 'predict request body in bytes'),
    l('MAX_DATASET_COLUMNS', '1000', 'data drop in columns'),
    l(
      'MAX_UPLOADED_MODEL_BYTES',
      String(256 * 1024 * 1024),
      'uploaded ONNX model in bytes (checked before it is read)',
    ),
    l(
      'MAX_SIDECAR_BYTES',
      String(64 * 1024),
      "uploaded model's JSON sidecar in bytes (checked before it is read)",
    ),
    l('MAX_REGISTRY_BODY_BYTES', String(64 * 1024), 'spec, promotion or retrain request body in bytes (413)'),
    l('MAX_FEEDBACK_BODY_BYTES', String(1024 * 1024), 'feedback request body in bytes (413)'),
  ] as const;
}
