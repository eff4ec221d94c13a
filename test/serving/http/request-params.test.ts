import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { parseModelName, parsePageQuery, parseVersionNumber } from '../../../src/serving/http/request-params';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('request params', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['007', 7],
  ])('version "%s" is %i', (text, n) => expect(parseVersionNumber(text)).toBe(n));

  it.each(['0', '-1', '1.5', 'abc', '', '1e3', '9999999999'])('version "%s" is refused', (text) => {
    const error = errorOf(() => parseVersionNumber(text));
    expect(error.category).toBe('invalid');
    expect(error.message).toBe(`Invalid version "${text}": a version is a positive integer`);
    expect(error.details).toEqual({ issues: [{ field: 'version', message: error.message }] });
  });

  it.each(['taxi', 'bike.v2', 'A_b-1'])('model "%s" is accepted', (name) =>
    expect(parseModelName(name)).toBe(name),
  );

  it.each(['-x', 'a b', '', 'x'.repeat(101)])('model "%s" is refused', (name) => {
    expect(errorOf(() => parseModelName(name)).code).toBe('bad_model_name');
  });

  it.each([
    ['', { pageSize: 20 }],
    ['pageSize=5', { pageSize: 5 }],
    ['pageSize=100&continuationToken=abc%3D', { pageSize: 100, continuationToken: 'abc=' }],
    ['continuationToken=', { pageSize: 20 }],
  ])('page query "%s"', (query, expected) => {
    expect(parsePageQuery(new URLSearchParams(query))).toEqual(expected);
  });

  it.each(['0', '101', 'x', '2.5', '-3'])('pageSize "%s" is refused', (size) => {
    const error = errorOf(() => parsePageQuery(new URLSearchParams({ pageSize: size })));
    expect(error.code).toBe('bad_page_size');
    expect(error.message).toBe(`Invalid pageSize "${size}": an integer from 1 to 100`);
  });
});
