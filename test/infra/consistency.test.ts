// infra/ against the code: the settings the config reads, the contract's containers and queues
// (read from the code's defaults), the blob triggers' Event Grid source and subscriptions, and
// no keys. `az bicep build` is not run here (syntax is checked in bicep-syntax.test.ts); the Bicep
// text is read with targeted readers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFunctionApp } from '../../src/local/app-loader';
import { resolveSettingReferences } from '../../src/local/app-settings';
import { compileBlobPath } from '../../src/local/blob-path-pattern';
import { SETTINGS } from '../../src/platform/config';
import { CONTAINER_IDS } from '../../src/platform/registry/registry-containers';
import {
  appSettingProblems,
  blobSubscriptionProblems,
  contractProblems,
  keylessProblems,
  type CodeFacts,
  type InfraFiles,
  type SettingsPolicy,
} from './infra-checks';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { main: string; engines: { node: string } };
const sample = (JSON.parse(read('local.settings.sample.json')) as { Values: Record<string, string> }).Values;

const FILES: InfraFiles = Object.fromEntries([
  ['main.bicep', read('infra/main.bicep')],
  ...readdirSync(path.join(ROOT, 'infra/modules')).map((f) => [`modules/${f}`, read(`infra/modules/${f}`)]),
]);

const POLICY: SettingsPolicy = {
  hostSettings: {
    AzureWebJobsStorage__credential: 'the host uses the managed identity for its storage connection',
    AzureWebJobsStorage__clientId: 'which identity: the user-assigned one',
    SERVICEBUS_CONNECTION__credential: 'the Service Bus triggers use the managed identity',
    SERVICEBUS_CONNECTION__clientId: 'which identity: the user-assigned one',
    AZURE_CLIENT_ID: "the app's DefaultAzureCredential picks the user-assigned identity by it",
  },
  notSetInAzure: {
    AzureWebJobsStorage: 'a connection string: Azure uses AzureWebJobsStorage__accountName with the identity',
    AzureWebJobsStorage__blobServiceUri: 'derived from AzureWebJobsStorage__accountName',
    AzureWebJobsStorage__queueServiceUri: 'derived from AzureWebJobsStorage__accountName',
    COSMOS_CONNECTION: 'a connection string with a key: Azure uses COSMOS_ENDPOINT with the identity',
    SERVICEBUS_CONNECTION: 'a connection string with a key: Azure uses __fullyQualifiedNamespace',
    LOCAL_FUNCTION_KEY: 'local runtime only: the Functions host manages keys in Azure',
    LOCAL_FEEDBACK_KEY: 'local runtime only: Entra ID app roles stand for it in Azure',
    LOCAL_OPERATOR_KEY: 'local runtime only: Entra ID app roles stand for it in Azure',
    LOCAL_ADMIN_KEY: 'local runtime only: the Functions host manages keys in Azure',
    LOCAL_HTTP_PORT: 'local runtime only',
    AzureFunctionsWebHost__hostid: 'the Functions host sets its own host id in Azure',
    WEBSITE_TIME_ZONE: 'timers run in UTC, as the setting documents when it is unset',
  },
  notACredentialInAzure: {
    APPLICATIONINSIGHTS_CONNECTION_STRING:
      'it names the resource; with local auth off nothing is accepted without an Entra ID token',
  },
};

let FACTS: CodeFacts;

beforeAll(() => {
  const entry = path.join(ROOT, pkg.main);
  if (!existsSync(entry)) throw new Error(`${pkg.main} is missing: run \`npm run build\` first.`);
  for (const [name, value] of Object.entries(sample)) process.env[name] ??= value;
  const app = loadFunctionApp(entry);
  const byDefault = (suffix: string): [string, string][] =>
    SETTINGS.filter((s) => s.name.endsWith(suffix)).map((s): [string, string] => [
      s.name,
      ('default' in s && s.default) || '',
    ]);
  FACTS = {
    settings: SETTINGS,
    blobContainers: byDefault('_CONTAINER'),
    queues: byDefault('_QUEUE'),
    cosmosDatabase: SETTINGS.find((s) => s.name === 'COSMOS_DATABASE')!.default!,
    cosmosContainers: CONTAINER_IDS,
    blobTriggers: app.byTrigger('blobTrigger').map((fn) => ({
      functionName: fn.metadata.name,
      container: compileBlobPath(resolveSettingReferences(String(fn.trigger.path), sample, 'path')).container,
    })),
    nodeMajor: /(\d+)/.exec(pkg.engines.node)![1]!,
  };
});

const allProblems = (files: InfraFiles, facts: CodeFacts = FACTS): string[] => [
  ...appSettingProblems(files, facts, POLICY),
  ...contractProblems(files, facts),
  ...keylessProblems(files),
  ...blobSubscriptionProblems(files, facts),
];

describe('infra/ agrees with the code', () => {
  it('reads the contract from the code, not from a copy', () => {
    expect(FACTS.blobContainers.map(([, name]) => name)).toEqual([
      'datasets',
      'models',
      'incoming-models',
      'prediction-logs',
    ]);
    expect(FACTS.queues).toHaveLength(4);
    expect(FACTS.blobTriggers.map((t) => t.functionName).sort()).toEqual([
      'ingestUploadedModel',
      'trainOnDataDrop',
    ]);
  });

  it('sets every setting without a default, creates every container, queue and Cosmos container, keyless', () => {
    expect(allProblems(FILES)).toEqual([]);
  });

  it('runs the blob subscriptions after deploy, from azure.yaml', () => {
    const yaml = read('azure.yaml');
    expect(yaml).toMatch(/^ {2}postdeploy:$/m);
    for (const script of [
      'infra/scripts/subscribe-blob-triggers.sh',
      'infra/scripts/subscribe-blob-triggers.ps1',
    ]) {
      expect(yaml).toContain(`./${script}`);
      expect(read(script)).toContain('--template-file infra/modules/blob-event-subscriptions.bicep');
    }
  });
});

