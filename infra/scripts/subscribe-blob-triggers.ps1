# Windows twin of subscribe-blob-triggers.sh: subscribes the blob-triggered functions to the
# Storage account's Event Grid system topic once the deployed host has its blobs_extension key.
$ErrorActionPreference = 'Stop'
foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME', 'FUNCTION_APP_URL') {
  if (-not (Get-Item "env:$name" -ErrorAction SilentlyContinue)) { throw "$name is missing: run through azd (azd up or azd deploy)" }
}

for ($try = 1; ; $try++) {
  $key = az functionapp keys list -g $env:AZURE_RESOURCE_GROUP -n $env:AZURE_FUNCTION_APP_NAME --query systemKeys.blobs_extension -o tsv 2>$null
  if ($key) { break }
  if ($try -ge 30) { throw "No blobs_extension key on $($env:AZURE_FUNCTION_APP_NAME) after 5 minutes: did the deploy start the app?" }
  try { Invoke-WebRequest -UseBasicParsing "$($env:FUNCTION_APP_URL)/api/health" | Out-Null } catch { } # wakes the host
  Start-Sleep -Seconds 10
}

az deployment group create `
  --resource-group $env:AZURE_RESOURCE_GROUP `
  --name blob-event-subscriptions `
  --template-file infra/modules/blob-event-subscriptions.bicep `
  --parameters functionAppName=$env:AZURE_FUNCTION_APP_NAME systemTopicName=$env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME `
  --output none
if ($LASTEXITCODE -ne 0) { throw 'az deployment group create failed' }
Write-Host "Blob triggers subscribed to $($env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME)."
