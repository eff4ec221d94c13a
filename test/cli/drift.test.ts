// `mlops drift` and `mlops logs` against a stand-in answering the agreed drift-history shape
// (the app's own drift route is tested where it is built; this checks how the CLI shows it).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const CHECK = {
  id: 'drift:2026-11-27T10:15:00.000Z',
  createdAt: '2026-11-27T10:15:03.120Z',
  version: 3,
  status: 'drift',
  window: { from: '2026-11-27T10:00:00.000Z', to: '2026-11-27T10:15:00.000Z' },
  rows: 1200,
  report: {
    rows: 1200,
    verdict: 'drift',
    driftedShare: 0.5,
    driftedTopFeatures: ['temperature_c'],
    features: { zone: { drifted: false, score: 0 }, temperature_c: { drifted: true, score: 2 } },
  },
  liveError: { metric: 'rmse', value: 41.2, baseline: 20.1, limit: 30.15, breached: true, matched: 900 },
  retrain: { sent: true, trigger: 'drift', reason: '1 of 2 features drifted' },
};
const QUALITY = {
  ...CHECK,
  id: 'drift:2026-11-27T11:15:00.000Z',
  createdAt: '2026-11-27T11:15:02.000Z',
  status: 'data_quality',
  report: {
    rows: 800,
    verdict: 'data_quality',
    verdictReason: 'missing or unreadable values beyond the training rate on top input temperature_c',
    driftedShare: 0,
    driftedTopFeatures: [],
    qualityBreaches: ['temperature_c'],
    features: { zone: { drifted: false, score: 0 }, temperature_c: { drifted: false, score: null } },
    quality: { temperature_c: { missingRate: 0.75, unreadableRate: 0.25, trainingMissingRate: 0.02 } },
  },
  liveError: null,
  retrain: null,
};
const THIN = {
  ...CHECK,
  id: 'drift:2026-11-27T12:15:00.000Z',
  createdAt: '2026-11-27T12:15:02.000Z',
  status: 'not_enough_data',
  rows: 8,
  report: {
    rows: 8,
    verdict: 'not_enough_data',
    verdictReason: '8 rows checked, fewer than minSamples (200)',
    features: { zone: { drifted: false, score: null }, temperature_c: { drifted: false, score: null } },
  },
  liveError: null,
  retrain: null,
};
const RUN = {
  id: 'run-1',
  model: 'taxi',
  status: 'failed',
  stage: 'validate',
  queuedAt: '2026-11-27T09:00:00.000Z',
  startedAt: '2026-11-27T09:00:01.000Z',
  finishedAt: '2026-11-27T09:00:09.000Z',
  trigger: { kind: 'data', blobName: 'taxi/week.csv' },
  error: { code: 'gate_failed', message: 'rmse 31 is above 25' },
};

let server: Server;
let url: string;
const keys: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    keys.push(req.headers['x-functions-key'] as string | undefined);
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.url?.startsWith('/api/models/taxi/drift'))
      send(200, { model: 'taxi', items: [THIN, QUALITY, CHECK] });
    else if (req.url?.startsWith('/api/models/taxi/runs')) send(200, { items: [RUN] });
    else send(404, { error: { code: 'model_not_found', message: 'Model "other" not found' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('mlops drift', () => {
  it('shows each check as a row: verdict, drifted features, live error, retrain', async () => {
    const out = await runCli(['drift', 'taxi', '--url', url, '--key', 'k1']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const [heading, , thin, quality, row] = out.stdout.split('\n');
    expect(heading).toMatch(
      /^CHECKED\s+VERSION\s+VERDICT\s+ROWS\s+DRIFTED FEATURES\s+DATA QUALITY\s+LIVE ERROR\s+RETRAIN$/,
    );
    expect(row).toMatch(
      /^2026-11-27T10:15:03\.120Z\s+3\s+drift\s+1200\s+1 of 2: temperature_c\s+-\s+rmse 41\.2 BREACHED \(limit 30\.15, baseline 20\.1\)\s+asked \(drift\)$/,
    );
    expect(quality).toMatch(
      /^2026-11-27T11:15:02\.000Z\s+3\s+data_quality\s+1200\s+0 of 2\s+temperature_c 100% missing or unreadable \(training 2%\)\s+-\s+-$/,
    );
    // Not enough data says why instead of counting drifted features it could not score.
    expect(thin).toMatch(
      /^2026-11-27T12:15:02\.000Z\s+3\s+not_enough_data\s+8\s+8 rows checked, fewer than minSamples \(200\)\s+-\s+-\s+-$/,
    );
    expect(keys.at(-1)).toBe('k1');
  });

  it('prints the answer as it came with --json', async () => {
    const out = await runCli(['drift', 'taxi', '--json', '--url', url]);
    expect(JSON.parse(out.stdout)).toEqual({ model: 'taxi', items: [THIN, QUALITY, CHECK] });
  });

  it('exits 1 with the app message for an unknown model', async () => {
    const out = await runCli(['drift', 'other', '--url', url]);
    expect(out).toEqual({
      code: 1,
      stdout: '',
      stderr: 'mlops: Model "other" not found (404 model_not_found)\n',
    });
  });
});

describe('mlops logs', () => {
  it('merges runs and drift checks, newest first, with the failure reason', async () => {
    const out = await runCli(['logs', 'taxi', '--url', url]);
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n').filter(Boolean)).toEqual([
      '2026-11-27T12:15:02.000Z  drift  version 3: not_enough_data; 8 rows checked, fewer than minSamples (200)',
      '2026-11-27T11:15:02.000Z  drift  version 3: data_quality; 0 of 2; data quality: temperature_c 100% missing or unreadable (training 2%)',
      '2026-11-27T10:15:03.120Z  drift  version 3: drift; 1 of 2: temperature_c; retrain asked (drift)',
      '2026-11-27T09:00:09.000Z  run    run-1 FAILED at stage validate: gate_failed: rmse 31 is above 25',
      '2026-11-27T09:00:00.000Z  run    run-1 queued (taxi/week.csv)',
    ]);
  });
});
