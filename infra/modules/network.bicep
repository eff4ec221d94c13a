// networkIsolation=true: the virtual network the app reaches the data services through. One
// subnet for the app's VNet integration (Flex Consumption delegates it to Microsoft.App), one for
// the private endpoints, and the private DNS zones that resolve the services' names to them.
param name string
param location string
param tags object = {}
param addressPrefix string = '10.40.0.0/16'

// One zone per private endpoint group the modules create (storage blob/queue/table, Cosmos DB
// Sql, Service Bus namespace); their names are the clouds' privatelink zones.
var zones = [
  { group: 'blob', name: 'privatelink.blob.${environment().suffixes.storage}' }
  { group: 'queue', name: 'privatelink.queue.${environment().suffixes.storage}' }
  { group: 'table', name: 'privatelink.table.${environment().suffixes.storage}' }
  { group: 'Sql', name: 'privatelink.documents.azure.com' }
  { group: 'namespace', name: 'privatelink.servicebus.windows.net' }
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          delegations: [{ name: 'flex', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'endpoints'
        properties: { addressPrefix: cidrSubnet(addressPrefix, 24, 1) }
      }
    ]
  }
}

resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in zones: {
    name: zone.name
    location: 'global'
    tags: tags
  }
]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in zones: {
    parent: dnsZones[i]
    name: name
    location: 'global'
    tags: tags
    properties: { virtualNetwork: { id: vnet.id }, registrationEnabled: false }
  }
]

output appSubnetId string = vnet.properties.subnets[0].id
output endpointSubnetId string = vnet.properties.subnets[1].id
// Private endpoint group -> its DNS zone's id.
output zoneIds object = toObject(range(0, length(zones)), i => zones[i].group, i => resourceId('Microsoft.Network/privateDnsZones', zones[i].name))
