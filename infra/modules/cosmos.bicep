// Cosmos DB (serverless) holding the registry: the database and its containers, all partitioned
// by /model. Keys are off: the app holds the built-in data contributor role and people the data
// reader role, both on the database only. The app creates nothing at run time with identity
// (control-plane work), so every container must exist here.
param name string
param location string
param tags object = {}
param databaseName string
param containerNames array
@description('Principals given the built-in Cosmos DB Data Contributor role on the database (the app).')
param contributorPrincipalIds array
@description('Principals given the built-in Cosmos DB Data Reader role on the database (people).')
param readerPrincipalIds array = []
@description('Public network access off; the app reaches the account through a private endpoint.')
param networkIsolation bool = false
param endpointSubnetId string = ''
@description('Private endpoint group -> its private DNS zone id.')
param dnsZoneIds object = {}

// Built-in data-plane roles of Cosmos DB for NoSQL.
var builtInRoles = {
  reader: '00000000-0000-0000-0000-000000000001'
  contributor: '00000000-0000-0000-0000-000000000002'
}
resource account 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: [{ name: 'EnableServerless' }]
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: networkIsolation ? 'Disabled' : 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-10-15' = {
  parent: account
  name: databaseName
  properties: { resource: { id: databaseName } }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = [
  for containerName in containerNames: {
    parent: database
    name: containerName
    properties: {
      resource: {
        id: containerName
        partitionKey: { paths: ['/model'], kind: 'Hash' }
      }
    }
  }
]

resource contributors 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = [
  for principalId in contributorPrincipalIds: {
    parent: account
    name: guid(database.id, principalId, builtInRoles.contributor)
    properties: {
      roleDefinitionId: '${account.id}/sqlRoleDefinitions/${builtInRoles.contributor}'
      principalId: principalId
      // Cosmos DB's own scope syntax (dbs/<id>), not the ARM id of the database resource.
      scope: '${account.id}/dbs/${databaseName}'
    }
  }
]

resource readers 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = [
  for principalId in readerPrincipalIds: {
    parent: account
    name: guid(database.id, principalId, builtInRoles.reader)
    properties: {
      roleDefinitionId: '${account.id}/sqlRoleDefinitions/${builtInRoles.reader}'
      principalId: principalId
      // Cosmos DB's own scope syntax (dbs/<id>), not the ARM id of the database resource.
      scope: '${account.id}/dbs/${databaseName}'
    }
  }
]

module endpoint 'private-endpoint.bicep' = if (networkIsolation) {
  name: 'pe-${name}'
  params: {
    name: 'pe-${name}'
    location: location
    tags: tags
    subnetId: endpointSubnetId
    targetId: account.id
    groupId: 'Sql'
    dnsZoneId: dnsZoneIds.?Sql ?? ''
  }
}

output id string = account.id
output name string = account.name
output endpoint string = account.properties.documentEndpoint
