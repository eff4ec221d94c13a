import { openApiDocument } from '../serving/openapi/document';
import { pipelineDeps } from './app-context';
import { httpRoute } from './http/http-route';

let document: Record<string, unknown> | undefined;

// Built once: the routes and schemas are fixed for the life of the process.
httpRoute('openapi', async () => {
  document ??= openApiDocument(pipelineDeps().settings.packageVersion);
  return { status: 200, jsonBody: document };
});
