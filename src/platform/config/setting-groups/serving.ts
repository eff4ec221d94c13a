import { z } from 'zod';
import { optional, setting } from '../setting';
import { appInsightsAuthenticationString, ncrontab, nonNegativeInt, positiveInt } from '../value-schemas';

// Serving and monitoring: the drift schedule, the alias cache, loaded versions, telemetry.

export const MONITORING_SETTINGS = [
  setting({
    name: 'DRIFT_SCHEDULE',
    description: 'When the monitor timer fans out drift checks (six-field NCRONTAB).',
    default: '0 */15 * * * *',
    sample: '0 */15 * * * *',
    expected: 'a six-field NCRONTAB expression such as "0 */15 * * * *"',
    schema: ncrontab,
  }),
] as const;

export const SERVING_SETTINGS = [
  setting({
    name: 'ALIAS_CACHE_SECONDS',
    description: 'How long the predict endpoint trusts a cached production alias, in seconds.',
    default: '30',
    sample: '30',
    expected: 'a whole number of seconds (0 = always re-read)',
    schema: nonNegativeInt,
  }),
  setting({
    name: 'MAX_LOADED_MODEL_VERSIONS',
    description: 'How many model versions the predict endpoint keeps loaded (least recently used go first).',
    default: '8',
    sample: '8',
    expected: 'a positive whole number',
    schema: positiveInt,
  }),
] as const;

export const TELEMETRY_SETTINGS = [
  setting({
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
    description: 'Application Insights resource for telemetry; unset sends none.',
    sample: '',
    expected: 'an Application Insights connection string "InstrumentationKey=...;IngestionEndpoint=..."',
    secret: true,
    schema: optional(z.string().regex(/InstrumentationKey=/)),
  }),
  setting({
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
    description:
      "Telemetry authenticates with the managed identity (Entra ID) instead of the connection string's key; ClientId, else AZURE_CLIENT_ID, names a user-assigned one.",
    sample: '',
    expected: '"Authorization=AAD" or "Authorization=AAD;ClientId=<client id (GUID)>"',
    schema: optional(appInsightsAuthenticationString),
  }),
] as const;
