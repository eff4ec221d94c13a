import { ServiceBusClient } from '@azure/service-bus';
import type { ServiceBusAccess } from './config/app-config';
import { defaultCredential, type CredentialFactory } from './identity';

/**
 * A Service Bus client from the config: the connection string when given (a namespace's SAS
 * key, or the test broker's UseDevelopmentEmulator=true string), otherwise the namespace with
 * DefaultAzureCredential (the identity needs Azure Service Bus Data Sender/Receiver).
 */
export function serviceBusClient(
  access: ServiceBusAccess,
  credential: CredentialFactory = defaultCredential,
): ServiceBusClient {
  // Short retries so an outage surfaces in seconds, as for Storage.
  const retryOptions = { maxRetries: 2, retryDelayInMs: 500, timeoutInMs: 30_000 };
  if (access.kind === 'connectionString')
    return new ServiceBusClient(access.connectionString, { retryOptions });
  return new ServiceBusClient(access.fullyQualifiedNamespace, credential(), { retryOptions });
}
