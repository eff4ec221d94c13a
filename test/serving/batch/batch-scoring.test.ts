// Batch scoring by data drop through the local runtime: a file at scoring/{model}/[v{N}/]{name}
// is scored and written to predictions/{model}/{name} in its format, with the predictions HTTP
// predict gives for the same rows, a run beside the training runs, the rows in the prediction
// log; bad files and bad rows fail or are marked with the reason.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreFile, type ScoreOptions } from '../../../src/cli/score/score-file';
import type { Run } from '../../../src/domain/run';
import { scoringRunIdFor } from '../../../src/serving/batch/scoring-drop';
import { ADMIN_KEY, FUNCTION_KEY } from '../../support/keys';
import { startPipeline, type Pipeline } from '../../support/runtime';
import { taxiCsv, trainTwoTaxiVersions } from '../../support/taxi-data';
import { waitFor } from '../../support/wait';

const MAX_BYTES = 200_000;
let p: Pipeline;

beforeAll(async () => {
  p = await startPipeline({ MAX_DATASET_BYTES: String(MAX_BYTES) });
  await trainTwoTaxiVersions(p);
}, 180_000);
afterAll(() => p?.stop());

type Row = Record<string, string>;
const csvRows = (text: string): Row[] => parse(text, { columns: true }) as Row[];
const FEATURES = ['pickup_hour', 'zone', 'weather', 'temperature_c', 'precipitation_mm', 'is_holiday'];
const inputsOf = (rows: readonly Row[]): Row[] =>
  rows.map((r) => Object.fromEntries(FEATURES.map((f) => [f, r[f]!])));

async function dropFile(model: string, name: string, data: Buffer | string): Promise<Run> {
  const info = await p.adapters.blobs.upload(p.config.containers.scoring, `${model}/${name}`, data);
  return p.finishedRun(model, scoringRunIdFor(`${model}/${name}`, info.etag));
}

async function output(name: string): Promise<Buffer | undefined> {
  const info = await p.adapters.blobs.tryGetProperties(p.config.containers.predictions, name);
  if (!info) return undefined;
  return (await p.adapters.blobs.downloadToBuffer(p.config.containers.predictions, name)).data;
}

