/** Where the Storage account is and how to authenticate to it. */
export type StorageAccess =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'identity'; blobServiceUri: string; queueServiceUri: string };

/** Where the Cosmos DB account is and how to authenticate to it. */
export type CosmosAccess =
  | { kind: 'key'; endpoint: string; key: string; database: string }
  | { kind: 'identity'; endpoint: string; database: string };

export type ServiceBusAccess =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'identity'; fullyQualifiedNamespace: string };

/**
 * The Application Insights resource and how telemetry authenticates to it: the connection
 * string's instrumentation key alone, or an Entra ID token of the managed identity (the
 * resource's local auth is off in Azure).
 */
export type ApplicationInsightsAccess =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'identity'; connectionString: string; managedIdentityClientId?: string };

export interface ContainerNames {
  datasets: string;
  models: string;
  incomingModels: string;
  predictionLogs: string;
  scoring: string;
  predictions: string;
}

export interface QueueNames {
  validate: string;
  register: string;
  drift: string;
  retrain: string;
}

export interface Limits {
  maxDatasetBytes: number;
  maxDatasetRows: number;
  maxPredictRows: number;
  maxPredictBytes: number;
  maxDatasetColumns: number;
  maxUploadedModelBytes: number;
  maxSidecarBytes: number;
  maxRegistryBodyBytes: number;
  maxFeedbackBodyBytes: number;
}

/** The app's settings, validated and typed: what every adapter and use case is built from. */
export interface AppConfig {
  storage: StorageAccess;
  cosmos: CosmosAccess;
  containers: ContainerNames;
  queues: QueueNames;
  /** 'servicebus' carries the pipeline queues on Service Bus (serviceBus is then set). */
  pipelineTransport: 'storage' | 'servicebus';
  serviceBus?: ServiceBusAccess;
  limits: Limits;
  driftSchedule: string;
  aliasCacheSeconds: number;
  /** Model versions the predict endpoint keeps loaded at once. */
  maxLoadedModelVersions: number;
  /** Unset: telemetry off. */
  applicationInsights?: ApplicationInsightsAccess;
}
