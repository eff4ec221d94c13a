// The read, promote and predict commands of the compiled CLI against the local runtime (real
// emulators), with a model trained by an upload; each failure kind exits 1 with one line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadDataDrop } from '../../src/cli/commands/upload';
import { runIdFor } from '../../src/domain/ids';
import { FUNCTION_KEY, OPERATOR_KEY, TEST_KEYS } from '../support/keys';
import { startPipeline, type Pipeline } from '../support/runtime';
import { uniqueName } from '../support/settings';
import { TAXI_SPEC, taxiCsv, withBlankTargets } from '../support/taxi-data';
import { closedPort, runCli, type CliResult } from './run-cli';

const dir = mkdtempSync(path.join(tmpdir(), 'mlops-cli-'));
const file = (name: string, text: string): string => {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
const model = uniqueName('taxi');
let p: Pipeline;
let csv: string;

beforeAll(async () => {
  p = await startPipeline();
  const storage = p.config.storage.kind === 'connectionString' ? p.config.storage.connectionString : '';
  // The last 12 rows lack their target: the run and version say so.
  csv = withBlankTargets(taxiCsv({ days: 10, zones: 2 }), 12);
  await uploadDataDrop(
    file('train.csv', csv),
    {
      model,
      spec: file('spec.json', JSON.stringify(TAXI_SPEC)),
      url: p.runtime.url,
      key: FUNCTION_KEY,
      connectionString: storage,
      container: p.config.containers.datasets,
      intervalMs: 100,
      timeoutMs: 60_000,
    },
    () => undefined,
  );
});
afterAll(() => p?.stop());

/** The CLI in a folder without settings files, against the test runtime. */
const mlops = (...args: string[]): Promise<CliResult> =>
  runCli([...args, '--url', p.runtime.url, '--key', FUNCTION_KEY, '--operator-key', OPERATOR_KEY], {
    cwd: dir,
  });

/** One line on stderr, nothing on stdout, exit code 1. */
function failsWith(result: CliResult, message: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd()).toMatch(message);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.code).toBe(1);
}

describe('mlops read commands', () => {
  it('models: a table with the production version, or the API answer with --json', async () => {
    // A model whose only run failed is listed too, with why (issue 17).
    const failing = uniqueName('failing');
    await p.drop(failing, 'model.json', JSON.stringify(TAXI_SPEC));
    const etag = await p.drop(failing, 'a.csv', 'pickup_hour,zone,trips\n');
    await p.finishedRun(failing, runIdFor(`${failing}/a.csv`, etag));
    const table = await mlops('models');
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^MODEL\s+PRODUCTION\s+LATEST\s+VERSIONS\s+LAST RUN\s+UPDATED$/);
    expect(lines.find((l) => l.startsWith(model))).toMatch(
      new RegExp(`^${model}\\s+1\\s+1\\s+1\\s+succeeded\\s+\\d{4}-`),
    );
    expect(lines.find((l) => l.startsWith(failing))).toMatch(
      new RegExp(`^${failing}\\s+-\\s+-\\s+0\\s+failed \\(no_rows\\)\\s+\\d{4}-`),
    );
    const json = JSON.parse((await mlops('models', '--json')).stdout) as { items: { model: string }[] };
    expect(json.items.map((m) => m.model)).toContain(model);
  });

  it('versions: status, metrics and gates of each version', async () => {
    const table = await mlops('versions', model);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[2]).toMatch(
      /^\s*1\s+production\s+.*rmse=[\d.]+.*\d+ passed\s+.*train\.csv\s+12 rows missing target \(trips\)\s+\d{4}-/,
    );
    expect(table.stdout.split('\n')[0]).toMatch(/\sDATASET\s+LEFT OUT\s+CREATED$/);
    const json = JSON.parse((await mlops('versions', model, '--json')).stdout) as {
      items: { version: number }[];
    };
    expect(json.items.map((v) => v.version)).toEqual([1]);
  });

  it('runs and logs: the run that trained version 1', async () => {
    const runs = await mlops('runs', model);
    expect(runs.stdout.split('\n')[2]).toMatch(/^run-[0-9a-f]{24}\s+succeeded\s+register\s+1\s+/);
    expect(runs.stdout.split('\n')[2]).toMatch(/\s12 rows missing target \(trips\)(\s|$)/);
    const logs = await mlops('logs', model);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/\srun\s+run-[0-9a-f]{24} succeeded: version 1\n/);
    expect(logs.stdout).toMatch(/\srun\s+run-[0-9a-f]{24} queued \(.*train\.csv\)\n/);
  });

  it('drift: no checks yet for a model just trained', async () => {
    const table = await mlops('drift', model);
    expect(table).toEqual({
      code: 0,
      stdout: `${model} has no drift checks yet (they run on DRIFT_SCHEDULE once predictions are logged)\n`,
      stderr: '',
    });
    const json = JSON.parse((await mlops('drift', model, '--json')).stdout) as { items: unknown[] };
    expect(json.items).toEqual([]);
  });

  it('promote: with the operator key; a function key as operator key is refused, naming the role', async () => {
    const ok = await mlops('promote', model, '1');
    expect(ok).toEqual({ code: 0, stdout: `${model}: version 1 is already in production\n`, stderr: '' });
    const refused = await runCli(
      ['promote', model, '1', '--url', p.runtime.url, '--operator-key', FUNCTION_KEY],
      { cwd: dir },
    );
    failsWith(
      refused,
      /^mlops: http:\/\/127\.0\.0\.1:\d+ refused the operate key \(403\): This route needs the "operate" role; .*; check --operator-key \(MLOPS_OPERATOR_KEY\) or --token \(MLOPS_TOKEN\) in Azure$/,
    );
  });

  it('promote: a refused key against a local runtime quotes the key local.settings.json holds', async () => {
    const local = mkdtempSync(path.join(tmpdir(), 'mlops-cli-local-'));
    writeFileSync(path.join(local, 'local.settings.json'), JSON.stringify({ Values: TEST_KEYS }));
    const refused = await runCli(
      ['promote', model, '1', '--url', p.runtime.url, '--operator-key', 'wrong-key'],
      {
        cwd: local,
      },
    );
    failsWith(
      refused,
      new RegExp(
        `refused the operate key \\(401\\): .*; the local runtime's LOCAL_OPERATOR_KEY in local.settings.json is ${OPERATOR_KEY} \\(pass it with --operator-key\\)$`,
      ),
    );
  });
});

