// Development values shipped in local.settings.sample.json: published emulator credentials and
// local-only keys, never valid against anything in Azure.

/** The Cosmos DB emulator's published account key. */
export const COSMOS_EMULATOR_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** The Cosmos DB emulator (or its stand-in) on its default port. */
export const COSMOS_EMULATOR_CONNECTION = `AccountEndpoint=http://127.0.0.1:8081/;AccountKey=${COSMOS_EMULATOR_KEY};`;

export const DEV_FUNCTION_KEY = 'dev-function-key';
export const DEV_ADMIN_KEY = 'dev-admin-key';
