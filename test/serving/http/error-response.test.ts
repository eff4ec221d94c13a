import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCategory } from '../../../src/errors';
import { DataError } from '../../../src/ml/errors';
import { httpErrorResponse } from '../../../src/serving/http/error-response';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

describe('httpErrorResponse', () => {
  const cases: [ErrorCategory, number][] = [
    ['invalid', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['too_large', 413],
    ['unsupported_media_type', 415],
  ];
  it.each(cases)('maps %s to %i with code and message', (category, status) => {
    const res = httpErrorResponse(
      new AppError(category, `some_${category}`, `what went wrong (${category})`),
    );
    expect(res).toEqual({
      status,
      headers: JSON_TYPE,
      jsonBody: { error: { code: `some_${category}`, message: `what went wrong (${category})` } },
    });
  });

  it('keeps field-by-field details of invalid input', () => {
    const issues = [{ field: 'pageSize', message: 'an integer from 1 to 100' }];
    const res = httpErrorResponse(new AppError('invalid', 'bad_page_size', 'Invalid pageSize', { issues }));
    expect(res.jsonBody).toEqual({
      error: { code: 'bad_page_size', message: 'Invalid pageSize', details: { issues } },
    });
  });

  it('answers 503 with Retry-After when a dependency is down', () => {
    const res = httpErrorResponse(
      new AppError('unavailable', 'dependency_unavailable', 'Cosmos DB is unavailable', {
        service: 'Cosmos DB',
      }),
    );
    expect(res).toEqual({
      status: 503,
      headers: { ...JSON_TYPE, 'retry-after': '10' },
      jsonBody: {
        error: {
          code: 'dependency_unavailable',
          message: 'Cosmos DB is unavailable',
          details: { service: 'Cosmos DB' },
        },
      },
    });
  });

  it('maps a data error of the engine to 400 with its code and details', () => {
    const res = httpErrorResponse(
      new DataError('missing_column', 'Column "hour" is missing', { column: 'hour' }),
    );
    expect(res.status).toBe(400);
    expect(res.jsonBody).toEqual({
      error: { code: 'missing_column', message: 'Column "hour" is missing', details: { column: 'hour' } },
    });
  });

  const internals: [string, unknown][] = [
    [
      'an internal AppError',
      new AppError('internal', 'dependency_error', 'Cosmos failed at https://secret-host/'),
    ],
    ['a plain Error', new Error('AccountKey=abc leaked')],
    ['a thrown string', 'boom'],
    ['undefined', undefined],
  ];
  it.each(internals)('answers 500 without internals for %s', (_, error) => {
    const res = httpErrorResponse(error);
    expect(res).toEqual({
      status: 500,
      headers: JSON_TYPE,
      jsonBody: {
        error: { code: 'internal', message: 'Internal error; the details are in the function log.' },
      },
    });
  });
});
