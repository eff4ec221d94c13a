import { z } from 'zod';
import { COSMOS_EMULATOR_CONNECTION } from '../dev-values';
import { optional, setting } from '../setting';
import { cosmosConnectionString, httpUrl } from '../value-schemas';

// The registry: the Cosmos DB account and database.

export const REGISTRY_SETTINGS = [
  setting({
    name: 'COSMOS_CONNECTION',
    description: 'Cosmos DB account for the registry (connection string).',
    sample: COSMOS_EMULATOR_CONNECTION,
    expected: 'a Cosmos DB connection string "AccountEndpoint=https://...;AccountKey=...;"',
    secret: true,
    schema: optional(cosmosConnectionString),
  }),
  setting({
    name: 'COSMOS_ENDPOINT',
    description: 'Identity-based Cosmos DB instead of a connection string: the account endpoint.',
    sample: '',
    expected: 'an https URL such as https://<account>.documents.azure.com:443/',
    schema: optional(httpUrl),
  }),
  setting({
    name: 'COSMOS_DATABASE',
    description: 'Cosmos DB database holding the models, runs and monitoring containers.',
    default: 'mlops',
    sample: 'mlops',
    expected: 'a database id (letters, digits, - and _)',
    schema: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/),
  }),
] as const;
