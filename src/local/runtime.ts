import path from 'node:path';
import { createAdminRoutes } from './http/admin-routes';
import { loadFunctionApp } from './app-loader';
import type { AppSettings } from './app-settings';
import { BlobReceipts, HOSTS_CONTAINER } from './triggers/blob-receipts';
import { BlobTriggerDriver } from './triggers/blob-driver';
import type { HostConfig } from './host-config';
import { buildHttpRoutes, findRoute, type HttpRoute } from './http/routes';
import { LocalHttpServer } from './http/server';
import { consoleLogger, type InvocationRecord, type RuntimeLogger } from './invocation-log';
import { Invoker } from './invoker';
import { OutputBindings } from './triggers/output-bindings';
import { QueueTriggerDriver } from './triggers/queue-driver';
import type { Registrations } from './registrations';
import { LocalRuntimeError } from './runtime-errors';
import { ServiceBusTriggerDriver } from './triggers/service-bus-driver';
import {
  DEFAULT_STORAGE_SETTING,
  StorageClients,
  storageConnectionString,
} from './triggers/storage-connection';
import { TimerDriver } from './triggers/timer-driver';
import { TimerStatusStore } from './triggers/timer-status';
import type { TriggerDriver } from './triggers/trigger-driver';

/** The host's default HTTP port for local runs. */
export const DEFAULT_HTTP_PORT = 7071;
/** What App Service sets when its Authentication is on (see functions/http/http-route.ts). */
const PLATFORM_AUTH_SETTING = 'WEBSITE_AUTH_ENABLED';
/** Setting naming the host id in receipt paths (the host's own setting name). */
export const HOST_ID_SETTING = 'AzureFunctionsWebHost__hostid';

export interface LocalRuntimeOptions {
  /** The compiled Functions entry (package.json `main`). */
  entry: string;
  /** App settings; copied into process.env before the entry loads, as the host does. */
  settings: AppSettings;
  host: HostConfig;
  /** Default 7071; 0 picks a free port. */
  port?: number;
  logger?: RuntimeLogger;
  /** Time between blob container scans (default 1 s). */
  blobScanIntervalMs?: number;
  /** How long a received queue message stays hidden between lease renewals (default 30 s; tests shorten it). */
  queueLeaseSeconds?: number;
  /** Called after every invocation, for tests and tools. */
  onInvocation?: (record: InvocationRecord) => void;
}

/**
 * Stands in for the Functions host: loads the entry, serves its HTTP functions and admin
 * routes, and drives its blob, queue (Storage and Service Bus) and timer triggers until stop().
 */
export class LocalRuntime {
  #drivers: TriggerDriver[] = [];
  #stopping: Promise<void> | undefined;

