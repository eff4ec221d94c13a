import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { createFunctionsCoreShim, installFunctionsCoreShim } from './functions-core-shim';
import type { RpcLogLevel } from './functions-core-types';
import { Registrations } from './registrations';
import { installServiceBusMessageFactory } from './triggers/service-bus-sdk-binding';

const LIBRARY = '@azure/functions';

/**
 * Loads a Functions app entry (e.g. `dist/src/index.js`) as the Functions host would and
 * returns what it registered. Loading again re-runs the app's modules with a fresh
 * `@azure/functions`, which caches the host API on first use.
 */
export function loadFunctionApp(
  entryPath: string,
  onSystemLog: (level: RpcLogLevel, message: string) => void = () => undefined,
): Registrations {
  const entry = path.resolve(entryPath);
  const registrations = new Registrations();
  installFunctionsCoreShim(createFunctionsCoreShim(registrations, onSystemLog));
  const appRequire = createRequire(entry);
  // The library caches the host API it found first, so it always loads afresh; the app's own
  // modules only on a reload (a first load shares what the runtime itself already loaded).
  forgetModules(path.dirname(entry), appRequire, moduleCache()[entry] !== undefined);
  // Before the app: its Service Bus SDK bindings are served by the runtime, not the host's gRPC.
  installServiceBusMessageFactory(appRequire);
  appRequire(entry);
  if (registrations.list().length === 0) {
    throw new Error(
      `${entryPath} registered no functions: does it import the function files, and does it use "${LIBRARY}" v4?`,
    );
  }
  return registrations;
}

/** Drops the app's own modules and the library from Node's cache so they run again. */
function forgetModules(appDir: string, appRequire: NodeJS.Require, includeApp: boolean): void {
  const cache = moduleCache();
  let libraryDir: string | undefined;
  try {
    libraryDir = path.dirname(appRequire.resolve(`${LIBRARY}/package.json`));
  } catch {
    libraryDir = undefined; // the app will fail to load with Node's own message
  }
  const self = __dirname;
  for (const file of Object.keys(cache)) {
    const inApp =
      includeApp &&
      file.startsWith(appDir + path.sep) &&
      !file.includes(`${path.sep}node_modules${path.sep}`);
    const inLibrary = libraryDir !== undefined && file.startsWith(libraryDir + path.sep);
    if ((inApp && !file.startsWith(self + path.sep)) || inLibrary) delete cache[file];
  }
}

function moduleCache(): Record<string, unknown> {
  return (Module as unknown as { _cache: Record<string, unknown> })._cache;
}
