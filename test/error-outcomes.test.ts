// The outcome table: every error category, as each trigger kind settles it and as HTTP answers it.
import { describe, expect, it } from 'vitest';
import {
  categoryOf,
  CATEGORY_OUTCOMES,
  httpStatusFor,
  settlementFor,
  type Settlement,
  type TriggerKind,
} from '../src/error-outcomes';
import { AppError, type ErrorCategory } from '../src/errors';
import { DataError } from '../src/ml/errors';
import { httpErrorResponse } from '../src/serving/http/error-response';

type Row = [ErrorCategory, number, Record<TriggerKind, Settlement>];
const FAIL = {
  'storage-queue': 'complete',
  'service-bus': 'dead-letter',
  blob: 'complete',
  timer: 'complete',
} as const;
const RETRY = { 'storage-queue': 'retry', 'service-bus': 'retry', blob: 'retry', timer: 'retry' } as const;

const TABLE: Row[] = [
  ['invalid', 400, FAIL],
  ['unauthorized', 401, RETRY],
  ['forbidden', 403, RETRY],
  ['not_found', 404, FAIL],
  ['conflict', 409, RETRY],
  ['too_large', 413, FAIL],
  ['unsupported_media_type', 415, FAIL],
  ['corrupt', 500, FAIL],
  ['unavailable', 503, RETRY],
  ['internal', 500, RETRY],
];
const TRIGGERS: TriggerKind[] = ['storage-queue', 'service-bus', 'blob', 'timer'];

describe('the outcome table', () => {
  it('has a row for every category, and no other', () => {
    expect(Object.keys(CATEGORY_OUTCOMES).sort()).toEqual(TABLE.map(([c]) => c).sort());
  });

  it.each(TABLE.flatMap(([category, , settles]) => TRIGGERS.map((t) => [category, t, settles[t]] as const)))(
    '%s on a %s run: %s',
    (category, trigger, settlement) => {
      expect(settlementFor(trigger, category)).toBe(settlement);
    },
  );

  it.each(TABLE)('%s answers HTTP %i, through the error mapper too', (category, status) => {
    expect(httpStatusFor(category)).toBe(status);
    expect(httpErrorResponse(new AppError(category, 'some_code', 'what is wrong')).status).toBe(status);
  });

  it.each([
    ['an AppError', new AppError('conflict', 'etag_mismatch', 'changed'), 'conflict'],
    ['a data error of the engine', new DataError('bad_type', 'not a number'), 'invalid'],
    ['a plain Error', new Error('bug'), 'internal'],
    ['a thrown string', 'boom', 'internal'],
  ])('files %s under %s', (_, error, category) => {
    expect(categoryOf(error)).toBe(category);
  });
});

describe('the corrected categories', () => {
  it('a missing version is 404 over HTTP and fails a message for good', () => {
    const missing = new AppError('not_found', 'version_not_found', 'Model "taxi" has no version 9');
    expect(httpErrorResponse(missing)).toMatchObject({
      status: 404,
      jsonBody: { error: { code: 'version_not_found', message: 'Model "taxi" has no version 9' } },
    });
    expect(settlementFor('storage-queue', missing.category)).toBe('complete');
    expect(settlementFor('service-bus', missing.category)).toBe('dead-letter');
  });

  it('an alias race lost after retries is 409 over HTTP and retries a message', () => {
    const race = new AppError('conflict', 'alias_contention', 'The production alias of taxi kept changing');
    expect(httpErrorResponse(race)).toMatchObject({
      status: 409,
      jsonBody: {
        error: { code: 'alias_contention', message: 'The production alias of taxi kept changing' },
      },
    });
    expect(settlementFor('storage-queue', race.category)).toBe('retry');
    expect(settlementFor('service-bus', race.category)).toBe('retry');
  });
});
