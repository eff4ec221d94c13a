// One Event Grid subscription per blob-triggered function: BlobCreated events under its container
// go to the blob extension's webhook. Deployed after the code (azure.yaml postdeploy hook):
// the host creates its blobs_extension system key only once it runs the blob triggers.
param functionAppName string
param systemTopicName string

// Each blob-triggered function of src/functions and the container it watches.
var blobTriggers = [
  { functionName: 'trainOnDataDrop', container: 'datasets' }
  { functionName: 'ingestUploadedModel', container: 'incoming-models' }
  { functionName: 'scoreDrop', container: 'scoring' }
]

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

// The documented endpoint of an Event Grid blob trigger:
// https://<app host>/runtime/webhooks/blobs?functionName=Host.Functions.<name>&code=<blobs_extension key>
var blobsExtensionKey = listKeys('${site.id}/host/default', '2025-03-01').systemKeys.blobs_extension

resource subscriptions 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = [
  for trigger in blobTriggers: {
    parent: topic
    name: 'blob-${toLower(trigger.functionName)}'
    properties: {
      destination: {
        endpointType: 'WebHook'
        properties: {
          endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${trigger.functionName}&code=${blobsExtensionKey}'
        }
      }
      filter: {
        includedEventTypes: ['Microsoft.Storage.BlobCreated']
        subjectBeginsWith: '/blobServices/default/containers/${trigger.container}/'
      }
      eventDeliverySchema: 'EventGridSchema'
      retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 }
    }
  }
]

output subscriptionNames array = [for (trigger, i) in blobTriggers: subscriptions[i].name]
