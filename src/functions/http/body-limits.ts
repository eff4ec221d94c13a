import type { JsonBodyOptions } from '../../serving/registry-api/json-body';
import { appConfig } from '../app-context';

/** The body cap of the spec, promotion and retrain routes (MAX_REGISTRY_BODY_BYTES). */
export function registryBodyLimit(): JsonBodyOptions {
  return { maxBytes: appConfig().limits.maxRegistryBodyBytes, setting: 'MAX_REGISTRY_BODY_BYTES' };
}

/** The body cap of the feedback route (MAX_FEEDBACK_BODY_BYTES). */
export function feedbackBodyLimit(): JsonBodyOptions {
  return { maxBytes: appConfig().limits.maxFeedbackBodyBytes, setting: 'MAX_FEEDBACK_BODY_BYTES' };
}
