// Service Bus carrying the pipeline queues: duplicate detection on the idempotency key sent as
// messageId, dead-lettering after maxDeliveryCount or on expiry (the app dead-letters data errors
// itself, at once, with the reason). Keys are off: identity only.
param name string
param location string
param tags object = {}
@allowed(['Standard', 'Premium'])
param sku string = 'Standard'
param queueNames array
param maxDeliveryCount int = 5
@description('The Function App identity: sender and receiver on each queue.')
param appPrincipalId string
@description('Public network access off; the app reaches the namespace through a private endpoint (Premium only).')
param networkIsolation bool = false
param endpointSubnetId string = ''
@description('Private endpoint group -> its private DNS zone id.')
param dnsZoneIds object = {}

var roles = ['69a216fc-b8fb-44d8-bc22-1f3c2cd27a39', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'] // Data Sender, Data Receiver

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: sku, tier: sku }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: networkIsolation ? 'Disabled' : 'Enabled'
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = [
  for queueName in queueNames: {
    parent: namespace
    name: queueName
    properties: {
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: 'PT1H'
      deadLetteringOnMessageExpiration: true
      defaultMessageTimeToLive: 'P7D'
      maxDeliveryCount: maxDeliveryCount
      // The longest lock Service Bus grants; the host renews it while a step runs.
      lockDuration: 'PT5M'
    }
  }
]

// Sender and receiver on each queue (not the namespace): i / 2 is the queue, i % 2 the role.
resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for i in range(0, length(queueNames) * 2): {
    scope: queues[i / 2]
    name: guid(queues[i / 2].id, appPrincipalId, roles[i % 2])
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles[i % 2])
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
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
    targetId: namespace.id
    groupId: 'namespace'
    dnsZoneId: dnsZoneIds.?namespace ?? ''
  }
}

output id string = namespace.id
output name string = namespace.name
// https://<namespace>.servicebus.windows.net:443/ -> the host name alone (any Azure cloud).
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
