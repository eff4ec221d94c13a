// The Function App on Flex Consumption (Linux, Node 20), running as the user-assigned identity:
// it pulls its package from the deployment container and reaches every service with that identity.
param name string
param planName string
param location string
param tags object = {}
@description('Resource id of the user-assigned identity the app runs as.')
param identityId string
@description('Blob container URL Flex Consumption deploys the package to.')
param deploymentContainerUrl string
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 100
@description('App settings (name to value): resource properties only, no keys.')
param appSettings object
@description('Subnet of the VNet integration (networkIsolation); empty = none.')
param subnetId string = ''
@description('Client id of the Entra ID app registration whose tokens App Service Authentication validates; empty = no authentication.')
param authClientId string = ''

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  // azd finds the app to deploy `services.api` of azure.yaml to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: { minTlsVersion: '1.2', ftpsState: 'Disabled' }
    // All outbound traffic through the virtual network, where the private endpoints are.
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    outboundVnetRouting: { allTraffic: !empty(subnetId) }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: { name: 'node', version: '20' }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

// Deployments authenticate with Entra ID (azd does): no publishing user name and password.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

// App Service Authentication validates Entra ID bearer tokens and passes the caller, with its
// app roles, in x-ms-client-principal (set only by the platform). Anonymous requests still reach
// the app, which decides per route: function keys keep working for predict.
resource auth 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(authClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: { requireAuthentication: false, unauthenticatedClientAction: 'AllowAnonymous' }
    httpSettings: { requireHttps: true }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: { allowedAudiences: [authClientId, 'api://${authClientId}'] }
      }
    }
    // Bearer tokens only: no sign-in pages, no session cookies.
    login: { tokenStore: { enabled: false } }
  }
}

output id string = site.id
output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
