// The one JSON body reader of every route: size cap before reading, JSON content type, and a
// 400/413/415 that says what is wrong.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { readBody, readJsonBody, type BodySource } from '../../../src/serving/http/json-body';

const LIMIT = { maxBytes: 20, setting: 'MAX_REGISTRY_BODY_BYTES' };

/** A body source that counts its reads. */
function source(text: string, contentType: string | null = 'application/json', contentLength?: string) {
  const reads = { count: 0 };
  const body: BodySource = {
    contentType,
    contentLength: contentLength ?? null,
    bytes: async () => (reads.count++, new Uint8Array(Buffer.from(text))),
  };
  return { body, reads };
}

async function refusal(run: Promise<unknown>): Promise<Pick<AppError, 'category' | 'code' | 'message'>> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { category: error.category, code: error.code, message: error.message };
}

describe('readJsonBody', () => {
  it('parses a JSON body of any JSON media type', async () => {
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'application/merge-patch+json',
    ]) {
      expect(await readJsonBody(source('{"version": 2}', type).body, LIMIT)).toEqual({ version: 2 });
    }
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const { body, reads } = source('{}', 'application/json', '21');
    expect(await refusal(readJsonBody(body, LIMIT))).toEqual({
      category: 'too_large',
      code: 'payload_too_large',
      message: 'The body is 21 bytes; the limit is 20 bytes (MAX_REGISTRY_BODY_BYTES)',
    });
    expect(reads.count).toBe(0);
  });

  it('refuses a body over the limit that declared no length, naming the setting and the advice', async () => {
    const limit = { maxBytes: 5, setting: 'MAX_PREDICT_BYTES', advice: 'split the request' };
    expect(await refusal(readBody(source('{"rows": []}').body, limit))).toEqual({
      category: 'too_large',
      code: 'payload_too_large',
      message: 'The body is 12 bytes; the limit is 5 bytes (MAX_PREDICT_BYTES): split the request',
    });
  });

  it.each([
    ['text/plain', 'Content type "text/plain" is not JSON: send application/json'],
    ['text/x+json', 'Content type "text/x+json" is not JSON: send application/json'],
    [null, 'No content type is not JSON: send application/json'],
  ])('refuses content type %s with 415, unread', async (type, message) => {
    const { body, reads } = source('{}', type);
    expect(await refusal(readJsonBody(body, LIMIT))).toEqual({
      category: 'unsupported_media_type',
      code: 'unsupported_media_type',
      message,
    });
    expect(reads.count).toBe(0);
  });

  it.each([
    ['empty', '  ', 'The request body is empty: send a JSON object'],
    ['not JSON', '{"version": 1', /^The request body is not JSON: /],
  ])('refuses a body that is %s with 400', async (_, text, message) => {
    const refused = await refusal(readJsonBody(source(text).body, LIMIT));
    expect(refused).toEqual({
      category: 'invalid',
      code: 'invalid_json',
      message: expect.stringMatching(message),
    });
  });

  it('reads an empty optional body as undefined, whatever its content type', async () => {
    const options = { ...LIMIT, optional: true };
    expect(await readJsonBody(source('', null).body, options)).toBeUndefined();
    expect(await readJsonBody(source('').body, options)).toBeUndefined();
    expect(await refusal(readJsonBody(source('reason=x', 'text/plain').body, options))).toMatchObject({
      code: 'unsupported_media_type',
    });
  });
});
