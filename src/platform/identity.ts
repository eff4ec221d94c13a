import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';

/** Makes the credential of identity-based connections (one per client construction). */
export type CredentialFactory = () => TokenCredential;

/** Makes the credential of a managed identity chosen by client id (undefined: the default one). */
export type ManagedIdentityCredentialFactory = (managedIdentityClientId?: string) => TokenCredential;

let shared: DefaultAzureCredential | undefined;

/**
 * DefaultAzureCredential, shared by every client of the process: the managed identity in Azure
 * (a user-assigned one through AZURE_CLIENT_ID), the developer's az / azd login locally.
 */
export const defaultCredential: CredentialFactory = () => (shared ??= new DefaultAzureCredential());

/** DefaultAzureCredential for the user-assigned identity with that client id; defaultCredential without one. */
export const managedIdentityCredential: ManagedIdentityCredentialFactory = (managedIdentityClientId) =>
  managedIdentityClientId ? new DefaultAzureCredential({ managedIdentityClientId }) : defaultCredential();
