// What the Functions host will see: the compiled entry (package.json main) loaded through the
// host API stand-in, every function's trigger and bindings checked against the contract.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFunctionApp } from '../../src/local/app-loader';
import { resolveSettingReferences } from '../../src/local/app-settings';
import { compileBlobPath } from '../../src/local/triggers/blob-path-pattern';
import type { RegisteredFunction, Registrations } from '../../src/local/registrations';

const ROOT = path.resolve(__dirname, '..', '..');
const entry = path.join(
  ROOT,
  (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main,
);
const sample = (
  JSON.parse(readFileSync(path.join(ROOT, 'local.settings.sample.json'), 'utf8')) as {
    Values: Record<string, string>;
  }
).Values;

/**
 * One row per function: its trigger as the host sees it. A new function needs a row here,
 * so a change to what Azure will run is a reviewed change.
 */
const EXPECTED: Record<string, Record<string, unknown>> = {
  health: { type: 'httpTrigger', route: 'health', methods: ['GET'], authLevel: 'anonymous' },
  healthDetails: { type: 'httpTrigger', route: 'health/details', methods: ['GET'], authLevel: 'function' },
  listRuns: { type: 'httpTrigger', route: 'models/{model}/runs', methods: ['GET'], authLevel: 'function' },
  listVersions: {
    type: 'httpTrigger',
    route: 'models/{model}/versions',
    methods: ['GET'],
    authLevel: 'function',
  },
  getVersion: {
    type: 'httpTrigger',
    route: 'models/{model}/versions/{version}',
    methods: ['GET'],
    authLevel: 'function',
  },
  predict: { type: 'httpTrigger', route: 'models/{model}/predict', methods: ['POST'], authLevel: 'function' },
  listModels: { type: 'httpTrigger', route: 'models', methods: ['GET'], authLevel: 'function' },
  getModel: { type: 'httpTrigger', route: 'models/{model}', methods: ['GET'], authLevel: 'function' },
  getArtifact: {
    type: 'httpTrigger',
    route: 'models/{model}/versions/{version}/artifact',
    methods: ['GET'],
    authLevel: 'function',
  },
  setProductionAlias: {
    type: 'httpTrigger',
    route: 'models/{model}/aliases/production',
    methods: ['POST'],
    authLevel: 'anonymous',
  },
  setChallengerAlias: {
    type: 'httpTrigger',
    route: 'models/{model}/aliases/challenger',
    methods: ['POST'],
    authLevel: 'anonymous',
  },
  retireChallenger: {
    type: 'httpTrigger',
    route: 'models/{model}/aliases/challenger',
    methods: ['DELETE'],
    authLevel: 'anonymous',
  },
  putSpec: { type: 'httpTrigger', route: 'models/{model}/spec', methods: ['PUT'], authLevel: 'anonymous' },
  postFeedback: {
    type: 'httpTrigger',
    route: 'models/{model}/feedback',
    methods: ['POST'],
    authLevel: 'anonymous',
  },
  openapi: { type: 'httpTrigger', route: 'openapi.json', methods: ['GET'], authLevel: 'function' },
  getDriftHistory: {
    type: 'httpTrigger',
    route: 'models/{model}/drift',
    methods: ['GET'],
    authLevel: 'function',
  },
  monitorDrift: { type: 'timerTrigger', schedule: '%DRIFT_SCHEDULE%' },
  checkModelDrift: { type: 'queueTrigger', queueName: '%DRIFT_QUEUE%', connection: 'AzureWebJobsStorage' },
  postRetrain: {
    type: 'httpTrigger',
    route: 'models/{model}/retrain',
    methods: ['POST'],
    authLevel: 'anonymous',
  },
  assembleRetrainSet: {
    type: 'queueTrigger',
    queueName: '%RETRAIN_QUEUE%',
    connection: 'AzureWebJobsStorage',
  },
  dashboard: { type: 'httpTrigger', route: 'dashboard/{*path}', methods: ['GET'], authLevel: 'anonymous' },
  trainOnDataDrop: {
    type: 'blobTrigger',
    path: '%DATASETS_CONTAINER%/{model}/{name}',
    connection: 'AzureWebJobsStorage',
    source: 'LogsAndContainerScan',
  },
  validateCandidate: {
    type: 'queueTrigger',
    queueName: '%VALIDATE_QUEUE%',
    connection: 'AzureWebJobsStorage',
  },
  registerVersion: { type: 'queueTrigger', queueName: '%REGISTER_QUEUE%', connection: 'AzureWebJobsStorage' },
  ingestUploadedModel: {
    type: 'blobTrigger',
    path: '%INCOMING_MODELS_CONTAINER%/{model}/{name}',
    connection: 'AzureWebJobsStorage',
    source: 'LogsAndContainerScan',
  },
  scoreDrop: {
    type: 'blobTrigger',
    path: '%SCORING_CONTAINER%/{model}/{name}',
    connection: 'AzureWebJobsStorage',
    source: 'LogsAndContainerScan',
  },
};

let app: Registrations;

beforeAll(() => {
  if (!existsSync(entry))
    throw new Error(`${path.relative(ROOT, entry)} is missing: run \`npm run build\` first.`);
  // The host exposes app settings as environment variables before it loads the entry.
  for (const [name, value] of Object.entries(sample)) process.env[name] ??= value;
  app = loadFunctionApp(entry);
});

const describeFn = (fn: RegisteredFunction): string => `${fn.metadata.name} (${fn.trigger.type})`;

describe('registrations of the compiled entry', () => {
  it('registers exactly the functions of the table', () => {
    const registered = app.list().map((fn) => fn.metadata.name);
    const missing = registered.filter((name) => !(name in EXPECTED));
    expect(missing, 'functions without a row in EXPECTED (test/local/registration.test.ts)').toEqual([]);
    expect(registered.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s has the expected trigger', (name, trigger) => {
    const fn = app.get(name);
    expect(fn, `function ${name} is not registered`).toBeDefined();
    expect(fn!.trigger).toMatchObject({ direction: 'in', ...trigger });
  });

  it('gives every function exactly one trigger', () => {
    for (const fn of app.list()) {
      const triggers = Object.values(fn.metadata.bindings).filter((b) => String(b.type).endsWith('Trigger'));
      expect(triggers, describeFn(fn)).toHaveLength(1);
    }
  });

  it('refers only to app settings documented in local.settings.sample.json', () => {
    for (const fn of app.list()) {
      for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
        for (const [option, value] of Object.entries(binding)) {
          if (typeof value !== 'string') continue;
          expect(() =>
            resolveSettingReferences(value, sample, `${fn.metadata.name}.${name}.${option}`),
          ).not.toThrow();
          if (option === 'connection' && value !== '')
            expect(Object.keys(sample), describeFn(fn)).toContain(value);
        }
      }
    }
  });

  // Feedback and operate routes are anonymous to the host: the app checks their role (see
  // test/serving/auth/roles-http.test.ts).
  it('serves HTTP functions on explicit routes with keys (health, the dashboard shell and role-checked routes are anonymous) and an http output', () => {
    const seen = new Set<string>();
    for (const fn of app.byTrigger('httpTrigger')) {
      const { route, methods, authLevel } = fn.trigger;
      expect(typeof route === 'string' && route.length > 0, `${describeFn(fn)} route`).toBe(true);
      expect(Array.isArray(methods) && methods.length > 0, `${describeFn(fn)} methods`).toBe(true);
      expect(authLevel === 'anonymous' ? fn.metadata.name : authLevel, describeFn(fn)).toMatch(
        /^(health|dashboard|postFeedback|setProductionAlias|setChallengerAlias|retireChallenger|putSpec|postRetrain|function|admin)$/,
      );
      expect(fn.metadata.bindings.$return, describeFn(fn)).toMatchObject({ type: 'http', direction: 'out' });
      for (const method of methods as string[]) {
        const key = `${method} ${String(route).toLowerCase()}`;
        expect(seen.has(key), `two functions answer ${key}`).toBe(false);
        seen.add(key);
      }
    }
  });

  it('gives blob triggers a literal container and queue triggers a queue name', () => {
    for (const fn of app.byTrigger('blobTrigger')) {
      expect(() =>
        compileBlobPath(resolveSettingReferences(String(fn.trigger.path), sample, 'path')),
      ).not.toThrow();
    }
    for (const fn of app.byTrigger('queueTrigger')) {
      expect(resolveSettingReferences(String(fn.trigger.queueName ?? ''), sample, 'queueName')).toMatch(
        /^[a-z0-9-]{3,63}$/,
      );
    }
  });

  it('registers blob triggers with the source BLOB_TRIGGER_SOURCE names (Event Grid in Azure)', () => {
    const before = process.env.BLOB_TRIGGER_SOURCE;
    process.env.BLOB_TRIGGER_SOURCE = 'EventGrid';
    try {
      const inAzure = loadFunctionApp(entry);
      const sources = inAzure.byTrigger('blobTrigger').map((fn) => [fn.metadata.name, fn.trigger.source]);
      expect(sources.sort()).toEqual([
        ['ingestUploadedModel', 'EventGrid'],
        ['scoreDrop', 'EventGrid'],
        ['trainOnDataDrop', 'EventGrid'],
      ]);
      process.env.BLOB_TRIGGER_SOURCE = 'Polling';
      expect(() => loadFunctionApp(entry)).toThrow(
        'BLOB_TRIGGER_SOURCE: invalid value "Polling"; expected "LogsAndContainerScan" or "EventGrid"',
      );
    } finally {
      if (before === undefined) delete process.env.BLOB_TRIGGER_SOURCE;
      else process.env.BLOB_TRIGGER_SOURCE = before;
    }
  });

  it('gives timers a valid six-field NCRONTAB schedule', () => {
    for (const fn of app.byTrigger('timerTrigger')) {
      const schedule = resolveSettingReferences(String(fn.trigger.schedule), sample, 'schedule');
      expect(schedule.trim().split(/\s+/), describeFn(fn)).toHaveLength(6);
      expect(() => new Cron(schedule, { paused: true, mode: '6-part' }), describeFn(fn)).not.toThrow();
    }
  });
});

describe('registrations with PIPELINE_TRANSPORT=servicebus', () => {
  it('moves every pipeline queue function to a Service Bus trigger on the same queue setting', () => {
    const before = process.env.PIPELINE_TRANSPORT;
    process.env.PIPELINE_TRANSPORT = 'servicebus';
    let onServiceBus: Registrations;
    try {
      onServiceBus = loadFunctionApp(entry);
    } finally {
      if (before === undefined) delete process.env.PIPELINE_TRANSPORT;
      else process.env.PIPELINE_TRANSPORT = before;
    }
    const storageQueues = app.byTrigger('queueTrigger');
    expect(storageQueues.length).toBeGreaterThan(0);
    expect(onServiceBus.byTrigger('queueTrigger')).toEqual([]);
    for (const fn of storageQueues) {
      expect(onServiceBus.get(fn.metadata.name)?.trigger, fn.metadata.name).toMatchObject({
        type: 'serviceBusTrigger',
        direction: 'in',
        queueName: fn.trigger.queueName,
        connection: 'SERVICEBUS_CONNECTION',
        // The SDK binding: the handler settles its message itself (dead-letters data errors).
        autoCompleteMessages: false,
        properties: { supportsDeferredBinding: 'true' },
      });
      // On Storage the host settles: no SDK binding.
      expect(fn.trigger, fn.metadata.name).toMatchObject({
        properties: { supportsDeferredBinding: 'false' },
      });
    }
  });
});