async function httpPredict(
  rows: readonly object[],
  query = '',
): Promise<{ version: number; predictions: number[] }> {
  const res = await fetch(`${p.runtime.url}/api/models/taxi/predict${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-functions-key': FUNCTION_KEY },
    body: JSON.stringify({ rows }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { version: number; predictions: number[] };
}

async function batchLogLines(runId: string): Promise<Record<string, unknown>[]> {
  return (await batchLogBlobs(runId)).flatMap((b) => b.lines);
}

/** The prediction-log blobs holding a run's rows, with those rows. */
async function batchLogBlobs(runId: string): Promise<{ name: string; lines: Record<string, unknown>[] }[]> {
  const blobs: { name: string; lines: Record<string, unknown>[] }[] = [];
  for await (const blob of p.adapters.blobs.list(p.config.containers.predictionLogs, 'taxi/')) {
    const { data } = await p.adapters.blobs.downloadToBuffer(p.config.containers.predictionLogs, blob.name);
    const lines: Record<string, unknown>[] = [];
    for (const line of data.toString('utf8').split('\n')) {
      if (line === '') continue;
      const row = JSON.parse(line) as Record<string, unknown>;
      if (row.requestId === runId) lines.push(row);
    }
    if (lines.length > 0) blobs.push({ name: blob.name, lines });
  }
  return blobs;
}

describe('a scoring drop', () => {
  it('scores a CSV with the production version: HTTP predict answers, in order, logged as batch', async () => {
    const csv = taxiCsv({ days: 2, seed: 21 });
    const run = await dropFile('taxi', 'week.csv', csv);
    const input = csvRows(csv);
    const http = await httpPredict(inputsOf(input));
    expect(run).toMatchObject({
      status: 'succeeded',
      version: http.version,
      trigger: { kind: 'scoring', blobName: 'taxi/week.csv' },
      scoring: {
        format: 'csv',
        rows: input.length,
        scored: input.length,
        errorRows: 0,
        output: 'taxi/week.csv',
      },
    });
    const out = csvRows((await output('taxi/week.csv'))!.toString('utf8'));
    expect(out.map((r) => Object.fromEntries(Object.keys(input[0]!).map((c) => [c, r[c]])))).toEqual(input);
    expect(out.map((r) => Number(r.prediction))).toEqual(http.predictions);
    expect(out.every((r) => r.error === '')).toBe(true);

    const logged = await batchLogLines(run.id);
    expect(logged.map((l) => l.row)).toEqual(input.map((_, i) => i));
    expect(logged.every((l) => l.source === 'batch' && l.version === http.version)).toBe(true);
    expect(logged.map((l) => l.prediction)).toEqual(http.predictions);
    // Scored on a worker thread (its log instance names a thread other than the main one, 0),
    // so the file never holds up the HTTP predictions this host serves.
    const names = (await batchLogBlobs(run.id)).map((b) => b.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => /-t[1-9]\d*-batch-/.test(n))).toBe(true);

    const res = await fetch(`${p.runtime.url}/api/models/taxi/runs?code=${FUNCTION_KEY}`);
    const runs = ((await res.json()) as { items: Run[] }).items;
    expect(runs.map((r) => r.trigger?.kind).sort()).toEqual(['data_drop', 'data_drop', 'scoring']);
  });

  it('scores the same blob version once: a re-fired trigger finds its run done', async () => {
    const csv = taxiCsv({ days: 1, seed: 22 });
    const run = await dropFile('taxi', 'again.csv', csv);
    const before = await p.adapters.blobs.getProperties(p.config.containers.predictions, 'taxi/again.csv');
    const res = await fetch(`${p.runtime.url}/admin/functions/scoreDrop`, {
      method: 'POST',
      headers: { 'x-functions-key': ADMIN_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ input: `${p.config.containers.scoring}/taxi/again.csv` }),
    });
    expect(res.status).toBe(202);
    await waitFor('the second invocation', async () =>
      p.logLines.some((l) => l.includes(`taxi/again.csv: already_done (${run.id})`)),
    );
    const after = await p.adapters.blobs.getProperties(p.config.containers.predictions, 'taxi/again.csv');
    expect(after.etag).toBe(before.etag);
    expect((await batchLogLines(run.id)).length).toBe(csvRows(csv).length);
  });

  it('scores JSON Lines with a pinned version; a wrong type and a missing feature mark their rows', async () => {
    const rows: Record<string, unknown>[] = inputsOf(csvRows(taxiCsv({ days: 1, seed: 23 }))).slice(0, 5);
    rows[1] = { ...rows[1], temperature_c: 'warm' };
    const { zone: _zone, ...noZone } = rows[3]!;
    rows[3] = noZone;
    const run = await dropFile('taxi', 'v1/rows.jsonl', `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    expect(run).toMatchObject({
      status: 'succeeded',
      version: 1,
      scoring: { rows: 5, scored: 3, errorRows: 2 },
    });
    const out = (await output('taxi/rows.jsonl'))!
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const good = [0, 2, 4];
    const http = await httpPredict(
      good.map((i) => rows[i]!),
      '?version=1',
    );
    expect(good.map((i) => out[i]!.prediction)).toEqual(http.predictions);
    expect(out[1]).toMatchObject({
      prediction: null,
      error: 'Feature "temperature_c" must be a number, got "warm"',
    });
    expect(out[3]).toMatchObject({
      prediction: null,
      error: 'Feature "zone" is missing (send null for an unknown value)',
    });
    expect(out.map((r) => r.temperature_c)).toEqual(rows.map((r) => r.temperature_c));
  });

  it('scores Parquet into Parquet with the input columns and a prediction column', async () => {
    const input = inputsOf(csvRows(taxiCsv({ days: 1, seed: 24 })));
    const parquet = parquetWriteBuffer({
      columnData: [
        ...['pickup_hour', 'zone', 'weather'].map((name) => ({ name, data: input.map((r) => r[name]!) })),
        ...['temperature_c', 'precipitation_mm'].map((name) => ({
          name,
          data: input.map((r) => Number(r[name])),
          type: 'DOUBLE' as const,
        })),
        { name: 'is_holiday', data: input.map((r) => r.is_holiday === 'true') },
      ],
    });
    const run = await dropFile('taxi', 'day.parquet', Buffer.from(parquet));
    expect(run).toMatchObject({
      status: 'succeeded',
      scoring: { format: 'parquet', rows: input.length, errorRows: 0 },
    });
    const bytes = (await output('taxi/day.parquet'))!;
    const out = await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    });
    const http = await httpPredict(inputsOf(csvRows(taxiCsv({ days: 1, seed: 24 }))));
    expect(out.map((r) => r.prediction as number)).toEqual(http.predictions);
    expect(out.map((r) => r.zone as string)).toEqual(input.map((r) => r.zone));
    expect(out.every((r) => r.error === null)).toBe(true);
  });

  it('marks every row when a feature column is missing', async () => {
    const csv = taxiCsv({ days: 1, seed: 25 })
      .split('\n')
      .map((line) =>
        line
          .split(',')
          .filter((_, i) => i !== 1)
          .join(','),
      )
      .join('\n');
    const run = await dropFile('taxi', 'nozone.csv', csv);
    const n = csvRows(csv).length;
    expect(run).toMatchObject({ status: 'succeeded', scoring: { rows: n, scored: 0, errorRows: n } });
    const out = csvRows((await output('taxi/nozone.csv'))!.toString('utf8'));
    expect(new Set(out.map((r) => `${r.prediction}|${r.error}`))).toEqual(
      new Set(['|Feature "zone" is missing (send null for an unknown value)']),
    );
  });
});

