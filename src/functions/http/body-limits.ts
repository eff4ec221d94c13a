import type { HttpRequest } from '@azure/functions';
import type { BodySource, JsonBodyOptions } from '../../serving/http/json-body';
import { appConfig } from '../app-context';

/** The request's body as the JSON body reader takes it. */
export function bodySource(request: HttpRequest): BodySource {
  return {
    contentType: request.headers.get('content-type'),
    contentLength: request.headers.get('content-length'),
    bytes: async () => new Uint8Array(await request.arrayBuffer()),
  };
}

/** The body cap of the spec, promotion and retrain routes (MAX_REGISTRY_BODY_BYTES). */
export function registryBodyLimit(): JsonBodyOptions {
  return { maxBytes: appConfig().limits.maxRegistryBodyBytes, setting: 'MAX_REGISTRY_BODY_BYTES' };
}

/** The body cap of the feedback route (MAX_FEEDBACK_BODY_BYTES). */
export function feedbackBodyLimit(): JsonBodyOptions {
  return { maxBytes: appConfig().limits.maxFeedbackBodyBytes, setting: 'MAX_FEEDBACK_BODY_BYTES' };
}
