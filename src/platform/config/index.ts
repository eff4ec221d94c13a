export type {
  AppConfig,
  ApplicationInsightsAccess,
  ContainerNames,
  CosmosAccess,
  Limits,
  QueueNames,
  ServiceBusAccess,
  StorageAccess,
} from './app-config';
export { ConfigError, type ConfigIssue } from './config-error';
export { loadConfig, loadPipelineTransport } from './load-config';
export { SETTINGS } from './settings';
export type { Setting } from './setting';
export { settingsTable } from './settings-table';
export { readSetting } from './read-setting';
