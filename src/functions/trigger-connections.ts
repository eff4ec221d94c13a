// The connection settings the host's triggers read (identity-based: `<name>__...`). Kept apart
// from the trigger helpers, which import @azure/functions: a blob function file takes this
// without loading the queue helper.
export const STORAGE_CONNECTION = 'AzureWebJobsStorage';
export const SERVICE_BUS_CONNECTION = 'SERVICEBUS_CONNECTION';
