#!/bin/sh
# Smoke test of a deployed environment: health, then the whole loop on a small synthetic drop
# (upload with the signed-in identity, train, validate, register) and a prediction with the
# function key. Reads the azd environment's outputs; needs `az login` with data access
# (azd grants it to the principal that ran `azd provision`).
set -eu
if [ -z "${AZURE_FUNCTION_APP_NAME:-}" ]; then
  eval "$(azd env get-values)"
fi
app="$AZURE_FUNCTION_APP_NAME"
group="$AZURE_RESOURCE_GROUP"
api="$API_URL"
account="$AZURE_STORAGE_ACCOUNT_NAME"
model="${SMOKE_MODEL:-smoke}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "GET $api/health"
curl -fsS --retry 12 --retry-delay 10 --retry-all-errors "$api/health"
echo

key="$(az functionapp keys list -g "$group" -n "$app" --query functionKeys.default -o tsv)"
[ -n "$key" ] || { echo "No default function key on $app" >&2; exit 1; }

[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent generate -- --days 30 --zones 4 --out "$work/data.csv" --spec-out "$work/model.json"
upload() { # container/name file; retried while new role assignments propagate
  for try in 1 2 3 4 5 6 7 8 9 10; do
    if az storage blob upload --auth-mode login --account-name "$account" --container-name datasets \
      --name "$1" --file "$2" --overwrite --only-show-errors --output none; then return 0; fi
    echo "upload of $1 refused (try $try); waiting for the role assignment" >&2
    sleep 30
  done
  return 1
}
upload "$model/model.json" "$work/model.json"
upload "$model/smoke.csv" "$work/data.csv"

body='{"rows":[{"pickup_hour":"2025-01-31T08:00:00Z","zone":"Z01","weather":"clear","temperature_c":3.5,"precipitation_mm":0,"is_holiday":false}]}'
# Until the run reaches production, predict answers 404 (unknown model) or 409 (no production version).
for try in $(seq 1 60); do
  status="$(curl -sS -o "$work/answer.json" -w '%{http_code}' -H "x-functions-key: $key" \
    -H 'content-type: application/json' -d "$body" "$api/models/$model/predict")"
  case "$status" in
    200)
      cat "$work/answer.json"
      echo
      grep -q '"predictions"' "$work/answer.json" && exit 0
      echo "predict answered 200 without predictions" >&2
      exit 1
      ;;
    404 | 409 | 503) sleep 15 ;;
    *)
      echo "predict answered $status:" >&2
      cat "$work/answer.json" >&2
      exit 1
      ;;
  esac
done
echo "No production version of $model after 15 minutes; runs:" >&2
curl -sS -H "x-functions-key: $key" "$api/models/$model/runs" >&2
exit 1