/** `files` with `from` replaced by `to` in one file; fails when `from` is not there. */
function edited(file: string, from: string, to: string): InfraFiles {
  const text = FILES[file]!;
  if (!text.includes(from)) throw new Error(`infra/${file} no longer contains ${JSON.stringify(from)}`);
  return { ...FILES, [file]: text.replace(from, to) };
}

describe('a drift between code and infra is a named problem', () => {
  it.each([
    [
      'a Cosmos container dropped',
      () => edited('main.bicep', "['models', 'runs', 'monitoring']", "['models', 'monitoring']"),
      'Cosmos DB container "runs" (CONTAINER_IDS) is not created: add it to var cosmosContainers of infra/main.bicep',
    ],
    [
      'blob triggers left on scans',
      () =>
        edited(
          'main.bicep',
          "BLOB_TRIGGER_SOURCE: 'EventGrid'",
          "BLOB_TRIGGER_SOURCE: 'LogsAndContainerScan'",
        ),
      'blob triggers in Azure must use Event Grid (Flex Consumption): infra/main.bicep sets BLOB_TRIGGER_SOURCE to "LogsAndContainerScan"',
    ],
    [
      'a setting without default no longer set',
      () => edited('main.bicep', '  COSMOS_ENDPOINT: cosmos.outputs.endpoint\n', ''),
      'COSMOS_ENDPOINT has no default and infra/main.bicep does not set it',
    ],
    [
      'a misspelt setting',
      () =>
        edited(
          'main.bicep',
          'PIPELINE_TRANSPORT: pipelineTransport',
          'PIPELINE_TRANSPORTS: pipelineTransport',
        ),
      'infra/main.bicep sets PIPELINE_TRANSPORTS, which is neither an app setting nor a listed host setting',
    ],
    [
      'a value the app refuses',
      () => edited('main.bicep', "@allowed(['servicebus', 'storage'])", "@allowed(['servicebus', 'kafka'])"),
      'infra/main.bicep sets PIPELINE_TRANSPORT to "kafka", which the app refuses: expected "storage" or "servicebus"',
    ],
    [
      'an identity connection without its client id',
      () => edited('main.bicep', '  AzureWebJobsStorage__clientId: identity.outputs.clientId\n', ''),
      'AzureWebJobsStorage: infra/main.bicep sets AzureWebJobsStorage__accountName without AzureWebJobsStorage__clientId (user-assigned identity)',
    ],
    [
      'the Service Bus queues no longer from the contract list',
      () =>
        edited(
          'main.bicep',
          '    queueNames: pipelineQueues\n    maxDeliveryCount',
          "    queueNames: ['x']\n    maxDeliveryCount",
        ),
      `infra/main.bicep: module serviceBus does not pass pipelineQueues as queueNames (it passes "['x']")`,
    ],
    [
      'another partition key',
      () => edited('modules/cosmos.bicep', "paths: ['/model']", "paths: ['/id']"),
      'infra/modules/cosmos.bicep: containers are not partitioned by /model',
    ],
    [
      'shared keys back on',
      () => edited('modules/storage.bicep', 'allowSharedKeyAccess: false', 'allowSharedKeyAccess: true'),
      'infra/modules/storage.bicep does not turn key access off (allowSharedKeyAccess: false)',
    ],
    [
      'a blob function without subscription',
      () =>
        edited(
          'modules/blob-event-subscriptions.bicep',
          "  { functionName: 'ingestUploadedModel', container: 'incoming-models' }\n",
          '',
        ),
      'blob-triggered function ingestUploadedModel has no Event Grid subscription in infra/modules/blob-event-subscriptions.bicep',
    ],
    [
      'a subscription on the wrong container',
      () => edited('modules/blob-event-subscriptions.bicep', "container: 'datasets'", "container: 'models'"),
      'trainOnDataDrop watches "datasets" but infra/modules/blob-event-subscriptions.bicep subscribes it to "models"',
    ],
  ])('%s', (_what, files, problem) => {
    expect(allProblems(files())).toContain(problem);
  });

  it('names a key put in the app settings', () => {
    const files = edited(
      'main.bicep',
      '  COSMOS_DATABASE: cosmosDatabaseName\n',
      "  COSMOS_DATABASE: cosmosDatabaseName\n  COSMOS_CONNECTION: 'AccountEndpoint=https://a.documents.azure.com:443/;AccountKey=a2V5;'\n",
    );
    expect(allProblems(files)).toEqual([
      "infra/main.bicep sets COSMOS_CONNECTION to a key or secret: 'AccountEndpoint=https://a.documents.azure.com:443/;AccountKey=a2V5;'",
      'infra/main.bicep sets COSMOS_CONNECTION, a credential: use the identity-based setting instead',
      'COSMOS_CONNECTION is listed as not set in Azure, yet infra/main.bicep sets it',
    ]);
  });

  it('names a contract name the code changed and the Bicep did not', () => {
    const facts = { ...FACTS, queues: [...FACTS.queues.slice(1), ['VALIDATE_QUEUE', 'validation-requests']] };
    expect(allProblems(FILES, facts as CodeFacts)).toEqual([
      'queue "validation-requests" (VALIDATE_QUEUE) is not created: add it to var pipelineQueues of infra/main.bicep',
    ]);
  });
});
