// The predict use case on a real trained version (memory ports): request formats, field-by-field
// validation, limits, version pinning and the log, with the exact status and error each gets.
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { httpErrorResponse } from '../../../src/serving/http/error-response';
import { predict } from '../../../src/serving/predict/predict';
import { toJsonLines } from '../../../src/serving/prediction-log/json-lines';
import type { MemoryDeps } from '../../pipeline/memory-ports';
import { RecordingTelemetry } from '../../platform/telemetry/recording-telemetry';
import { jsonBody, predictDeps, TAXI_ROW, trainedTaxi } from './served-versions';

let deps: MemoryDeps;
beforeAll(async () => {
  deps = await trainedTaxi(2);
}, 120_000);

/** The status and error body a request gets (200 with the answer on success). */
async function call(
  body: unknown,
  options: {
    version?: number;
    contentType?: string | null;
    model?: string;
    maxRows?: number;
    maxBytes?: number;
    contentLength?: string | null;
  } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const p = predictDeps(deps, {
    maxPredictRows: options.maxRows ?? 100,
    maxPredictBytes: options.maxBytes ?? 100_000,
  });
  const source = jsonBody(body, options.contentType === undefined ? 'application/json' : options.contentType);
  try {
    const answer = await predict(p, {
      model: options.model ?? 'taxi',
      ...(options.version !== undefined && { version: options.version }),
      body:
        options.contentLength === undefined ? source : { ...source, contentLength: options.contentLength },
    });
    return { status: 200, body: answer as unknown as Record<string, unknown> };
  } catch (err) {
    const r = httpErrorResponse(err);
    return { status: r.status, body: r.jsonBody as unknown as Record<string, unknown> };
  }
}