describe('a scoring drop with a challenger on trial', () => {
  it("logs the challenger's predictions of every row beside production's, as shadow rows", async () => {
    const production = (await p.adapters.registry.getAlias('taxi', 'production'))!.version;
    const other = production === 1 ? 2 : 1;
    const before = (await p.adapters.registry.getVersion('taxi', other))!.status;
    await p.adapters.registry.updateVersion('taxi', other, { status: 'challenger' });
    const trial = {
      mode: 'shadow',
      since: new Date().toISOString(),
      against: production,
      origin: 'manual',
    } as const;
    await p.adapters.registry.setAlias('taxi', 'challenger', other, null, 'batch test', trial);
    try {
      const csv = taxiCsv({ days: 1, seed: 23 });
      const run = await dropFile('taxi', 'trial.csv', csv);
      const input = csvRows(csv);
      expect(run).toMatchObject({
        status: 'succeeded',
        version: production,
        scoring: { rows: input.length, scored: input.length, shadowVersion: other },
      });
      const logged = await batchLogLines(run.id);
      const answered = logged.filter((l) => l.shadow === undefined);
      const shadow = logged.filter((l) => l.shadow === true);
      expect(answered.map((l) => [l.row, l.version])).toEqual(input.map((_, i) => [i, production]));
      expect(shadow.map((l) => [l.row, l.version])).toEqual(input.map((_, i) => [i, other]));
      const pinned = await httpPredict(inputsOf(input), `?version=${other}`);
      expect(shadow.map((l) => l.prediction)).toEqual(pinned.predictions);
      // The output file holds production's predictions only.
      const out = csvRows((await output('taxi/trial.csv'))!.toString('utf8'));
      expect(out.map((r) => Number(r.prediction))).toEqual(answered.map((l) => l.prediction));
    } finally {
      const alias = await p.adapters.registry.getAlias('taxi', 'challenger');
      if (alias) await p.adapters.registry.deleteAlias('taxi', 'challenger', alias.etag);
      await p.adapters.registry.updateVersion('taxi', other, { status: before });
    }
  });
});

