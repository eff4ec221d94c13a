import { CosmosClient } from '@azure/cosmos';
import type { CosmosAccess } from '../config/app-config';
import { defaultCredential, type CredentialFactory } from '../identity';

/**
 * A Cosmos client from the config: the account key when given, otherwise Microsoft Entra ID
 * (DefaultAzureCredential; the identity needs a Cosmos DB data-plane role). Endpoint discovery
 * is turned off for a local endpoint: the stand-in serves one plain-HTTP endpoint and
 * advertises no regions to discover.
 */
export function cosmosClient(
  access: CosmosAccess,
  credential: CredentialFactory = defaultCredential,
): CosmosClient {
  const local = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(access.endpoint);
  const connectionPolicy = local ? { enableEndpointDiscovery: false } : undefined;
  if (access.kind === 'key')
    return new CosmosClient({ endpoint: access.endpoint, key: access.key, connectionPolicy });
  return new CosmosClient({ endpoint: access.endpoint, aadCredentials: credential(), connectionPolicy });
}
