// Which client construction the settings select (Functions identity conventions), without
// calling Azure: clients connect lazily, so building them contacts nothing.
import { StorageSharedKeyCredential } from '@azure/storage-blob';
import type { TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadPipelineTransport } from '../../src/platform/config';
import { cosmosClient } from '../../src/platform/registry/cosmos-client';
import { serviceBusClient } from '../../src/platform/service-bus-client';
import { blobServiceClient, queueServiceClient } from '../../src/platform/storage-clients';
import { telemetryClient } from '../../src/platform/telemetry/create-telemetry';

/** A credential factory that counts how often a client asked for the identity. */
function countingCredential(): {
  factory: () => TokenCredential;
  calls: () => number;
  credential: TokenCredential;
} {
  let calls = 0;
  const credential: TokenCredential = { getToken: () => Promise.resolve(null) };
  return { factory: () => (calls++, credential), calls: () => calls, credential };
}

const azurite =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;';
const cosmosKey = 'AccountEndpoint=https://acct.documents.azure.com:443/;AccountKey=a2V5;';
const sbKey = 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=a2V5';

describe('client construction from the settings', () => {
  it('uses the Storage connection string when given, no identity', () => {
    const id = countingCredential();
    const { storage } = loadConfig({ AzureWebJobsStorage: azurite, COSMOS_CONNECTION: cosmosKey });
    expect(blobServiceClient(storage, undefined, id.factory).credential).toBeInstanceOf(
      StorageSharedKeyCredential,
    );
    expect(queueServiceClient(storage, undefined, id.factory)).toHaveProperty(
      'credential',
      expect.any(StorageSharedKeyCredential),
    );
    expect(id.calls()).toBe(0);
  });

  it('uses DefaultAzureCredential on the account endpoints for AzureWebJobsStorage__accountName', () => {
    const id = countingCredential();
    const { storage } = loadConfig({
      AzureWebJobsStorage__accountName: 'acct',
      COSMOS_CONNECTION: cosmosKey,
    });
    const blob = blobServiceClient(storage, undefined, id.factory);
    const queue = queueServiceClient(storage, undefined, id.factory);
    expect([blob.url, queue.url]).toEqual([
      'https://acct.blob.core.windows.net/',
      'https://acct.queue.core.windows.net',
    ]);
    expect(blob).toHaveProperty('credential', id.credential);
    expect(queue).toHaveProperty('credential', id.credential);
    expect(id.calls()).toBe(2);
  });

  it('uses the service URIs of AzureWebJobsStorage__blobServiceUri / __queueServiceUri', () => {
    const id = countingCredential();
    const { storage } = loadConfig({
      AzureWebJobsStorage__blobServiceUri: 'https://blobs.example.net/',
      AzureWebJobsStorage__queueServiceUri: 'https://queues.example.net/',
      COSMOS_CONNECTION: cosmosKey,
    });
    expect(blobServiceClient(storage, undefined, id.factory).url).toBe('https://blobs.example.net/');
    expect(queueServiceClient(storage, undefined, id.factory).url).toBe('https://queues.example.net/');
    expect(id.calls()).toBe(2);
  });

  it('uses the Cosmos key when given, the identity for an endpoint without key', () => {
    const withKey = countingCredential();
    cosmosClient(
      loadConfig({ AzureWebJobsStorage: azurite, COSMOS_CONNECTION: cosmosKey }).cosmos,
      withKey.factory,
    );
    expect(withKey.calls()).toBe(0);
    const withIdentity = countingCredential();
    const { cosmos } = loadConfig({
      AzureWebJobsStorage: azurite,
      COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
    });
    expect(cosmos).toEqual({
      kind: 'identity',
      endpoint: 'https://acct.documents.azure.com:443/',
      database: 'mlops',
    });
    cosmosClient(cosmos, withIdentity.factory);
    expect(withIdentity.calls()).toBe(1);
  });

  it('uses the Service Bus connection string when given, no identity', () => {
    const id = countingCredential();
    const { serviceBus } = loadConfig({
      AzureWebJobsStorage: azurite,
      COSMOS_CONNECTION: cosmosKey,
      PIPELINE_TRANSPORT: 'servicebus',
      SERVICEBUS_CONNECTION: sbKey,
      SERVICEBUS_CONNECTION__fullyQualifiedNamespace: 'other.servicebus.windows.net',
    });
    expect(serviceBus).toEqual({ kind: 'connectionString', connectionString: sbKey });
    expect(serviceBusClient(serviceBus!, id.factory).fullyQualifiedNamespace).toBe(
      'ns.servicebus.windows.net',
    );
    expect(id.calls()).toBe(0);
  });

  it('uses DefaultAzureCredential on the namespace for SERVICEBUS_CONNECTION__fullyQualifiedNamespace', () => {
    const id = countingCredential();
    const { serviceBus } = loadConfig({
      AzureWebJobsStorage: azurite,
      COSMOS_CONNECTION: cosmosKey,
      PIPELINE_TRANSPORT: 'servicebus',
      SERVICEBUS_CONNECTION__fullyQualifiedNamespace: 'ns.servicebus.windows.net',
    });
    expect(serviceBus).toEqual({ kind: 'identity', fullyQualifiedNamespace: 'ns.servicebus.windows.net' });
    expect(serviceBusClient(serviceBus!, id.factory).fullyQualifiedNamespace).toBe(
      'ns.servicebus.windows.net',
    );
    expect(id.calls()).toBe(1);
  });
});

