// Telemetry through the real Application Insights SDK, received by a local HTTPS ingestion sink:
// the app run in the local runtime (in a child process) reports training, validation, version
// events, predictions and a failed invocation; without a connection string the SDK stays unloaded.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapters } from '../../../src/platform/adapters';
import { loadConfig } from '../../../src/platform/config';
import { NO_TELEMETRY } from '../../../src/platform/ports/telemetry';
import { isolatedAppSettings, emulatorEnv } from '../../support/settings';
import { TAXI_SPEC, taxiCsv } from '../../support/taxi-data';
import { TAXI_ROW } from '../../serving/predict/served-versions';
import { opensslAvailable, startIngestionSink, type Envelope, type IngestionSink } from './ingestion-sink';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CHILD = path.join(__dirname, 'fixtures', 'instrumented-app.cjs');
const hasOpenssl = opensslAvailable();
if (!hasOpenssl && process.env.CI === 'true')
  throw new Error('openssl is required when CI=true (apt-get install openssl)');

/** Runs `node` on a script, resolving its stdout; rejects with stderr on a non-zero exit. */
function runNode(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

/** Metric envelopes as name → {value, count, properties}. */
function metrics(envelopes: Envelope[]) {
  return envelopes
    .filter((e) => e.data.baseType === 'MetricData')
    .map((e) => {
      const [m] = e.data.baseData.metrics as { name: string; value: number; count: number }[];
      return { name: m!.name, value: m!.value, count: m!.count, properties: e.data.baseData.properties };
    });
}

describe.skipIf(!hasOpenssl)('Application Insights telemetry', () => {
  let sink: IngestionSink;
  beforeAll(async () => {
    sink = await startIngestionSink();
  });
  afterAll(() => sink?.close());

  it('sends metrics, version events and an exception with the invocation id from the running app', async () => {
    const model = 'taxi';
    const settings: Record<string, string> = {
      ...emulatorEnv(),
      LOCAL_FUNCTION_KEY: 'test-function-key',
      LOCAL_ADMIN_KEY: 'test-admin-key',
      ...isolatedAppSettings(),
      // Polled until served: an alias read before the promotion must not be trusted for long.
      ALIAS_CACHE_SECONDS: '0',
      APPLICATIONINSIGHTS_CONNECTION_STRING: sink.connectionString,
    };
    // The data is dropped before the app starts: its first blob scan trains it.
    const { blobs } = createAdapters(loadConfig(settings));
    const spec = { ...TAXI_SPEC, params: { nEstimators: 10 } };
    await blobs.upload(settings.DATASETS_CONTAINER!, `${model}/model.json`, JSON.stringify(spec));
    await blobs.upload(settings.DATASETS_CONTAINER!, `${model}/a.csv`, taxiCsv({ days: 10, zones: 2 }));

    const out = await runNode([CHILD, JSON.stringify({ settings, model, row: TAXI_ROW })], {
      NODE_EXTRA_CA_CERTS: sink.caFile,
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    });
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as {
      version: number;
      failedInvocationId: string;
    };
    expect(result.version).toBe(1);
    expect(sink.paths.every((p) => /^\/v2(\.1)?\/track$/.test(p))).toBe(true);

    const got = metrics(sink.envelopes);
    const served = { model, version: '1' };
    expect(got).toContainEqual({ name: 'PredictionRows', value: 2, count: 1, properties: served });
    expect(got).toContainEqual(
      expect.objectContaining({ name: 'PredictionLatencyMs', count: 1, properties: served }),
    );
    expect(got).toContainEqual(
      expect.objectContaining({ name: 'TrainingDurationMs', properties: { ...served, algorithm: 'gbdt' } }),
    );
    expect(got).toContainEqual(
      expect.objectContaining({ name: 'ValidationDurationMs', properties: { ...served, passed: 'true' } }),
    );

    const events = sink.envelopes
      .filter((e) => e.data.baseType === 'EventData')
      .map((e) => [e.data.baseData.name, e.data.baseData.properties]);
    expect(events).toEqual([
      ['VersionRegistered', expect.objectContaining({ ...served, source: 'trained' })],
      ['VersionPromoted', expect.objectContaining({ ...served, trigger: 'validation' })],
    ]);

    const exceptions = sink.envelopes.filter((e) => e.data.baseType === 'ExceptionData');
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]!.data.baseData.properties).toEqual({
      invocationId: result.failedInvocationId,
      functionName: 'validateCandidate',
      outcome: 'failed',
      code: expect.any(String),
    });
    const [exception] = exceptions[0]!.data.baseData.exceptions as { message: string }[];
    expect(exception!.message).toMatch(/validate-requests/);
    // The connection string alone: no Entra ID token.
    expect(sink.authorizations.every((a) => a === '')).toBe(true);
  }, 180_000);

  it('sends with an Entra ID token of the managed identity when APPLICATIONINSIGHTS_AUTHENTICATION_STRING says AAD', async () => {
    // The identity is stood in for by a credential that hands out a fixed token.
    const script = [
      `const { loadConfig } = require('./dist/src/platform/config');`,
      `const { telemetryClient } = require('./dist/src/platform/telemetry/create-telemetry');`,
      `const asked = [];`,
      `const credential = { getToken: async (scopes) => (asked.push(scopes), { token: 'identity-token', expiresOnTimestamp: Date.now() + 3600e3 }) };`,
      `const access = loadConfig(JSON.parse(process.argv[1])).applicationInsights;`,
      `const client = telemetryClient(access, (clientId) => (asked.push(clientId), credential));`,
      `client.trackEvent({ name: 'IdentityProbe' });`,
      // Exits once flushed: with a credential the exporter keeps the process alive ~20 s more.
      `client.flush().then(() => (console.log(JSON.stringify(asked)), process.exit(0)));`,
    ].join('\n');
    const clientId = '11111111-1111-4111-8111-111111111111';
    const settings = {
      ...emulatorEnv(),
      APPLICATIONINSIGHTS_CONNECTION_STRING: sink.connectionString,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `ClientId=${clientId};Authorization=AAD`,
    };
    const seen = sink.authorizations.length;
    const out = await runNode(['-e', script, JSON.stringify(settings)], {
      NODE_EXTRA_CA_CERTS: sink.caFile,
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual([
      clientId,
      ['https://monitor.azure.com/.default'],
    ]);
    const sent = sink.authorizations.slice(seen);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((a) => a === 'Bearer identity-token')).toBe(true);
    expect(sink.envelopes.map((e) => e.data.baseData.name)).toContain('IdentityProbe');
  }, 60_000);
});

