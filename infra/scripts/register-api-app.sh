#!/bin/sh
# Creates the Entra ID app registration whose tokens App Service Authentication validates, with
# the app roles of infra/app-roles.json (predict, feedback, operate), and stores its client id as
# AUTH_CLIENT_ID in the azd environment (main.parameters.json passes it to the template). Run by
# azd before provisioning; does nothing once AUTH_CLIENT_ID is set. Needs `az login` with the
# right to create app registrations (Application Developer, or the default user setting).
set -eu
if [ -n "${AUTH_CLIENT_ID:-}" ]; then
  echo "App registration $AUTH_CLIENT_ID (AUTH_CLIENT_ID) already set."
  exit 0
fi
: "${AZURE_ENV_NAME:?missing: run through azd (azd up or azd provision)}"
name="${AUTH_APP_NAME:-mlops-api-$AZURE_ENV_NAME}"
roles="$(dirname "$0")/../app-roles.json"
# Azure CLI's well-known client id: pre-authorized, so `az account get-access-token` gets a token.
azure_cli=04b07795-8ddb-461a-bbee-02f9e1bf7b46
scope_id=8d2b8c1e-5a0f-4f3e-9a61-2f7c0b6e1a10

client_id="$(az ad app list --display-name "$name" --query '[0].appId' -o tsv)"
if [ -z "$client_id" ]; then
  client_id="$(az ad app create --display-name "$name" --sign-in-audience AzureADMyOrg \
    --app-roles "@$roles" --query appId -o tsv)"
  echo "Created app registration $name ($client_id)."
fi
object_id="$(az ad app show --id "$client_id" --query id -o tsv)"
graph="https://graph.microsoft.com/v1.0/applications/$object_id"
# v2 tokens (audience = the client id), one delegated scope for people, then Azure CLI allowed it.
az rest --method PATCH --uri "$graph" --headers Content-Type=application/json --body "{
  \"identifierUris\": [\"api://$client_id\"],
  \"api\": {\"requestedAccessTokenVersion\": 2, \"oauth2PermissionScopes\": [{\"id\": \"$scope_id\",
    \"value\": \"user_impersonation\", \"type\": \"User\", \"isEnabled\": true,
    \"adminConsentDisplayName\": \"Call the MLOps API\", \"adminConsentDescription\": \"Call the MLOps API with the signed-in user's app roles.\",
    \"userConsentDisplayName\": \"Call the MLOps API\", \"userConsentDescription\": \"Call the MLOps API with your app roles.\"}]}}"
az rest --method PATCH --uri "$graph" --headers Content-Type=application/json --body "{
  \"api\": {\"preAuthorizedApplications\": [{\"appId\": \"$azure_cli\", \"delegatedPermissionIds\": [\"$scope_id\"]}]}}"
# The service principal: app roles are assigned to people and services on it.
az ad sp show --id "$client_id" --query id -o tsv >/dev/null 2>&1 || az ad sp create --id "$client_id" --output none

azd env set AUTH_CLIENT_ID "$client_id"
echo "AUTH_CLIENT_ID=$client_id; give people roles with infra/scripts/grant-app-role.sh."
