import { randomUUID } from 'node:crypto';
import type {
  CoreInvocationContext,
  FunctionCallback,
  HookCallback,
  HookContext,
  RpcInvocationResponse,
  RpcLogCategory,
  RpcLogLevel,
  RpcParameterBinding,
  RpcTypedData,
} from './functions-core-types';
import { logInvocation, logUserLine, type InvocationRecord, type RuntimeLogger } from './invocation-log';
import type { RegisteredFunction, Registrations } from './registrations';

/** What a trigger driver hands the invoker: the host's invocation request minus the ids. */
export interface TriggerInput {
  inputData: RpcParameterBinding[];
  triggerMetadata: Record<string, RpcTypedData>;
  retryContext?: { retryCount: number; maxRetryCount: number };
}

export type InvocationResult =
  | { ok: true; invocationId: string; response: RpcInvocationResponse }
  | { ok: false; invocationId: string; error: Error };

/**
 * Runs one function the way the Functions Node.js worker does: the app's programming model
 * converts host data into handler arguments, hooks run around the handler, and the model
 * converts the result back into host data. Logs one line per invocation; never throws.
 */
export class Invoker {
  readonly #inFlight = new Set<Promise<InvocationResult>>();
  readonly #appHookData: Record<string, unknown> = {};

  constructor(
    private readonly registrations: Registrations,
    private readonly logger: RuntimeLogger,
    private readonly onInvocation: (record: InvocationRecord) => void = () => undefined,
  ) {}

  /** Invokes `fn` with `input`; the result says whether the handler succeeded. */
  invoke(fn: RegisteredFunction, input: TriggerInput): Promise<InvocationResult> {
    const invocationId = randomUUID();
    const run = this.#run(fn, input, invocationId).finally(() => this.#inFlight.delete(run));
    this.#inFlight.add(run);
    return run;
  }

  /** Resolves when every invocation started so far has finished. */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  get inFlightCount(): number {
    return this.#inFlight.size;
  }

  /** Runs the app's appStart or appTerminate hooks. */
  async runAppHooks(name: 'appStart' | 'appTerminate', functionAppDirectory: string): Promise<void> {
    const context: HookContext = { hookData: {}, appHookData: this.#appHookData, functionAppDirectory };
    for (const hook of this.registrations.hooks(name)) await hook(context);
  }

  async #run(fn: RegisteredFunction, input: TriggerInput, invocationId: string): Promise<InvocationResult> {
    const started = performance.now();
    const functionName = fn.metadata.name;
    const model = this.registrations.programmingModel;
    let result: InvocationResult;
    let invocationContext: unknown;
    try {
      if (!model)
        throw new Error('The app did not set a programming model; is it built on "@azure/functions" v4?');
      const coreCtx: CoreInvocationContext = {
        invocationId,
        request: { invocationId, functionId: fn.metadata.functionId ?? functionName, ...input },
        metadata: fn.metadata,
        log: (level, category, message) =>
          this.#log(functionName, invocationContext, level, category, message),
      };
      const invocation = await model.getInvocationModel(coreCtx);
      const { context, inputs } = await invocation.getArguments();
      invocationContext = context;
      const hookData: Record<string, unknown> = {};

      coreCtx.state = 'preInvocationHooks';
      const pre: HookContext = {
        hookData,
        appHookData: this.#appHookData,
        invocationContext: context,
        inputs,
      };
      pre.functionCallback = fn.callback;
      await runHooks(this.registrations.hooks('preInvocation'), pre);

      coreCtx.state = 'invocation';
      let value: unknown;
      let error: unknown;
      try {
        value = await invocation.invokeFunction(
          context,
          pre.inputs as unknown[],
          pre.functionCallback as FunctionCallback,
        );
      } catch (err) {
        error = err;
      }

      coreCtx.state = 'postInvocationHooks';
      const post: HookContext = { hookData, appHookData: this.#appHookData, invocationContext: context };
      Object.assign(post, { inputs: pre.inputs, result: value ?? null, error: error ?? null });
      await runHooks(this.registrations.hooks('postInvocation'), post);
      coreCtx.state = undefined;
      if (post.error !== null && post.error !== undefined) throw post.error;

      result = { ok: true, invocationId, response: await invocation.getResponse(context, post.result) };
    } catch (err) {
      result = { ok: false, invocationId, error: err instanceof Error ? err : new Error(String(err)) };
    }
    const record: InvocationRecord = {
      functionName,
      invocationId,
      triggerType: fn.trigger.type,
      durationMs: performance.now() - started,
      outcome: result.ok ? 'Succeeded' : 'Failed',
      ...(result.ok ? {} : { error: result.error }),
    };
    logInvocation(this.logger, record);
    this.onInvocation(record);
    return result;
  }

  #log(
    functionName: string,
    invocationContext: unknown,
    level: RpcLogLevel,
    category: RpcLogCategory,
    message: string,
  ): void {
    const context: HookContext = { hookData: {}, appHookData: this.#appHookData, category, level, message };
    context.invocationContext = invocationContext;
    for (const hook of this.registrations.hooks('log')) {
      try {
        hook(context);
      } catch (err) {
        this.logger.warn(`[${functionName}] log hook failed: ${(err as Error).message}`);
      }
    }
    // As in the worker, hooks may rewrite user logs only.
    const finalLevel = category === 'user' ? (context.level as RpcLogLevel) : level;
    const finalMessage = category === 'user' ? String(context.message) : message;
    logUserLine(this.logger, functionName, finalLevel, finalMessage);
  }
}

async function runHooks(hooks: readonly HookCallback[], context: HookContext): Promise<void> {
  for (const hook of hooks) await hook(context);
}