describe('mlops predict', () => {
  it('scores a CSV in chunks and prints it back with a prediction column', async () => {
    const rows = csv.split('\n').slice(0, 31).join('\n') + '\n';
    const out = await mlops('predict', model, file('rows.csv', rows), '--chunk-rows', '7');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe(`${rows.split('\n')[0]},prediction`);
    expect(lines).toHaveLength(31);
    for (const line of lines.slice(1)) expect(Number(line.split(',').at(-1))).toBeGreaterThanOrEqual(0);
  });

  it('scores a JSON file and answers JSON with --format json', async () => {
    const records = csv
      .split('\n')
      .slice(1, 4)
      .map((line) => {
        const [pickup_hour, zone, weather, t, mm, holiday] = line.split(',');
        return {
          pickup_hour,
          zone,
          weather,
          temperature_c: Number(t),
          precipitation_mm: Number(mm),
          is_holiday: holiday === 'true',
        };
      });
    const out = await mlops('predict', model, file('rows.json', JSON.stringify(records)), '--format', 'json');
    expect(out.code).toBe(0);
    const answer = JSON.parse(out.stdout) as { version: number; predictions: number[]; requests: unknown[] };
    expect(answer.version).toBe(1);
    expect(answer.predictions).toHaveLength(3);
    expect(answer.requests).toHaveLength(3);
  });

  it('ignores columns the model does not know, as the API does, and says so', async () => {
    const extra = csv
      .split('\n')
      .slice(0, 3)
      .map((l, i) => `${l},${i === 0 ? 'driver,fare' : 'x,1'}`)
      .join('\n');
    const out = await mlops('predict', model, file('extra.csv', extra));
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(
      /^.*extra\.csv: ignoring columns driver, fare, unknown to taxi-\S+ version 1 \(it takes pickup_hour, .*\)\n$/,
    );
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/,driver,fare,prediction$/);
    expect(lines.slice(1).map((l) => Number(l.split(',').at(-1)))).toEqual([
      expect.any(Number),
      expect.any(Number),
    ]);
  });

  it.each([
    ['a missing file', () => path.join(dir, 'missing.csv'), /^mlops: file not found: .*missing\.csv$/],
    [
      'an empty CSV',
      () => file('empty.csv', ''),
      /^mlops: .*empty\.csv is empty: expected a header line and at least one row$/,
    ],
    [
      'a header-only CSV',
      () => file('header.csv', csv.split('\n')[0] + '\n'),
      /^mlops: .*header\.csv is empty: /,
    ],
  ])('fails with one line on %s', async (_, input, message) => {
    failsWith(await mlops('predict', model, input()), message);
  });
});

describe('mlops errors', () => {
  it('names the unknown model (404)', async () => {
    failsWith(await mlops('versions', 'no-such-model'), /^mlops: .*no-such-model.* \(404 \w+\)$/);
    failsWith(
      await mlops('predict', 'no-such-model', file('one.csv', csv.split('\n').slice(0, 2).join('\n'))),
      /\(404 \w+\)$/,
    );
  });

  it('names the unreachable URL and suggests mlops start', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    for (const command of [['models'], ['drift', model], ['logs', model]]) {
      failsWith(
        await runCli([...command, '--url', url], { cwd: dir }),
        new RegExp(
          `^mlops: cannot reach ${url} \\(ECONNREFUSED\\); start the local runtime with \`mlops start\`, or pass --url \\(MLOPS_URL\\)$`,
        ),
      );
    }
  });

  it('says the key was refused (401), with the key from MLOPS_KEY', async () => {
    failsWith(
      await runCli(['runs', model], { cwd: dir, env: { MLOPS_URL: p.runtime.url, MLOPS_KEY: 'wrong' } }),
      /^mlops: http:\/\/127\.0\.0\.1:\d+ refused the predict key \(401\): Invalid key: this route needs the "predict" role.*; check --key \(MLOPS_KEY\)$/,
    );
    const ok = await runCli(['runs', model, '--json'], {
      cwd: dir,
      env: { MLOPS_URL: p.runtime.url, MLOPS_KEY: FUNCTION_KEY },
    });
    expect(ok.code).toBe(0);
  });
});

// Last: the retrain it asks trains a new version, which the tests above must not see.
describe('mlops retrain', () => {
  it('retrain: with the operator key asks for a retrain; the function key is refused naming the role', async () => {
    const refused = await runCli(['retrain', model, '--url', p.runtime.url, '--operator-key', FUNCTION_KEY], {
      cwd: dir,
    });
    failsWith(refused, /refused the operate key \(403\): This route needs the "operate" role/);
    const ok = await mlops('retrain', model, '--reason', 'from the CLI test');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe(
      `${model}: retrain asked (from the CLI test); a new data drop is assembled and trained: follow it with mlops runs ${model}\n`,
    );
  });
});
