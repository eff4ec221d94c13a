#!/bin/sh
# Subscribes the blob-triggered functions to the Storage account's Event Grid system topic
# (infra/modules/blob-event-subscriptions.bicep). Run by azd after deploy, with the azd
# environment's outputs as variables; needs `az login` to the same subscription.
set -eu
: "${AZURE_RESOURCE_GROUP:?missing: run through azd (azd up or azd deploy)}"
: "${AZURE_FUNCTION_APP_NAME:?missing: run through azd (azd up or azd deploy)}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?missing: run azd provision first}"
: "${FUNCTION_APP_URL:?missing: run azd provision first}"

# The host creates the blobs_extension key when it first starts with the blob triggers.
tries=0
until [ -n "$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
  --query systemKeys.blobs_extension -o tsv 2>/dev/null)" ]; do
  tries=$((tries + 1))
  if [ "$tries" -ge 30 ]; then
    echo "No blobs_extension key on $AZURE_FUNCTION_APP_NAME after 5 minutes: did the deploy start the app?" >&2
    exit 1
  fi
  curl -s -o /dev/null "$FUNCTION_APP_URL/api/health" || true # wakes the host
  sleep 10
done

az deployment group create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --name blob-event-subscriptions \
  --template-file infra/modules/blob-event-subscriptions.bicep \
  --parameters functionAppName="$AZURE_FUNCTION_APP_NAME" systemTopicName="$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
  --output none
echo "Blob triggers subscribed to $AZURE_EVENTGRID_SYSTEM_TOPIC_NAME."
