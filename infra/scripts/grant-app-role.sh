#!/bin/sh
# Gives a user, group or service principal one app role of the API's app registration:
#   infra/scripts/grant-app-role.sh <role: predict|feedback|operate> [object id; default: you]
# Tokens issued after the assignment carry the role in their `roles` claim.
set -eu
role="${1:?usage: grant-app-role.sh predict|feedback|operate [principal object id]}"
if [ -z "${AUTH_CLIENT_ID:-}" ]; then eval "$(azd env get-values)"; fi
: "${AUTH_CLIENT_ID:?missing: run azd provision first}"
principal="${2:-$(az ad signed-in-user show --query id -o tsv)}"
role_id="$(az ad app show --id "$AUTH_CLIENT_ID" --query "appRoles[?value=='$role'].id | [0]" -o tsv)"
[ -n "$role_id" ] || { echo "No app role \"$role\" on $AUTH_CLIENT_ID (predict, feedback or operate)" >&2; exit 1; }
sp="$(az ad sp show --id "$AUTH_CLIENT_ID" --query id -o tsv)"
az rest --method POST --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$sp/appRoleAssignedTo" \
  --headers Content-Type=application/json \
  --body "{\"principalId\": \"$principal\", \"resourceId\": \"$sp\", \"appRoleId\": \"$role_id\"}" --output none
echo "$principal now holds $role."
