# Windows twin of register-api-app.sh: creates the Entra ID app registration with the app roles
# of infra/app-roles.json and stores its client id as AUTH_CLIENT_ID in the azd environment.
$ErrorActionPreference = 'Stop'
if ($env:AUTH_CLIENT_ID) { Write-Host "App registration $($env:AUTH_CLIENT_ID) (AUTH_CLIENT_ID) already set."; exit 0 }
if (-not $env:AZURE_ENV_NAME) { throw 'AZURE_ENV_NAME is missing: run through azd (azd up or azd provision)' }
$name = if ($env:AUTH_APP_NAME) { $env:AUTH_APP_NAME } else { "mlops-api-$($env:AZURE_ENV_NAME)" }
$roles = Join-Path $PSScriptRoot '..' 'app-roles.json'
$azureCli = '04b07795-8ddb-461a-bbee-02f9e1bf7b46'
$scopeId = '8d2b8c1e-5a0f-4f3e-9a61-2f7c0b6e1a10'

$clientId = az ad app list --display-name $name --query '[0].appId' -o tsv
if (-not $clientId) {
  $clientId = az ad app create --display-name $name --sign-in-audience AzureADMyOrg --app-roles "@$roles" --query appId -o tsv
  if ($LASTEXITCODE -ne 0) { throw 'az ad app create failed' }
}
$objectId = az ad app show --id $clientId --query id -o tsv
$graph = "https://graph.microsoft.com/v1.0/applications/$objectId"
$scope = @{ id = $scopeId; value = 'user_impersonation'; type = 'User'; isEnabled = $true
  adminConsentDisplayName = 'Call the MLOps API'; adminConsentDescription = "Call the MLOps API with the signed-in user's app roles."
  userConsentDisplayName = 'Call the MLOps API'; userConsentDescription = 'Call the MLOps API with your app roles.' }
$body = @{ identifierUris = @("api://$clientId"); api = @{ requestedAccessTokenVersion = 2; oauth2PermissionScopes = @($scope) } }
$body | ConvertTo-Json -Depth 5 -Compress | Set-Content -Path "$env:TEMP/api.json"
az rest --method PATCH --uri $graph --headers Content-Type=application/json --body "@$env:TEMP/api.json"
$pre = @{ api = @{ preAuthorizedApplications = @(@{ appId = $azureCli; delegatedPermissionIds = @($scopeId) }) } }
$pre | ConvertTo-Json -Depth 5 -Compress | Set-Content -Path "$env:TEMP/api.json"
az rest --method PATCH --uri $graph --headers Content-Type=application/json --body "@$env:TEMP/api.json"
az ad sp show --id $clientId --query id -o tsv 2>$null | Out-Null
if ($LASTEXITCODE -ne 0) { az ad sp create --id $clientId --output none }

azd env set AUTH_CLIENT_ID $clientId
Write-Host "AUTH_CLIENT_ID=$clientId; give people roles with infra/scripts/grant-app-role.sh (or the portal: Enterprise applications, Users and groups)."