describe('predict', () => {
  it('answers the same predictions for rows, dataframe_records and dataframe_split', async () => {
    const rows = [TAXI_ROW, { ...TAXI_ROW, zone: 'Z01', temperature_c: 20 }];
    const columns = Object.keys(TAXI_ROW);
    const a = await call({ rows });
    const b = await call({ dataframe_records: rows });
    const c = await call({
      dataframe_split: { columns, data: rows.map((r) => columns.map((k) => r[k as keyof typeof r])) },
    });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ model: 'taxi', version: 2 });
    expect(a.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const predictions = a.body.predictions as number[];
    expect(predictions).toHaveLength(2);
    expect(predictions.every((v) => Number.isFinite(v))).toBe(true);
    expect(b.body.predictions).toEqual(predictions);
    expect(c.body.predictions).toEqual(predictions);
    expect(a.body.probabilities).toBeUndefined();
  });

  it('scores 2,500 rows in chunks with the same values as one row at a time, and logs each row', async () => {
    const p = predictDeps(deps);
    const rows = Array.from({ length: 2500 }, (_, i) => ({ ...TAXI_ROW, temperature_c: (i % 50) - 10 }));
    const answer = await predict(p, { model: 'taxi', body: jsonBody({ rows }) });
    const single = await predict(p, { model: 'taxi', body: jsonBody({ rows: [rows[1234]] }) });
    expect(answer.predictions).toHaveLength(2500);
    expect(answer.predictions[1234]).toBe(single.predictions[0]);
    expect(p.logged).toHaveLength(2501);
    expect(p.logged[1234]).toMatchObject({
      requestId: answer.requestId,
      row: 1234,
      model: 'taxi',
      version: 2,
      inputs: rows[1234],
      prediction: answer.predictions[1234],
    });
  });

  it.each([
    ['a compact rows body', (rows: unknown[]) => JSON.stringify({ rows }), true],
    [
      'spaced dataframe_records',
      (rows: unknown[]) => `{ "dataframe_records" : [ ${rows.map((r) => JSON.stringify(r)).join(' , ')} ] }`,
      true,
    ],
    ['a pretty-printed body', (rows: unknown[]) => JSON.stringify({ rows }, null, 2), false],
    [
      'a NaN in a field the model does not use',
      (rows: unknown[]) => JSON.stringify({ rows }).replace('"note":0', '"note":NaN'),
      false,
    ],
    [
      'dataframe_split',
      (rows: unknown[]) => {
        const columns = Object.keys(rows[0] as object);
        return JSON.stringify({
          dataframe_split: {
            columns,
            data: rows.map((r) => columns.map((k) => (r as Record<string, unknown>)[k])),
          },
        });
      },
      false,
    ],
  ])('logs each row of %s as valid JSON lines holding its inputs', async (_name, write, copied) => {
    const p = predictDeps(deps);
    const rows = [
      { ...TAXI_ROW, note: 0 },
      { ...TAXI_ROW, zone: 'Z01', note: 1 },
    ];
    const answer = await predict(p, { model: 'taxi', body: jsonBody(write(rows)) });
    expect(p.logged.map((r) => r.sentInputs !== undefined)).toEqual([copied, copied]);
    const lines = toJsonLines(p.logged).toString('utf8').split('\n').slice(0, -1);
    const expected = rows.map((r, row) => ({
      requestId: answer.requestId,
      row,
      model: 'taxi',
      version: 2,
      inputs: _name.startsWith('a NaN') && row === 0 ? { ...r, note: null } : r,
      prediction: answer.predictions[row],
      time: p.logged[row]!.time,
    }));
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(expected);
  });

  it('refuses a bad value in a late chunk with a 400 naming it, and logs nothing', async () => {
    const p = predictDeps(deps);
    const rows = Array.from({ length: 2500 }, () => ({ ...TAXI_ROW }));
    rows[2400] = { ...TAXI_ROW, temperature_c: 'hot' as unknown as number };
    const err = await predict(p, { model: 'taxi', body: jsonBody({ rows }) }).catch((e: unknown) => e);
    expect(httpErrorResponse(err)).toMatchObject({
      status: 400,
      jsonBody: {
        error: {
          code: 'invalid_rows',
          message: 'Row 2400: Feature "temperature_c" must be a number, got "hot"',
          details: { problems: 1, issues: [{ row: 2400, field: 'temperature_c', code: 'wrong_type' }] },
        },
      },
    });
    expect(p.logged).toHaveLength(0);
  });

  it('reports latency and rows per model and version, nothing for a refused request', async () => {
    const telemetry = new RecordingTelemetry();
    const p = { ...predictDeps(deps), telemetry };
    await predict(p, { model: 'taxi', body: jsonBody({ rows: [TAXI_ROW, TAXI_ROW, TAXI_ROW] }) });
    await predict(p, { model: 'taxi', version: 1, body: jsonBody({ rows: [TAXI_ROW] }) });
    await expect(predict(p, { model: 'taxi', body: jsonBody({ rows: [{}] }) })).rejects.toMatchObject({
      category: 'invalid',
      code: 'invalid_rows',
      message:
        'Row 0: Feature "pickup_hour" is missing (send null for an unknown value) (and 5 more problems)',
    });
    expect(
      telemetry.items.map((i) => [i.name, i.properties, i.name === 'PredictionRows' && i.value]),
    ).toEqual([
      ['PredictionLatencyMs', { model: 'taxi', version: '2' }, false],
      ['PredictionRows', { model: 'taxi', version: '2' }, 3],
      ['PredictionLatencyMs', { model: 'taxi', version: '1' }, false],
      ['PredictionRows', { model: 'taxi', version: '1' }, 1],
    ]);
    expect(telemetry.items[0]!.value).toBeGreaterThan(0);
  });

  it('pins ?version=N, also to an archived version', async () => {
    // The second drop's model beat the first: v2 is production, v1 archived.
    expect((await deps.registry.getVersion('taxi', 1))?.status).toBe('archived');
    const r = await call({ rows: [TAXI_ROW] }, { version: 1 });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(1);
  });

  const nan = `{"rows": [${JSON.stringify(TAXI_ROW).replace('6.5', 'NaN')}]}`;
  const inf = `{"rows": [${JSON.stringify(TAXI_ROW).replace('6.5', '-Infinity')}]}`;
  it.each([
    ['invalid JSON', '{"rows": [', {}, 400, 'invalid_json', undefined],
    [
      'wrong content type',
      { rows: [TAXI_ROW] },
      { contentType: 'text/csv' },
      415,
      'unsupported_media_type',
      undefined,
    ],
    [
      'no content type',
      { rows: [TAXI_ROW] },
      { contentType: null },
      415,
      'unsupported_media_type',
      undefined,
    ],
    ['empty rows', { rows: [] }, {}, 400, 'empty_rows', 'rows'],
    ['no known format', { instances: [TAXI_ROW] }, {}, 400, 'bad_request_body', ''],
    [
      'a split row of the wrong width',
      { dataframe_split: { columns: ['zone'], data: [['Z01', 1]] } },
      {},
      400,
      'bad_request_body',
      'dataframe_split.data[0]',
    ],
    [
      'more rows than the limit',
      { rows: [TAXI_ROW, TAXI_ROW, TAXI_ROW] },
      { maxRows: 2 },
      413,
      'too_many_rows',
      undefined,
    ],
    [
      'more bytes than the limit',
      { rows: [TAXI_ROW] },
      { maxBytes: 50 },
      413,
      'payload_too_large',
      undefined,
    ],
    [
      'a declared Content-Length over the limit',
      { rows: [TAXI_ROW] },
      { contentLength: '999999999' },
      413,
      'payload_too_large',
      undefined,
    ],
    [
      'a missing feature',
      { rows: [TAXI_ROW, { ...TAXI_ROW, zone: undefined }] },
      {},
      400,
      'invalid_rows',
      'zone',
    ],
    [
      'a wrong type',
      { rows: [{ ...TAXI_ROW, temperature_c: 'warm' }] },
      {},
      400,
      'invalid_rows',
      'temperature_c',
    ],
    ['NaN', nan, {}, 400, 'invalid_rows', 'temperature_c'],
    ['-Infinity', inf, {}, 400, 'invalid_rows', 'temperature_c'],
    ['an unknown model', { rows: [TAXI_ROW] }, { model: 'nope' }, 404, 'model_not_found', undefined],
    ['an unknown version', { rows: [TAXI_ROW] }, { version: 9 }, 404, 'version_not_found', undefined],
  ] as const)('%s', async (_name, body, options, status, code, field) => {
    const r = await call(body, options);
    expect(r.status).toBe(status);
    const error = r.body.error as { code: string; details?: { issues?: { field: string; row?: number }[] } };
    expect(error.code).toBe(code);
    if (field !== undefined) expect(error.details?.issues?.[0]?.field).toBe(field);
  });

  it('names the row and field of each problem', async () => {
    const r = await call({
      rows: [TAXI_ROW, { ...TAXI_ROW, zone: undefined }, { ...TAXI_ROW, temperature_c: 'x' }],
    });
    expect(r.body).toEqual({
      error: {
        code: 'invalid_rows',
        message: 'Row 1: Feature "zone" is missing (send null for an unknown value) (and 1 more problems)',
        details: {
          problems: 2,
          issues: [
            {
              row: 1,
              field: 'zone',
              code: 'missing_feature',
              message: 'Feature "zone" is missing (send null for an unknown value)',
            },
            {
              row: 2,
              field: 'temperature_c',
              code: 'wrong_type',
              message: 'Feature "temperature_c" must be a number, got "x"',
            },
          ],
        },
      },
    });
  });

  it('refuses a pinned rejected or candidate version with 409', async () => {
    for (const status of ['rejected', 'candidate'] as const) {
      await deps.registry.updateVersionStatus('taxi', 1, status);
      const r = await call({ rows: [TAXI_ROW] }, { version: 1 });
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({
        code: 'version_not_servable',
        message: `Version 1 of "taxi" is ${status}: only validated, production or archived versions are served`,
      });
    }
    await deps.registry.updateVersionStatus('taxi', 1, 'archived');
  });

  it('answers 409 for a model with versions but no production alias', async () => {
    deps.memory.registry.aliases.clear();
    const r = await call({ rows: [TAXI_ROW] });
    expect(r.status).toBe(409);
    expect((r.body.error as { code: string }).code).toBe('no_production_version');
    await deps.registry.setAlias('taxi', 'production', 2, null);
  });

  it('refuses a version whose artifact does not match its sha256, with a 503 naming why', async () => {
    const key = `${deps.settings.containers.models}/taxi/1/model.onnx`;
    const file = deps.memory.blobs.files.get(key)!;
    const original = file.data;
    file.data = Buffer.concat([original, Buffer.from([0])]);
    try {
      const r = await call({ rows: [TAXI_ROW] }, { version: 1 });
      expect(r.status).toBe(503);
      const error = r.body.error as { code: string; message: string };
      expect(error.code).toBe('artifact_mismatch');
      expect(error.message).toMatch(
        /^Version 1 of taxi is not served: .+taxi\/1\/model\.onnx has sha256 [0-9a-f]{64}, the registry recorded [0-9a-f]{64}$/,
      );
    } finally {
      file.data = original;
    }
  });

  it('is an AppError for every refusal (nothing escapes as a 500)', async () => {
    const p = predictDeps(deps);
    const err = await predict(p, { model: 'taxi', body: jsonBody('[') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      category: 'invalid',
      code: 'invalid_json',
      message: 'The request body is not JSON: Unexpected end of JSON input',
    });
  });
});
