// Copies of the compiled templates with one feature taken out, and the problem the consistency
// checks must name for each: proof that every check can fail. Mutating the compiled JSON, not
// the Bicep, spares a compiler run per case (about half a CPU-second each).

import {
  find,
  moduleParams,
  props,
  remove,
  everyResource,
  settings,
  storageContainers,
  variables,
  type Json,
} from './template-edits';

export interface Mutant {
  name: string;
  /** Which compiled template: 'main.bicep' or 'modules/blob-event-subscriptions.bicep'. */
  file: string;
  mutate: (template: Json) => void;
  problem: string | RegExp;
}

const m = (
  name: string,
  mutate: (t: Json) => void,
  problem: string | RegExp,
  file = 'main.bicep',
): Mutant => ({
  name,
  file,
  mutate,
  problem,
});
const BES = 'modules/blob-event-subscriptions.bicep';

const SETTINGS_AND_CONTRACT: Mutant[] = [
  m(
    'a Cosmos container dropped',
    (t) => void (variables(t).cosmosContainers = ['models', 'monitoring']),
    'Cosmos DB container "runs" (CONTAINER_IDS) is not created',
  ),
  m(
    'blob triggers left on scans',
    (t) => void (settings(t).BLOB_TRIGGER_SOURCE = 'LogsAndContainerScan'),
    'blob triggers in Azure must use Event Grid (Flex Consumption): the template sets BLOB_TRIGGER_SOURCE to "LogsAndContainerScan"',
  ),
  m(
    'a setting without default no longer set',
    (t) => void delete settings(t).COSMOS_ENDPOINT,
    'COSMOS_ENDPOINT has no default and the template does not set it',
  ),
  m(
    'a misspelt setting',
    (t) => void (settings(t).PIPELINE_TRANSPORTS = settings(t).PIPELINE_TRANSPORT),
    'the template sets PIPELINE_TRANSPORTS, which is neither an app setting nor a listed host setting',
  ),
  m(
    'a value the app refuses',
    (t) =>
      void ((t.parameters as Record<string, Json>).pipelineTransport!.allowedValues = [
        'servicebus',
        'kafka',
      ]),
    'with pipelineTransport=kafka: the template sets PIPELINE_TRANSPORT to "kafka", which the app refuses: expected "storage" or "servicebus"',
  ),
  m(
    'an identity connection without its client id',
    (t) => void delete settings(t).AzureWebJobsStorage__clientId,
    "AzureWebJobsStorage: AzureWebJobsStorage__clientId is not the app identity's client id",
  ),
  m(
    'a key in the app settings',
    (t) => void (settings(t).COSMOS_CONNECTION = 'AccountEndpoint=https://a.example:443/;AccountKey=a2V5;'),
    'the template sets COSMOS_CONNECTION to a key or secret: AccountEndpoint=https://a.example:443/;AccountKey=a2V5;',
  ),
  m(
    'Service Bus queues not from the contract',
    (t) => void (moduleParams(t, 'servicebus').queueNames = { value: ['x'] }),
    'Service Bus queue "validate-requests" (VALIDATE_QUEUE) is not created',
  ),
  m(
    'another partition key',
    (t) =>
      void ((
        (props(t, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers').resource as Json)
          .partitionKey as Json
      ).paths = ['/id']),
    'Cosmos DB container models is not partitioned by /model',
  ),
  m(
    'shared keys back on',
    (t) => void (props(t, 'Microsoft.Storage/storageAccounts').allowSharedKeyAccess = true),
    'Storage allowSharedKeyAccess is true',
  ),
  m(
    'a blob function without subscription',
    (t) => void (variables(t).blobTriggers = (variables(t).blobTriggers as Json[]).slice(0, 1)),
    'blob-triggered function ingestUploadedModel has no Event Grid subscription in infra/modules/blob-event-subscriptions.bicep',
    BES,
  ),
  m(
    'a subscription on the wrong container',
    (t) => void ((variables(t).blobTriggers as Json[])[0]!.container = 'models'),
    'trainOnDataDrop watches "datasets" but infra/modules/blob-event-subscriptions.bicep subscribes it to "models"',
    BES,
  ),
];

const LEAST_PRIVILEGE: Mutant[] = [
  m(
    'a blob role on the whole account',
    (t) => {
      const roles = everyResource(t).find(
        (f) => (f.resource.copy as Json | undefined)?.name === 'appBlobRoles',
      )!;
      roles.resource.scope = "[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]";
    },
    /^the app identity holds Storage Blob Data Contributor on Microsoft\.Storage\/storageAccounts\/[^/]+, not on a container or queue$/,
  ),
  m(
    'a Service Bus role on the namespace',
    (t) => {
      find(t, 'Microsoft.Authorization/roleAssignments', 'ServiceBus').resource.scope =
        "[resourceId('Microsoft.ServiceBus/namespaces', parameters('name'))]";
    },
    /^the app identity holds a Service Bus data role on Microsoft\.ServiceBus\/namespaces\/[^/]+, not on a queue$/,
  ),
  m(
    'the user writing the package',
    (t) =>
      void (storageContainers(t).find((c) => c.user === '' && c.app === 'contributor')!.user = 'contributor'),
    'the user principal may write the deployment package (Storage Blob Data Contributor on app-package)',
  ),
  m(
    'people as Cosmos DB contributors',
    (t) => {
      const p = moduleParams(t, 'cosmos');
      p.contributorPrincipalIds = {
        value: [...(p.contributorPrincipalIds!.value as unknown[]), "[parameters('principalId')]"],
      };
      p.readerPrincipalIds = { value: [] };
    },
    'the user principal holds Cosmos DB role 00000000-0000-0000-0000-000000000002, not the data reader',
  ),
  m(
    'the app unable to write models',
    (t) => void (storageContainers(t).find((c) => c.name === 'models')!.app = 'reader'),
    'the app identity cannot write container models',
  ),
  m(
    'versioning off',
    (t) => void (props(t, 'Microsoft.Storage/storageAccounts/blobServices').isVersioningEnabled = false),
    'versioning off on the blob service holding models, datasets',
  ),
  m(
    'soft delete off',
    (t) =>
      void ((
        props(t, 'Microsoft.Storage/storageAccounts/blobServices').deleteRetentionPolicy as Json
      ).enabled = false),
    'blob soft delete off on the blob service holding models, datasets',
  ),
  m(
    'storage public under isolation',
    (t) => void (props(t, 'Microsoft.Storage/storageAccounts').publicNetworkAccess = 'Enabled'),
    'networkIsolation leaves public access on Microsoft.Storage/storageAccounts',
  ),
  m(
    'no Cosmos DB private endpoint',
    (t) => {
      const cosmos = find(t, 'Microsoft.Resources/deployments', 'cosmos').resource;
      remove((cosmos.properties as Json).template as Json, 'Microsoft.Resources/deployments');
    },
    'networkIsolation adds no private endpoint for Microsoft.DocumentDB Sql',
  ),
  m(
    'no VNet integration',
    (t) => void (props(t, 'Microsoft.Web/sites').virtualNetworkSubnetId = null),
    'networkIsolation does not route the app through the virtual network',
  ),
  m(
    'Service Bus Standard under isolation',
    (t) => void (moduleParams(t, 'servicebus').sku = { value: "[parameters('serviceBusSku')]" }),
    'networkIsolation needs Service Bus Premium (private endpoints)',
  ),
  m(
    'SCM basic auth on',
    (t) => void (props(t, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies', 'scm').allow = true),
    'SCM basic authentication is not turned off',
  ),
  m(
    'FTP basic auth on',
    (t) => remove(t, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies', 'ftp'),
    'FTP basic authentication is not turned off',
  ),
  m(
    'Log Analytics local auth on',
    (t) =>
      void ((props(t, 'Microsoft.OperationalInsights/workspaces').features as Json).disableLocalAuth = false),
    'Log Analytics disableLocalAuth is false',
  ),
  m(
    'a fixed instance ceiling',
    (t) => void (moduleParams(t, 'functionapp').maximumInstanceCount = { value: 100 }),
    'maximumInstanceCount is not the parameter (got 100)',
  ),
];

const AUTHENTICATION: Mutant[] = [
  m(
    'Easy Auth left out',
    (t) => remove(t, 'Microsoft.Web/sites/config', 'authsettingsV2'),
    'the template sets no App Service Authentication (authsettingsV2) for authClientId',
  ),
  m(
    'Easy Auth refusing anonymous requests',
    (t) => {
      const v = props(t, 'Microsoft.Web/sites/config', 'authsettingsV2').globalValidation as Json;
      v.requireAuthentication = true;
      v.unauthenticatedClientAction = 'Return401';
    },
    'authsettingsV2 globalValidation.requireAuthentication is true, not false',
  ),
  m(
    'tokens for another audience',
    (t) => {
      const aad = (props(t, 'Microsoft.Web/sites/config', 'authsettingsV2').identityProviders as Json)
        .azureActiveDirectory as Json;
      (aad.validation as Json).allowedAudiences = ["[format('api://{0}', parameters('authClientId'))]"];
    },
    'authsettingsV2 does not accept tokens for 00000000-0000-0000-0000-0000000000bb',
  ),
];

export const MUTANTS: Mutant[] = [...SETTINGS_AND_CONTRACT, ...LEAST_PRIVILEGE, ...AUTHENTICATION];

/** The templates with `mutant` applied to a deep copy of its file. */
export function mutated(templates: Map<string, unknown>, mutant: Mutant): Map<string, unknown> {
  const copy = structuredClone(templates.get(mutant.file)) as Json | undefined;
  if (!copy) throw new Error(`no compiled ${mutant.file}`);
  mutant.mutate(copy);
  return new Map([...templates, [mutant.file, copy]]);
}