describe('telemetry client construction from the settings', () => {
  const ai = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://ai.example/';
  const appClient = '11111111-1111-4111-8111-111111111111';
  const otherClient = '22222222-2222-4222-8222-222222222222';
  const base = {
    AzureWebJobsStorage: azurite,
    COSMOS_CONNECTION: cosmosKey,
    APPLICATIONINSIGHTS_CONNECTION_STRING: ai,
  };

  /** The client ids the exporter's credential was asked for, and the credential it holds. */
  function construct(env: Record<string, string>) {
    const asked: (string | undefined)[] = [];
    const credential: TokenCredential = { getToken: () => Promise.resolve(null) };
    const client = telemetryClient(loadConfig({ ...base, ...env }).applicationInsights!, (id) => {
      asked.push(id);
      return credential;
    });
    return { asked, holds: client.config.aadTokenCredential, credential };
  }

  it('sends with the connection string alone without APPLICATIONINSIGHTS_AUTHENTICATION_STRING', () => {
    const { asked, holds } = construct({ AZURE_CLIENT_ID: appClient });
    expect(asked).toEqual([]);
    expect(holds).toBeUndefined();
  });

  it.each([
    [{ APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' }, undefined],
    [
      { APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD', AZURE_CLIENT_ID: appClient },
      appClient,
    ],
    [
      {
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `ClientId=${otherClient};Authorization=AAD`,
        AZURE_CLIENT_ID: appClient,
      },
      otherClient,
    ],
  ])('gives the exporter the managed identity credential for %j (client id %s)', (env, clientId) => {
    const { asked, holds, credential } = construct(env);
    expect(asked).toEqual([clientId]);
    expect(holds).toBe(credential);
  });
});

describe('loadPipelineTransport', () => {
  it.each([
    [{}, 'storage'],
    [{ PIPELINE_TRANSPORT: ' ' }, 'storage'],
    [{ PIPELINE_TRANSPORT: 'servicebus' }, 'servicebus'],
  ])('reads %j as %s', (env, expected) => {
    expect(loadPipelineTransport(env)).toBe(expected);
  });

  it('names a bad value', () => {
    expect(() => loadPipelineTransport({ PIPELINE_TRANSPORT: 'ServiceBus' })).toThrow(
      '  - PIPELINE_TRANSPORT: invalid value "ServiceBus"; expected "storage" or "servicebus"',
    );
  });
});
