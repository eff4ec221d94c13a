import Module from 'node:module';
import type { Registrations } from './registrations';
import type {
  Disposable,
  FunctionCallback,
  FunctionMetadata,
  HookCallback,
  HookName,
  ProgrammingModel,
  RpcLogCategory,
  RpcLogLevel,
} from './functions-core-types';

/** The module name the Functions worker provides to `@azure/functions`. */
export const FUNCTIONS_CORE = '@azure/functions-core';
// A cache key no file can have, so Node's loader returns our exports for the request.
const SHIM_ID = `\0local-runtime:${FUNCTIONS_CORE}`;

const HOOK_NAMES: readonly HookName[] = [
  'preInvocation',
  'postInvocation',
  'appStart',
  'appTerminate',
  'log',
];

/** What `require('@azure/functions-core')` returns while an app is loaded by the local runtime. */
export interface FunctionsCoreShim {
  version: string;
  hostVersion: string;
  registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable;
  registerHook(name: string, callback: HookCallback): Disposable;
  setProgrammingModel(model: ProgrammingModel): void;
  getProgrammingModel(): ProgrammingModel | undefined;
  log(level: RpcLogLevel, category: RpcLogCategory, message: string): void;
  Disposable: new (callOnDispose: () => void) => Disposable;
}

/** Builds the host API surface over `target`; system logs go to `onSystemLog`. */
export function createFunctionsCoreShim(
  target: Registrations,
  onSystemLog: (level: RpcLogLevel, message: string) => void,
): FunctionsCoreShim {
  return {
    version: '4.0.0-local',
    hostVersion: '4.0.0-local',
    registerFunction: (metadata, callback) => target.addFunction(metadata, callback),
    registerHook: (name, callback) => {
      if (!HOOK_NAMES.includes(name as HookName)) throw new Error(`Unknown hook "${name}".`);
      return target.addHook(name as HookName, callback);
    },
    setProgrammingModel: (model) => {
      target.programmingModel = model;
    },
    getProgrammingModel: () => target.programmingModel,
    log: (level, _category, message) => onSystemLog(level, message),
    Disposable: class {
      constructor(private readonly callOnDispose: () => void) {}
      dispose(): void {
        this.callOnDispose();
      }
    },
  };
}

interface ModuleInternals {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, NodeJS.Module | undefined>;
}

const internals = Module as unknown as ModuleInternals;
let installed = false;

/**
 * Makes `require('@azure/functions-core')` resolve to `shim` for the rest of the process (until
 * replaced). Only that one request is intercepted; everything else resolves as usual.
 */
export function installFunctionsCoreShim(shim: FunctionsCoreShim): void {
  if (!installed) {
    const resolve = internals._resolveFilename;
    internals._resolveFilename = function (request: string, ...rest: unknown[]): string {
      return request === FUNCTIONS_CORE ? SHIM_ID : resolve.call(this, request, ...rest);
    };
    installed = true;
  }
  const mod = new Module(SHIM_ID);
  mod.exports = shim;
  mod.loaded = true;
  internals._cache[SHIM_ID] = mod;
}