  private constructor(
    readonly registrations: Registrations,
    private readonly invoker: Invoker,
    private readonly http: LocalHttpServer,
    private readonly appDir: string,
    private readonly logger: RuntimeLogger,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Loads the app and starts everything; on failure stops what had started and rethrows. */
  static async start(options: LocalRuntimeOptions): Promise<LocalRuntime> {
    const logger = options.logger ?? consoleLogger;
    const { settings, host } = options;
    // As the host does, app settings are environment variables by the time the entry loads.
    for (const [name, value] of Object.entries(settings)) if (value !== undefined) process.env[name] = value;
    // The HTTP server stands in for App Service Authentication (it strips clients'
    // x-ms-client-principal and sets the key holder's), so the app may trust that header.
    process.env[PLATFORM_AUTH_SETTING] = 'True';
    let registrations: Registrations;
    try {
      registrations = loadFunctionApp(options.entry, (level, message) => {
        if (level === 'warning' || level === 'error') logger.warn(message);
      });
    } catch (err) {
      throw new LocalRuntimeError(
        'app_load_failed',
        `Cannot load ${options.entry}: ${(err as Error).message}`,
        err,
      );
    }
    // The worker asks for capabilities once the app is loaded; this also locks app.setup().
    const capabilities = await registrations.programmingModel?.getCapabilities?.({});
    if (capabilities?.HttpUri) {
      throw new LocalRuntimeError(
        'app_load_failed',
        'The app enables HTTP streaming (app.setup({ enableHttpStream: true })), which the local runtime does not serve.',
      );
    }
    const invoker = new Invoker(registrations, logger, options.onInvocation);
    const clients = new StorageClients();
    const outputs = new OutputBindings(clients, settings, host, logger);
    const drivers: TriggerDriver[] = [];
    const hostId = settings[HOST_ID_SETTING] || 'local';
    const blobFns = registrations.byTrigger('blobTrigger');
    if (blobFns.length > 0) {
      const hosts = clients
        .blob(storageConnectionString(DEFAULT_STORAGE_SETTING, settings, 'Blob receipts'))
        .getContainerClient(HOSTS_CONTAINER);
      const receipts = new BlobReceipts(hosts, hostId);
      const scanIntervalMs = options.blobScanIntervalMs;
      drivers.push(
        new BlobTriggerDriver({
          functions: blobFns,
          invoker,
          outputs,
          clients,
          receipts,
          settings,
          host,
          logger,
          scanIntervalMs,
        }),
      );
    }
    const queueFns = registrations.byTrigger('queueTrigger');
    if (queueFns.length > 0) {
      drivers.push(
        new QueueTriggerDriver({
          functions: queueFns,
          invoker,
          outputs,
          clients,
          settings,
          host,
          logger,
          leaseSeconds: options.queueLeaseSeconds,
        }),
      );
    }
    const serviceBusFns = registrations.byTrigger('serviceBusTrigger');
    if (serviceBusFns.length > 0) {
      drivers.push(
        new ServiceBusTriggerDriver({ functions: serviceBusFns, invoker, outputs, settings, host, logger }),
      );
    }
    const timerFns = registrations.byTrigger('timerTrigger');
    if (timerFns.length > 0) {
      const storage = settings[DEFAULT_STORAGE_SETTING];
      const status = storage
        ? new TimerStatusStore(clients.blob(storage).getContainerClient(HOSTS_CONTAINER), hostId)
        : undefined;
      drivers.push(new TimerDriver({ functions: timerFns, invoker, settings, logger, status }));
    }
    const driven = new Set(['httpTrigger', ...drivers.map((d) => d.triggerType)]);
    for (const fn of registrations.list()) {
      if (!driven.has(fn.trigger.type))
        logger.warn(`[${fn.metadata.name}] ${fn.trigger.type} is not driven by the local runtime.`);
    }

    const ref: { runtime?: LocalRuntime } = {}; // the admin routes need the runtime they belong to
    const routes = buildHttpRoutes(registrations, settings);
    const http = new LocalHttpServer({
      port: options.port ?? DEFAULT_HTTP_PORT,
      routePrefix: host.routePrefix,
      routes,
      homePath: homePathOf(routes, host.routePrefix),
      settings,
      invoker,
      admin: createAdminRoutes({
        registrations,
        settings,
        routePrefix: host.routePrefix,
        baseUrl: () => ref.runtime?.url ?? '',
        runOnDemand: (fn, input) => ref.runtime?.runOnDemand(fn.metadata.name, input) ?? false,
      }),
    });
    const appDir = path.dirname(path.resolve(options.entry));
    await invoker.runAppHooks('appStart', appDir);
    const port = await http.start();
    const runtime = new LocalRuntime(registrations, invoker, http, appDir, logger, port);
    ref.runtime = runtime;
    try {
      for (const driver of drivers) {
        await driver.start();
        runtime.#drivers.push(driver);
      }
    } catch (err) {
      await runtime.stop();
      throw err;
    }
    return runtime;
  }

  /**
   * Starts a non-HTTP function with `input` (a queue message, a blob path "container/name", or
   * nothing for a timer), as the admin endpoint does. False when it cannot be run that way.
   */
  runOnDemand(name: string, input: string): boolean {
    const fn = this.registrations.get(name);
    const driver = fn && this.#drivers.find((d) => d.triggerType === fn.trigger.type);
    if (!fn || !driver || this.#stopping) return false;
    driver.invokeOnDemand(fn, input).catch((err: unknown) => {
      this.logger.error(`[${fn.metadata.name}] on-demand run failed: ${(err as Error).message}`);
    });
    return true;
  }

  /** Stops accepting work, lets running invocations finish, then runs appTerminate hooks. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await Promise.all([this.http.stop(), ...this.#drivers.map((d) => d.stop())]);
      await this.invoker.drain();
      await this.invoker.runAppHooks('appTerminate', this.appDir);
    })();
    return this.#stopping;
  }
}

/**
 * Where `GET /` leads: the app's dashboard when it serves one. In Azure the host keeps `/` for
 * its own page and routes live under the prefix, so the dashboard's address there is
 * `/api/dashboard/`; locally `/` redirects to it for convenience.
 */
function homePathOf(routes: HttpRoute[], routePrefix: string): string | undefined {
  if (findRoute(routes, 'GET', '/dashboard/').kind !== 'found') return undefined;
  return `${routePrefix === '' ? '' : `/${routePrefix}`}/dashboard/`;
}
