// The Storage account: the contract's blob containers and queues, the Functions host's own
// containers and queues, and the Flex Consumption deployment container. Shared keys are off:
// identity only, and each data role is granted on the container or queue it is for.
param name string
param location string
param tags object = {}
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS'])
param sku string = 'Standard_LRS'
@description('Blob containers: { name, app: blob role of the app identity, user: of the user principal (empty = none) }, roles "owner", "contributor" or "reader".')
param containers array
@description('Queues; the app identity is Storage Queue Data Contributor on each.')
param queueNames array
@description('The Function App identity.')
param appPrincipalId string
@description('A person or pipeline allowed to upload data drops and read artifacts; empty = none.')
param userPrincipalId string = ''
@description('Days a deleted blob, version or container can be restored.')
param retentionDays int = 14
@description('Public network access off; the app reaches the account through private endpoints.')
param networkIsolation bool = false
param endpointSubnetId string = ''
@description('Private endpoint group (blob, queue, table) -> its private DNS zone id.')
param dnsZoneIds object = {}

var blobRoles = {
  owner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  contributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  reader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
}
var queueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: sku }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: networkIsolation ? 'Disabled' : 'Enabled'
    networkAcls: { defaultAction: networkIsolation ? 'Deny' : 'Allow', bypass: 'AzureServices' }
  }
}

// Versioning and soft delete: an overwritten or deleted model, model card or data drop can be
// brought back (the registry points at blobs by name).
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: retentionDays }
    containerDeleteRetentionPolicy: { enabled: true, days: retentionDays }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for c in containers: {
    parent: blobService
    name: c.name
    properties: { publicAccess: 'None' }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource appBlobRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (c, i) in containers: {
    scope: blobContainers[i]
    name: guid(blobContainers[i].id, appPrincipalId, blobRoles[c.app])
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobRoles[c.app])
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource userBlobRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (c, i) in containers: if (!empty(userPrincipalId) && !empty(c.user)) {
    scope: blobContainers[i]
    name: guid(blobContainers[i].id, userPrincipalId, blobRoles[?c.user] ?? '')
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobRoles[?c.user] ?? '')
      principalId: userPrincipalId
    }
  }
]

resource appQueueRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (queueName, i) in queueNames: {
    scope: queues[i]
    name: guid(queues[i].id, appPrincipalId, queueDataContributor)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', queueDataContributor)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

// The one account-wide data role: the Functions host writes its diagnostic events to tables it
// names by month, so there is no table to grant on in advance. The account holds no app data in
// tables.
resource appTableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: account
  name: guid(account.id, appPrincipalId, tableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

module endpoints 'private-endpoint.bicep' = [
  for group in ['blob', 'queue', 'table']: if (networkIsolation) {
    name: 'pe-${name}-${group}'
    params: {
      name: 'pe-${name}-${group}'
      location: location
      tags: tags
      subnetId: endpointSubnetId
      targetId: account.id
      groupId: group
      dnsZoneId: dnsZoneIds[?group] ?? ''
    }
  }
]

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