describe('telemetry switched off', () => {
  const probe = (connectionString: string) =>
    [
      `const { createAdapters } = require('./dist/src/platform/adapters');`,
      `const { loadConfig } = require('./dist/src/platform/config');`,
      `const { NO_TELEMETRY } = require('./dist/src/platform/ports/telemetry');`,
      `const env = { ...JSON.parse(process.argv[1]), APPLICATIONINSIGHTS_CONNECTION_STRING: ${JSON.stringify(connectionString)} };`,
      `const adapters = createAdapters(loadConfig(env));`,
      `const loaded = Object.keys(require.cache).some((f) => f.includes('node_modules/applicationinsights/'));`,
      `console.log(JSON.stringify({ loaded, off: adapters.telemetry === NO_TELEMETRY }));`,
    ].join('\n');
  const run = (connectionString: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['-e', probe(connectionString), JSON.stringify(emulatorEnv())], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true' },
      }),
    ) as { loaded: boolean; off: boolean };

  it('without a connection string uses NO_TELEMETRY and never loads the SDK', () => {
    expect(createAdapters(loadConfig(emulatorEnv())).telemetry).toBe(NO_TELEMETRY);
    expect(run('')).toEqual({ loaded: false, off: true });
    // The probe can tell: with a connection string the SDK is loaded.
    expect(run('InstrumentationKey=00000000-0000-0000-0000-000000000000')).toEqual({
      loaded: true,
      off: false,
    });
  });
});
