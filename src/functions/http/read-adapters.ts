import { createAdapters, type Adapters } from '../../platform/adapters';
import { loadConfig } from '../../platform/config';

let adapters: Adapters | undefined;

/**
 * The adapters, built once on first use (clients connect lazily). A bad setting throws here, on
 * the request, where the error mapper turns it into a 500 and the log names the setting.
 */
export function readAdapters(): Adapters {
  adapters ??= createAdapters(loadConfig());
  return adapters;
}
