import type {
  Disposable,
  FunctionCallback,
  FunctionMetadata,
  HookCallback,
  HookName,
  ProgrammingModel,
  RpcBindingInfo,
} from './functions-core-types';

/** One registered function: what the host sees (metadata) and the callback it invokes. */
export interface RegisteredFunction {
  readonly metadata: FunctionMetadata;
  readonly callback: FunctionCallback;
  /** The single binding with direction `in` whose type ends in `Trigger`. */
  readonly trigger: RpcBindingInfo & { name: string; type: string };
}

/**
 * Everything an app registered while it was loaded: functions, lifecycle hooks and the
 * programming model that converts host data into handler arguments.
 */
export class Registrations {
  readonly #functions = new Map<string, RegisteredFunction>();
  readonly #hooks = new Map<HookName, HookCallback[]>();
  programmingModel: ProgrammingModel | undefined;

  /** Adds a function; a duplicate name is refused as the host refuses it at indexing. */
  addFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
    if (this.#functions.has(metadata.name.toLowerCase())) {
      throw new Error(
        `A function named "${metadata.name}" is already registered; function names must be unique.`,
      );
    }
    this.#functions.set(metadata.name.toLowerCase(), { metadata, callback, trigger: findTrigger(metadata) });
    return { dispose: () => this.#functions.delete(metadata.name.toLowerCase()) };
  }

  addHook(name: HookName, callback: HookCallback): Disposable {
    const list = this.#hooks.get(name) ?? [];
    list.push(callback);
    this.#hooks.set(name, list);
    return {
      dispose: () => {
        const index = list.indexOf(callback);
        if (index >= 0) list.splice(index, 1);
      },
    };
  }

  /** Function names are case-insensitive, as in the host. */
  get(name: string): RegisteredFunction | undefined {
    return this.#functions.get(name.toLowerCase());
  }

  list(): RegisteredFunction[] {
    return [...this.#functions.values()];
  }

  /** Functions whose trigger type is `type` (e.g. `blobTrigger`). */
  byTrigger(type: string): RegisteredFunction[] {
    return this.list().filter((fn) => fn.trigger.type === type);
  }

  hooks(name: HookName): readonly HookCallback[] {
    return this.#hooks.get(name) ?? [];
  }
}

function findTrigger(metadata: FunctionMetadata): RegisteredFunction['trigger'] {
  for (const [name, binding] of Object.entries(metadata.bindings)) {
    if (
      binding.direction === 'in' &&
      typeof binding.type === 'string' &&
      binding.type.toLowerCase().endsWith('trigger')
    ) {
      return { ...binding, name, type: binding.type };
    }
  }
  throw new Error(`Function "${metadata.name}" has no trigger binding.`);
}
