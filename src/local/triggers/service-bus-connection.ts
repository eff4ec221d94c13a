import { ServiceBusClient } from '@azure/service-bus';
import { defaultCredential } from '../../platform/identity';
import type { AppSettings } from '../app-settings';
import { LocalRuntimeError } from '../runtime-errors';

/**
 * The client a Service Bus binding's `connection` setting names, as the host resolves it: the
 * setting's connection string, else `<setting>__fullyQualifiedNamespace` with
 * DefaultAzureCredential (the developer's az / azd login locally).
 */
export function serviceBusBindingClient(
  connection: unknown,
  settings: AppSettings,
  where: string,
): ServiceBusClient {
  const name = typeof connection === 'string' && connection !== '' ? connection : 'AzureWebJobsServiceBus';
  const connectionString = settings[name];
  if (connectionString) return new ServiceBusClient(connectionString);
  const namespace = settings[`${name}__fullyQualifiedNamespace`];
  if (namespace) return new ServiceBusClient(namespace, defaultCredential());
  throw new LocalRuntimeError(
    'bad_binding',
    `${where} uses the Service Bus connection setting "${name}", which is not set: add it (a connection string) ` +
      `or ${name}__fullyQualifiedNamespace to local.settings.json.`,
  );
}
