import { LIMIT_SETTINGS } from './setting-groups/limits';
import { QUEUE_SETTINGS, TRANSPORT_SETTINGS } from './setting-groups/messaging';
import { REGISTRY_SETTINGS } from './setting-groups/registry';
import { HOST_SETTINGS } from './setting-groups/host';
import { SECURITY_SETTINGS } from './setting-groups/security';
import { MONITORING_SETTINGS, SERVING_SETTINGS, TELEMETRY_SETTINGS } from './setting-groups/serving';
import { CONTAINER_SETTINGS, STORAGE_SETTINGS } from './setting-groups/storage';

/**
 * Every app setting the app reads, in one list (declared by concern in setting-groups/): the
 * source of the typed config, of the README table and of local.settings.sample.json (a test keeps
 * all three in step, in this order).
 */
export const SETTINGS = [
  ...STORAGE_SETTINGS,
  ...REGISTRY_SETTINGS,
  ...CONTAINER_SETTINGS,
  ...QUEUE_SETTINGS,
  ...TRANSPORT_SETTINGS,
  ...LIMIT_SETTINGS,
  ...MONITORING_SETTINGS,
  ...SERVING_SETTINGS,
  ...SECURITY_SETTINGS,
  ...HOST_SETTINGS,
  ...TELEMETRY_SETTINGS,
] as const;
