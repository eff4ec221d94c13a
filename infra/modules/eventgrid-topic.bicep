// The Event Grid system topic of the Storage account: the blob triggers' event source in Azure
// (Flex Consumption runs blob triggers only with source EventGrid). Its subscriptions need the
// deployed app's blobs_extension key, so blob-event-subscriptions.bicep adds them after deploy.
param name string
param location string
param tags object = {}
param storageAccountId string

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output id string = topic.id
output name string = topic.name
