import { AppError } from '../../errors';

/** The part of an HTTP request a JSON body is read from (the Functions HttpRequest fits). */
export interface JsonRequest {
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * Reads a request's JSON body. A content type other than JSON, an empty body and text that is
 * not JSON are AppError 'invalid' (400) saying which; a missing content type is accepted, as curl
 * users often omit it.
 */
export async function readJsonBody(
  request: JsonRequest,
  options: { /** An empty body reads as undefined instead of a 400. */ optional?: boolean } = {},
): Promise<unknown> {
  const type = request.headers.get('content-type');
  if (type !== null && !/^application\/([a-z.+-]*\+)?json\b/i.test(type.trim())) {
    throw new AppError(
      'invalid',
      'bad_content_type',
      `Content type "${type}" is not JSON: send application/json`,
      {
        issues: [{ field: '(body)', message: 'content type must be application/json' }],
      },
    );
  }
  const text = await request.text();
  if (text.trim() === '') {
    if (options.optional) return undefined;
    throw new AppError('invalid', 'bad_json', 'The request body is empty: send a JSON object', {
      issues: [{ field: '(body)', message: 'empty body' }],
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('invalid', 'bad_json', `The request body is not JSON (${reason})`, {
      issues: [{ field: '(body)', message: reason }],
    });
  }
}
