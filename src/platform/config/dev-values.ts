// Development values shipped in local.settings.sample.json (published emulator credentials, never
// valid against anything in Azure), and the well-known local keys never to accept.

/** The Cosmos DB emulator's published account key. */
export const COSMOS_EMULATOR_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** The Cosmos DB emulator (or its stand-in) on its default port. */
export const COSMOS_EMULATOR_CONNECTION = `AccountEndpoint=http://127.0.0.1:8081/;AccountKey=${COSMOS_EMULATOR_KEY};`;

/**
 * Local keys an older sample shipped: published, so the local runtime replaces them with random
 * ones rather than accept them.
 */
export const PUBLISHED_DEV_KEYS: readonly string[] = ['dev-function-key', 'dev-admin-key'];
