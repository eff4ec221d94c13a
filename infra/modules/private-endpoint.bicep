// A private endpoint of one service (one group id) in the endpoints subnet, registered in its
// private DNS zone so the service's usual host name resolves to it inside the virtual network.
param name string
param location string
param tags object = {}
param subnetId string
@description('Resource id of the service the endpoint leads to.')
param targetId string
@description('Its sub-resource: blob, queue, table, Sql or namespace.')
param groupId string
param dnsZoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      { name: name, properties: { privateLinkServiceId: targetId, groupIds: [groupId] } }
    ]
  }
}

resource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [{ name: groupId, properties: { privateDnsZoneId: dnsZoneId } }]
  }
}
