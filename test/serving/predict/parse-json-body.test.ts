// The predict body parser: plain JSON, Python's NaN/Infinity tokens, and hostile bodies refused
// in one linear pass (a quadratic parser would make the 4 MiB case run for hours: a timeout).
import { describe, expect, it } from 'vitest';
import { parseBody } from '../../../src/serving/predict/parse-json-body';
import { httpErrorResponse } from '../../../src/serving/http/error-response';

function statusOf(text: string): number {
  try {
    parseBody(text);
    return 200;
  } catch (err) {
    return httpErrorResponse(err).status;
  }
}

describe('parseBody', () => {
  it('reads NaN, Infinity and -Infinity outside strings as numbers, and leaves them inside strings', () => {
    expect(parseBody('{"a":NaN,"b":[Infinity,-Infinity],"c":"NaN \\" Infinity"}')).toEqual({
      value: { a: NaN, b: [Infinity, -Infinity], c: 'NaN " Infinity' },
      strict: false,
    });
    expect(parseBody('{"a":1}')).toEqual({ value: { a: 1 }, strict: true });
  });

  it('refuses a 4 MiB body with NaN and an unterminated string of escaped quotes with 400', () => {
    const head = '{"rows":[{"a":NaN,"b":"';
    const body = head + '\\"'.repeat((4 * 1024 * 1024 - head.length) / 2);
    expect(body.length).toBeGreaterThanOrEqual(4 * 1024 * 1024 - 1);
    expect(statusOf(body)).toBe(400);
    expect(() => parseBody(body)).toThrow(/^The request body is not JSON: /);
  });

  it('refuses a 4 MiB body of Infinity tokens and unterminated strings with 400', () => {
    const unit = 'Infinity,"';
    const body = `[${unit.repeat(Math.floor((4 * 1024 * 1024) / unit.length))}`;
    expect(statusOf(body)).toBe(400);
  });
});
