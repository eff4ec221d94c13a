import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/platform/config';

const sample = (
  JSON.parse(readFileSync(join(__dirname, '../../../local.settings.sample.json'), 'utf8')) as {
    Values: Record<string, string>;
  }
).Values;

const minimal = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  COSMOS_CONNECTION: 'AccountEndpoint=https://acct.documents.azure.com:443/;AccountKey=a2V5;',
};

const aiConnection =
  'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://ai.example/';
const clientA = '11111111-1111-4111-8111-111111111111';
const clientB = '22222222-2222-4222-8222-222222222222';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues.map((i) => `${i.setting}: ${i.problem}`);
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    expect(loadConfig(minimal)).toEqual({
      storage: { kind: 'connectionString', connectionString: 'UseDevelopmentStorage=true' },
      cosmos: {
        kind: 'key',
        endpoint: 'https://acct.documents.azure.com:443/',
        key: 'a2V5',
        database: 'mlops',
      },
      containers: {
        datasets: 'datasets',
        models: 'models',
        incomingModels: 'incoming-models',
        predictionLogs: 'prediction-logs',
        scoring: 'scoring',
        predictions: 'predictions',
      },
      queues: {
        validate: 'validate-requests',
        register: 'register-requests',
        drift: 'drift-requests',
        retrain: 'retrain-requests',
      },
      pipelineTransport: 'storage',
      limits: {
        maxDatasetBytes: 268435456,
        maxDatasetRows: 5000000,
        maxPredictRows: 10000,
        maxPredictBytes: 4194304,
        maxDatasetColumns: 1000,
        maxUploadedModelBytes: 268435456,
        maxSidecarBytes: 65536,
        maxRegistryBodyBytes: 65536,
        maxFeedbackBodyBytes: 1048576,
      },
      driftSchedule: '0 */15 * * * *',
      aliasCacheSeconds: 30,
      maxLoadedModelVersions: 8,
    });
  });

  it('accepts the sample settings as they ship', () => {
    const config = loadConfig(sample);
    expect(config.cosmos).toMatchObject({ kind: 'key', endpoint: 'http://127.0.0.1:8081/' });
  });

  it.each([
    [
      { AzureWebJobsStorage__accountName: 'acct' },
      {
        kind: 'identity',
        blobServiceUri: 'https://acct.blob.core.windows.net',
        queueServiceUri: 'https://acct.queue.core.windows.net',
      },
    ],
    [
      {
        AzureWebJobsStorage__blobServiceUri: 'https://b.example/',
        AzureWebJobsStorage__queueServiceUri: 'https://q.example/',
      },
      { kind: 'identity', blobServiceUri: 'https://b.example/', queueServiceUri: 'https://q.example/' },
    ],
  ])('reads identity-based storage %j', (storage, expected) => {
    expect(
      loadConfig({ ...storage, COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' }),
    ).toMatchObject({
      storage: expected,
      cosmos: { kind: 'identity', endpoint: 'https://acct.documents.azure.com:443/', database: 'mlops' },
    });
  });

  it('reads Service Bus only when it is the transport', () => {
    const sb = 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=s';
    expect(loadConfig({ ...minimal, SERVICEBUS_CONNECTION: sb }).serviceBus).toBeUndefined();
    expect(
      loadConfig({ ...minimal, PIPELINE_TRANSPORT: 'servicebus', SERVICEBUS_CONNECTION: sb }).serviceBus,
    ).toEqual({
      kind: 'connectionString',
      connectionString: sb,
    });
  });

  it.each([
    [{}, { kind: 'connectionString', connectionString: aiConnection }],
    [
      { APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' },
      { kind: 'identity', connectionString: aiConnection },
    ],
    [
      {
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `ClientId=${clientA};Authorization=AAD`,
        AZURE_CLIENT_ID: clientB,
      },
      { kind: 'identity', connectionString: aiConnection, managedIdentityClientId: clientA },
    ],
    [
      { APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'authorization=AAD', AZURE_CLIENT_ID: clientB },
      { kind: 'identity', connectionString: aiConnection, managedIdentityClientId: clientB },
    ],
  ])('reads Application Insights access from %j', (env, expected) => {
    const config = loadConfig({ ...minimal, APPLICATIONINSIGHTS_CONNECTION_STRING: aiConnection, ...env });
    expect(config.applicationInsights).toEqual(expected);
  });

  it.each([
    [
      {},
      [
        'AzureWebJobsStorage: missing; expected a Storage connection string (UseDevelopmentStorage=true locally), or for identity-based access AzureWebJobsStorage__accountName, or both AzureWebJobsStorage__blobServiceUri and __queueServiceUri',
        'COSMOS_CONNECTION: missing; expected a Cosmos DB connection string "AccountEndpoint=...;AccountKey=...;", or COSMOS_ENDPOINT for identity-based access',
      ],
    ],
    [
      { ...minimal, MAX_PREDICT_ROWS: 'lots', ALIAS_CACHE_SECONDS: '-1', DRIFT_SCHEDULE: '*/15 * * * *' },
      [
        'MAX_PREDICT_ROWS: invalid value "lots"; expected a positive whole number',
        'DRIFT_SCHEDULE: invalid value "*/15 * * * *"; expected a six-field NCRONTAB expression such as "0 */15 * * * *"',
        'ALIAS_CACHE_SECONDS: invalid value "-1"; expected a whole number of seconds (0 = always re-read)',
      ],
    ],
    [
      {
        ...minimal,
        COSMOS_CONNECTION: 'AccountKey=secret',
        MODELS_CONTAINER: 'Models',
        PIPELINE_TRANSPORT: 'kafka',
      },
      [
        'COSMOS_CONNECTION: invalid value; expected a Cosmos DB connection string "AccountEndpoint=https://...;AccountKey=...;"',
        'MODELS_CONTAINER: invalid value "Models"; expected a container name (3-63 lowercase letters, digits and single hyphens)',
        'PIPELINE_TRANSPORT: invalid value "kafka"; expected "storage" or "servicebus"',
      ],
    ],
    [
      { ...minimal, PIPELINE_TRANSPORT: 'servicebus', LOCAL_ADMIN_KEY: 'short' },
      [
        'LOCAL_ADMIN_KEY: invalid value; expected a key of at least 8 characters',
        'SERVICEBUS_CONNECTION: missing while PIPELINE_TRANSPORT=servicebus; expected a Service Bus connection string, or SERVICEBUS_CONNECTION__fullyQualifiedNamespace for identity-based access',
      ],
    ],
    [
      { ...minimal, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' },
      [
        'APPLICATIONINSIGHTS_AUTHENTICATION_STRING: set without APPLICATIONINSIGHTS_CONNECTION_STRING, which names the resource to send to',
      ],
    ],
    ...[
      'Authorization=Key',
      'Authorization=AAD;ClientId=abc',
      'Authorization=AAD;Tenant=x',
      'ClientId=' + clientA,
    ].map((value): [Record<string, string>, string[]] => [
      {
        ...minimal,
        APPLICATIONINSIGHTS_CONNECTION_STRING: aiConnection,
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: value,
      },
      [
        `APPLICATIONINSIGHTS_AUTHENTICATION_STRING: invalid value "${value}"; expected "Authorization=AAD" or "Authorization=AAD;ClientId=<client id (GUID)>"`,
      ],
    ]),
  ])('names each bad setting in %j', (env, expected) => {
    expect(problems(env)).toEqual(expected);
  });

  it('puts every problem in the message', () => {
    expect(() => loadConfig({ ...minimal, MAX_DATASET_ROWS: '0' })).toThrow(
      'Invalid app settings (fix them in local.settings.json or the Function App configuration):\n' +
        '  - MAX_DATASET_ROWS: invalid value "0"; expected a positive whole number',
    );
  });
});
