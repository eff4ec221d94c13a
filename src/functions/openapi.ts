import { app } from '@azure/functions';
import { openApiDocument } from '../serving/openapi/document';
import { httpOptions } from '../serving/openapi/routes';
import { pipelineDeps } from './app-context';
import { httpHandler } from './http/handler';

let document: Record<string, unknown> | undefined;

app.http('openapi', {
  ...httpOptions('openapi'),
  // Built once: the routes and schemas are fixed for the life of the process.
  handler: httpHandler(async () => {
    document ??= openApiDocument(pipelineDeps().settings.packageVersion);
    return { status: 200, jsonBody: document };
  }),
});
