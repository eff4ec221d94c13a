// The whole system in one resource group: `azd up` (or `azd provision`) deploys this file.
// The Function App reaches every service with its user-assigned identity; no key or connection
// string is stored in its settings. test/infra/consistency.test.ts keeps this in step with the code.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name; names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Azure region of every resource (a region that offers Flex Consumption).')
param location string

@description('Object id of the user or service principal running the deployment: it may upload data drops and models and read artifacts and the registry. Empty = none.')
param principalId string = ''

@description('Client id of the Entra ID app registration with the app roles predict, feedback and operate (infra/scripts/register-api-app.sh creates it before provisioning). Empty = no App Service Authentication.')
param authClientId string = ''

@description('Public network access off on Storage, Cosmos DB and Service Bus; the app reaches them through private endpoints in a virtual network. Service Bus then needs Premium.')
param networkIsolation bool = false

@description('Resource group name; default rg-<environmentName>.')
param resourceGroupName string = ''

@description('Resource names; empty = generated from the environment name.')
param functionAppName string = ''
param storageAccountName string = ''
param cosmosAccountName string = ''
param serviceBusNamespaceName string = ''
param logAnalyticsName string = ''
param applicationInsightsName string = ''

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS'])
param storageSku string = 'Standard_LRS'

@allowed(['Standard', 'Premium'])
@description('Service Bus tier: Standard at least (Basic has no duplicate detection); networkIsolation makes it Premium (the tier with private endpoints).')
param serviceBusSku string = 'Standard'

@allowed([512, 2048, 4096])
@description('Flex Consumption instance memory; training a large drop wants 2048 or more.')
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
@description('Most instances Flex Consumption scales out to: the ceiling of what a flood of requests can cost.')
param maximumInstanceCount int = 100

@allowed(['servicebus', 'storage'])
@description('Carrier of the pipeline messages (PIPELINE_TRANSPORT).')
param pipelineTransport string = 'servicebus'

@minValue(1)
@description('Deliveries of a pipeline message before it is dead-lettered (host.json maxDequeueCount for Storage queues).')
param maxDeliveryCount int = 5

@minValue(30)
param logRetentionDays int = 30

// The contract's names: the defaults of src/platform/config/settings.ts and the registry's
// containers (src/platform/registry/registry-containers.ts).
var pipelineQueues = ['validate-requests', 'register-requests', 'drift-requests', 'retrain-requests']
var cosmosDatabaseName = 'mlops'
var cosmosContainers = ['models', 'runs', 'monitoring']
// Flex Consumption reads the app package from this container.
var deploymentContainer = 'app-package'
// Every container with the blob role of the app identity and of the user principal on it: people
// drop data and models and read the rest, and cannot write the deployment package. The Functions
// host's own containers exist in advance, since no role here lets it create a container.
var storageContainers = [
  { name: 'datasets', app: 'contributor', user: 'contributor' }
  { name: 'models', app: 'contributor', user: 'reader' }
  { name: 'incoming-models', app: 'contributor', user: 'contributor' }
  { name: 'prediction-logs', app: 'contributor', user: 'reader' }
  { name: 'scoring', app: 'contributor', user: 'contributor' }
  { name: 'predictions', app: 'contributor', user: 'reader' }
  { name: deploymentContainer, app: 'contributor', user: '' }
  { name: 'azure-webjobs-hosts', app: 'owner', user: '' }
  { name: 'azure-webjobs-secrets', app: 'owner', user: '' }
]
// Storage queues: the pipeline's (PIPELINE_TRANSPORT=storage), their poison queues and the blob
// triggers' poison queue, all made here for the same reason.
var storageQueues = concat(pipelineQueues, [
  'validate-requests-poison'
  'register-requests-poison'
  'drift-requests-poison'
  'retrain-requests-poison'
  'webjobs-blobtrigger-poison'
])