describe('a scoring drop that cannot be scored fails its run with the reason and writes nothing', () => {
  const csv = taxiCsv({ days: 1, seed: 26 });
  it.each([
    [
      'an unknown model',
      'ghost',
      'a.csv',
      csv,
      'model_not_found',
      'No such model "ghost": it has no versions and no spec',
    ],
    [
      'a model without a production version',
      'nopro',
      'a.csv',
      csv,
      'no_production_version',
      'Model "nopro" has no production version yet: promote one, or pin a version by dropping the file under nopro/v{N}/',
    ],
    [
      'a pinned version that does not exist',
      'taxi',
      'v99/a.csv',
      csv,
      'version_not_found',
      'Model "taxi" has no version 99',
    ],
    [
      'binary garbage',
      'taxi',
      'garbage.csv',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10]),
      'corrupt',
      'The file is binary, not text: NUL byte at byte offset 4 (line 1)',
    ],
    [
      'a file over the size limit',
      'taxi',
      'huge.csv',
      taxiCsv({ days: 10, seed: 27 }).repeat(5),
      'too_large',
      `taxi/huge.csv is ${Buffer.byteLength(taxiCsv({ days: 10, seed: 27 }).repeat(5))} bytes, over the limit of ${MAX_BYTES} bytes (MAX_DATASET_BYTES)`,
    ],
  ])('%s', async (_what, model, name, data, code, message) => {
    if (model === 'nopro') await p.adapters.registry.putSpec('nopro', { target: 'trips' });
    const run = await dropFile(model, name, data);
    expect(run).toMatchObject({ status: 'failed', trigger: { kind: 'scoring' }, error: { code, message } });
    expect(await output(`${model}/${name.replace(/^v\d+\//, '')}`)).toBeUndefined();
  });
});

describe('mlops score', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-score-'));
  const options = (overrides: Partial<ScoreOptions> = {}): ScoreOptions => ({
    url: p.runtime.url,
    key: FUNCTION_KEY,
    connectionString: p.config.storage.kind === 'connectionString' ? p.config.storage.connectionString : '',
    scoringContainer: p.config.containers.scoring,
    predictionsContainer: p.config.containers.predictions,
    intervalMs: 100,
    ...overrides,
  });

  it('uploads a file, follows the run and downloads its predictions', async () => {
    const csv = taxiCsv({ days: 1, seed: 31 });
    const file = path.join(dir, 'cli.csv');
    writeFileSync(file, csv);
    const lines: string[] = [];
    const result = await scoreFile('taxi', file, options({ version: 1 }), (l) => lines.push(l));
    expect(result.out).toBe(path.join(dir, 'cli.predictions.csv'));
    const http = await httpPredict(inputsOf(csvRows(csv)), '?version=1');
    expect(csvRows(readFileSync(result.out, 'utf8')).map((r) => Number(r.prediction))).toEqual(
      http.predictions,
    );
    expect(lines[0]).toBe(
      `uploaded ${p.config.containers.scoring}/taxi/v1/cli.csv (${Buffer.byteLength(csv)} bytes)`,
    );
    expect(lines.at(-1)).toBe(
      `run ${result.runId} succeeded: ${csvRows(csv).length} rows scored by version 1; wrote ${result.out}`,
    );
  });

  it('fails with the run reason and writes no file', async () => {
    const file = path.join(dir, 'ghost.csv');
    writeFileSync(file, taxiCsv({ days: 1, seed: 32 }));
    await expect(scoreFile('taxi', file, options({ version: 42 }), () => undefined)).rejects.toThrow(
      /^run score-[0-9a-f]{24} failed \(version_not_found\): Model "taxi" has no version 42$/,
    );
    expect(existsSync(path.join(dir, 'ghost.predictions.csv'))).toBe(false);
  });
});
