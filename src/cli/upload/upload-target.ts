import { loadAppSettings } from '../../local/app-settings';

/** Where `mlops upload` puts the files and which runtime it watches. */
export interface UploadTarget {
  /** Storage connection string (Azurite's development one by default). */
  connectionString: string;
  /** The datasets container. */
  container: string;
  /** Base URL of the Functions app, e.g. http://localhost:7071. */
  url: string;
  /** Function key for the app's HTTP reads; undefined sends none. */
  key?: string;
}

/** What the user passed; unset fields come from the settings. */
export interface TargetOptions {
  connectionString?: string;
  container?: string;
  url?: string;
  key?: string;
}

/**
 * Resolves the target: options first, then environment variables, then local.settings.json
 * (else local.settings.sample.json) in `dir`, as `npm start` reads them (MLOPS_URL and MLOPS_KEY
 * as for the other commands). Defaults: setting
 * AzureWebJobsStorage, container DATASETS_CONTAINER or "datasets", http://localhost:{LocalHttpPort
 * or 7071}, key LOCAL_FUNCTION_KEY.
 */
export function resolveTarget(
  options: TargetOptions,
  dir: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): UploadTarget {
  const { settings, localHttpPort } = loadAppSettings(dir, env);
  const connectionString = options.connectionString ?? settings.AzureWebJobsStorage;
  if (!connectionString) {
    throw new Error('no storage connection: pass --connection-string or set AzureWebJobsStorage');
  }
  const key = options.key ?? env.MLOPS_KEY ?? settings.LOCAL_FUNCTION_KEY;
  return {
    connectionString,
    container: options.container ?? settings.DATASETS_CONTAINER ?? 'datasets',
    url: (options.url ?? env.MLOPS_URL ?? `http://localhost:${localHttpPort ?? 7071}`).replace(/\/+$/, ''),
    ...(key ? { key } : {}),
  };
}
