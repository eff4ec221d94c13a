import type { z } from 'zod';
import type {
  AppConfig,
  ApplicationInsightsAccess,
  CosmosAccess,
  ServiceBusAccess,
  StorageAccess,
} from './app-config';
import { ConfigError, type ConfigIssue } from './config-error';
import { parseSetting, readSetting } from './read-setting';
import { SETTINGS } from './settings';

type Settings = typeof SETTINGS;
/** Each setting's parsed value, keyed by its name. */
export type ParsedSettings = { [S in Settings[number] as S['name']]: z.output<S['schema']> };

/** Reads and validates every setting from env (default process.env); throws ConfigError listing each problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const issues: ConfigIssue[] = [];
  const values: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const result = parseSetting(s, env);
    if (result.ok) values[s.name] = result.value;
    else issues.push(result.issue);
  }
  const p = values as ParsedSettings;
  const storage = storageAccess(p, issues);
  const cosmos = cosmosAccess(p, issues);
  const serviceBus = p.PIPELINE_TRANSPORT === 'servicebus' ? serviceBusAccess(p, issues) : undefined;
  const applicationInsights = applicationInsightsAccess(p, issues);
  if (issues.length > 0 || !storage || !cosmos) throw new ConfigError(issues);
  return {
    storage,
    cosmos,
    containers: {
      datasets: p.DATASETS_CONTAINER,
      models: p.MODELS_CONTAINER,
      incomingModels: p.INCOMING_MODELS_CONTAINER,
      predictionLogs: p.PREDICTION_LOGS_CONTAINER,
      scoring: p.SCORING_CONTAINER,
      predictions: p.PREDICTIONS_CONTAINER,
    },
    queues: {
      validate: p.VALIDATE_QUEUE,
      register: p.REGISTER_QUEUE,
      drift: p.DRIFT_QUEUE,
      retrain: p.RETRAIN_QUEUE,
    },
    pipelineTransport: p.PIPELINE_TRANSPORT,
    ...(serviceBus && { serviceBus }),
    limits: {
      maxDatasetBytes: p.MAX_DATASET_BYTES,
      maxDatasetRows: p.MAX_DATASET_ROWS,
      maxPredictRows: p.MAX_PREDICT_ROWS,
      maxPredictBytes: p.MAX_PREDICT_BYTES,
      maxDatasetColumns: p.MAX_DATASET_COLUMNS,
      maxUploadedModelBytes: p.MAX_UPLOADED_MODEL_BYTES,
      maxSidecarBytes: p.MAX_SIDECAR_BYTES,
      maxRegistryBodyBytes: p.MAX_REGISTRY_BODY_BYTES,
      maxFeedbackBodyBytes: p.MAX_FEEDBACK_BODY_BYTES,
    },
    driftSchedule: p.DRIFT_SCHEDULE,
    aliasCacheSeconds: p.ALIAS_CACHE_SECONDS,
    maxLoadedModelVersions: p.MAX_LOADED_MODEL_VERSIONS,
    ...(applicationInsights && { applicationInsights }),
  };
}

/**
 * PIPELINE_TRANSPORT alone (default storage), for trigger registration, which runs when the app
 * loads, before any other setting is needed. Throws ConfigError naming a bad value.
 */
export function loadPipelineTransport(
  env: Record<string, string | undefined> = process.env,
): AppConfig['pipelineTransport'] {
  return readSetting('PIPELINE_TRANSPORT', env) as AppConfig['pipelineTransport'];
}

function storageAccess(p: ParsedSettings, issues: ConfigIssue[]): StorageAccess | undefined {
  if (p.AzureWebJobsStorage) return { kind: 'connectionString', connectionString: p.AzureWebJobsStorage };
  const account = p.AzureWebJobsStorage__accountName;
  const blobServiceUri =
    p.AzureWebJobsStorage__blobServiceUri ?? (account && `https://${account}.blob.core.windows.net`);
  const queueServiceUri =
    p.AzureWebJobsStorage__queueServiceUri ?? (account && `https://${account}.queue.core.windows.net`);
  if (blobServiceUri && queueServiceUri) return { kind: 'identity', blobServiceUri, queueServiceUri };
  if (!issues.some((i) => i.setting.startsWith('AzureWebJobsStorage'))) {
    issues.push({
      setting: 'AzureWebJobsStorage',
      problem:
        'missing; expected a Storage connection string (UseDevelopmentStorage=true locally), or for identity-based ' +
        'access AzureWebJobsStorage__accountName, or both AzureWebJobsStorage__blobServiceUri and __queueServiceUri',
    });
  }
  return undefined;
}

function cosmosAccess(p: ParsedSettings, issues: ConfigIssue[]): CosmosAccess | undefined {
  const database = p.COSMOS_DATABASE;
  if (p.COSMOS_CONNECTION) return { kind: 'key', ...p.COSMOS_CONNECTION, database };
  if (p.COSMOS_ENDPOINT) return { kind: 'identity', endpoint: p.COSMOS_ENDPOINT, database };
  if (!issues.some((i) => i.setting.startsWith('COSMOS_'))) {
    issues.push({
      setting: 'COSMOS_CONNECTION',
      problem:
        'missing; expected a Cosmos DB connection string "AccountEndpoint=...;AccountKey=...;", ' +
        'or COSMOS_ENDPOINT for identity-based access',
    });
  }
  return undefined;
}

function serviceBusAccess(p: ParsedSettings, issues: ConfigIssue[]): ServiceBusAccess | undefined {
  if (p.SERVICEBUS_CONNECTION) return { kind: 'connectionString', connectionString: p.SERVICEBUS_CONNECTION };
  const fullyQualifiedNamespace = p.SERVICEBUS_CONNECTION__fullyQualifiedNamespace;
  if (fullyQualifiedNamespace) return { kind: 'identity', fullyQualifiedNamespace };
  if (!issues.some((i) => i.setting.startsWith('SERVICEBUS_'))) {
    issues.push({
      setting: 'SERVICEBUS_CONNECTION',
      problem:
        'missing while PIPELINE_TRANSPORT=servicebus; expected a Service Bus connection string, ' +
        'or SERVICEBUS_CONNECTION__fullyQualifiedNamespace for identity-based access',
    });
  }
  return undefined;
}

function applicationInsightsAccess(
  p: ParsedSettings,
  issues: ConfigIssue[],
): ApplicationInsightsAccess | undefined {
  const connectionString = p.APPLICATIONINSIGHTS_CONNECTION_STRING;
  const authentication = p.APPLICATIONINSIGHTS_AUTHENTICATION_STRING;
  if (!connectionString) {
    if (authentication)
      issues.push({
        setting: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
        problem: 'set without APPLICATIONINSIGHTS_CONNECTION_STRING, which names the resource to send to',
      });
    return undefined;
  }
  if (!authentication) return { kind: 'connectionString', connectionString };
  const managedIdentityClientId = authentication.clientId ?? p.AZURE_CLIENT_ID;
  return { kind: 'identity', connectionString, ...(managedIdentityClientId && { managedIdentityClientId }) };
}
