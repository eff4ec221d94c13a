// Request body converters: each format to rows, the JSON parser's NaN/Infinity tokens, and the
// exact refusal for each malformed shape.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { bodyRows, REQUEST_FORMATS } from '../../../src/serving/predict/formats/registry';
import { parseBody } from '../../../src/serving/predict/parse-json-body';
import { readBody } from '../../../src/serving/http/json-body';

const PREDICT_LIMIT = { maxBytes: 100, setting: 'MAX_PREDICT_BYTES', advice: 'split the request' };

function refusal(run: () => unknown): { code: string; message: string; field?: string } {
  try {
    run();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const issues = err.details?.issues as { field: string }[] | undefined;
    return { code: err.code, message: err.message, ...(issues && { field: issues[0]!.field }) };
  }
  throw new Error('no refusal');
}

describe('request formats', () => {
  it('registers rows, dataframe_split and dataframe_records', () => {
    expect(REQUEST_FORMATS.map((f) => f.key)).toEqual(['rows', 'dataframe_split', 'dataframe_records']);
  });

  it.each([
    ['rows', { rows: [{ a: 1, b: 'x' }] }],
    ['dataframe_records', { dataframe_records: [{ a: 1, b: 'x' }] }],
    ['dataframe_split', { dataframe_split: { columns: ['a', 'b'], data: [[1, 'x']] } }],
    [
      'dataframe_split with an index',
      { dataframe_split: { index: [0], columns: ['a', 'b'], data: [[1, 'x']] } },
    ],
  ])('%s becomes the same rows', (_name, body) => {
    expect(bodyRows(body).records).toEqual([{ a: 1, b: 'x' }]);
  });

  it.each([
    [
      'a list',
      [],
      'bad_request_body',
      '',
      'The body must be a JSON object with one of "rows", "dataframe_split", "dataframe_records"',
    ],
    [
      'two formats',
      { rows: [{}], dataframe_records: [{}] },
      'bad_request_body',
      '',
      'The body must have exactly one of "rows", "dataframe_split", "dataframe_records"; it has 2',
    ],
    ['rows not a list', { rows: {} }, 'bad_request_body', 'rows', '"rows" must be a list of row objects'],
    ['empty rows', { rows: [] }, 'empty_rows', 'rows', '"rows" has no rows: send at least one'],
    [
      'empty records',
      { dataframe_records: [] },
      'empty_rows',
      'dataframe_records',
      '"dataframe_records" has no rows: send at least one',
    ],
    [
      'split without columns',
      { dataframe_split: { data: [[1]] } },
      'bad_request_body',
      'dataframe_split.columns',
      '"dataframe_split.columns" must be a list of column names',
    ],
    [
      'split with a repeated column',
      { dataframe_split: { columns: ['a', 'a'], data: [[1, 2]] } },
      'bad_request_body',
      'dataframe_split.columns',
      '"dataframe_split.columns" must not repeat a name',
    ],
    [
      'split row too short',
      { dataframe_split: { columns: ['a', 'b'], data: [[1, 2], [1]] } },
      'bad_request_body',
      'dataframe_split.data[1]',
      'Row 1 of "dataframe_split.data" must be a list of 2 values, one per column',
    ],
  ])('refuses %s', (_name, body, code, field, message) => {
    expect(refusal(() => bodyRows(body).records)).toEqual({ code, field, message });
  });
});

describe('JSON body', () => {
  it('reads bare NaN and ±Infinity as numbers, leaving strings that spell them alone', () => {
    expect(
      parseBody('{"rows":[{"a":NaN,"b":-Infinity,"c":Infinity,"d":"NaN","e":"x\\"NaN"}]}').value,
    ).toEqual({
      rows: [{ a: NaN, b: -Infinity, c: Infinity, d: 'NaN', e: 'x"NaN' }],
    });
  });

  it('refuses text that is not JSON with the parser reason', () => {
    const r = refusal(() => parseBody('{"rows": [NaN'));
    expect(r.code).toBe('invalid_json');
    expect(r.message).toMatch(/^The request body is not JSON: /);
  });

  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['application/vnd.api+json', true],
    ['text/plain', false],
    [null, false],
  ])('content type %s accepted: %s', async (contentType, ok) => {
    const source = { contentType, contentLength: null, bytes: async () => new Uint8Array(Buffer.from('{}')) };
    const result = await readBody(source, PREDICT_LIMIT).then(
      () => 'ok',
      (e: AppError) => e.code,
    );
    expect(result).toBe(ok ? 'ok' : 'unsupported_media_type');
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    let read = false;
    const source = {
      contentType: 'application/json',
      contentLength: '101',
      bytes: async () => ((read = true), new Uint8Array(0)),
    };
    await expect(readBody(source, PREDICT_LIMIT)).rejects.toMatchObject({
      category: 'too_large',
      code: 'payload_too_large',
      message: 'The body is 101 bytes; the limit is 100 bytes (MAX_PREDICT_BYTES): split the request',
    });
    expect(read).toBe(false);
  });
});