var token = toLower(uniqueString(subscription().id, environmentName, location))
// Short enough that every generated name fits its resource's limit (Storage 24, Cosmos 44).
var stem = toLower(take(environmentName, 18))
var tags = { 'azd-env-name': environmentName }
var names = {
  functionApp: !empty(functionAppName) ? functionAppName : 'func-${stem}-${token}'
  plan: 'plan-${stem}-${token}'
  identity: 'id-${stem}-${token}'
  storage: !empty(storageAccountName) ? storageAccountName : take('st${replace(stem, '-', '')}${token}', 24)
  cosmos: !empty(cosmosAccountName) ? cosmosAccountName : 'cosmos-${stem}-${token}'
  serviceBus: !empty(serviceBusNamespaceName) ? serviceBusNamespaceName : 'sb-${stem}-${token}'
  logAnalytics: !empty(logAnalyticsName) ? logAnalyticsName : 'log-${stem}-${token}'
  appInsights: !empty(applicationInsightsName) ? applicationInsightsName : 'appi-${stem}-${token}'
  systemTopic: 'evgt-${stem}-${token}'
  network: 'vnet-${stem}-${token}'
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  name: 'identity'
  params: { name: names.identity, location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    publisherPrincipalId: identity.outputs.principalId
  }
}

module network 'modules/network.bicep' = if (networkIsolation) {
  scope: rg
  name: 'network'
  params: { name: names.network, location: location, tags: tags }
}

// Private endpoint wiring for the data modules; unused without networkIsolation.
var endpointSubnetId = networkIsolation ? network!.outputs.endpointSubnetId : ''
var dnsZoneIds = networkIsolation ? network!.outputs.zoneIds : {}

module storage 'modules/storage.bicep' = {
  scope: rg
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    sku: storageSku
    containers: storageContainers
    queueNames: storageQueues
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    networkIsolation: networkIsolation
    endpointSubnetId: endpointSubnetId
    dnsZoneIds: dnsZoneIds
  }
}

module cosmos 'modules/cosmos.bicep' = {
  scope: rg
  name: 'cosmos'
  params: {
    name: names.cosmos
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    containerNames: cosmosContainers
    contributorPrincipalIds: [identity.outputs.principalId]
    readerPrincipalIds: empty(principalId) ? [] : [principalId]
    networkIsolation: networkIsolation
    endpointSubnetId: endpointSubnetId
    dnsZoneIds: dnsZoneIds
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  scope: rg
  name: 'servicebus'
  params: {
    name: names.serviceBus
    location: location
    tags: tags
    sku: networkIsolation ? 'Premium' : serviceBusSku
    queueNames: pipelineQueues
    maxDeliveryCount: maxDeliveryCount
    appPrincipalId: identity.outputs.principalId
    networkIsolation: networkIsolation
    endpointSubnetId: endpointSubnetId
    dnsZoneIds: dnsZoneIds
  }
}

// What the app reads (src/platform/config/settings.ts) and what the Functions host needs to use
// the identity; values are resource properties, never keys.
var appSettings = {
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  COSMOS_ENDPOINT: cosmos.outputs.endpoint
  COSMOS_DATABASE: cosmosDatabaseName
  PIPELINE_TRANSPORT: pipelineTransport
  SERVICEBUS_CONNECTION__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
  SERVICEBUS_CONNECTION__credential: 'managedidentity'
  SERVICEBUS_CONNECTION__clientId: identity.outputs.clientId
  BLOB_TRIGGER_SOURCE: 'EventGrid'
  SCORING_CONTAINER: 'scoring'
  PREDICTIONS_CONTAINER: 'predictions'
  AZURE_CLIENT_ID: identity.outputs.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
}

module functionApp 'modules/functionapp.bicep' = {
  scope: rg
  name: 'functionapp'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityId: identity.outputs.id
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainer}'
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    subnetId: networkIsolation ? network!.outputs.appSubnetId : ''
    authClientId: authClientId
    // Its outputs tie the app after storage, Cosmos DB, Service Bus and monitoring, so the
    // host starts with the identity's data roles in place.
    appSettings: appSettings
  }
}

module eventGrid 'modules/eventgrid-topic.bicep' = {
  scope: rg
  name: 'eventgrid'
  params: {
    name: names.systemTopic
    location: location
    tags: tags
    storageAccountId: storage.outputs.id
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = functionApp.outputs.url
output API_URL string = '${functionApp.outputs.url}/api'
output HEALTH_URL string = '${functionApp.outputs.url}/api/health'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AUTH_CLIENT_ID string = authClientId
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output APPLICATIONINSIGHTS_PORTAL_URL string = 'https://portal.azure.com/#resource${monitoring.outputs.applicationInsightsId}/overview'
