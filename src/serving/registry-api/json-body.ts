import { AppError } from '../../errors';

/** The part of an HTTP request a JSON body is read from (the Functions HttpRequest fits). */
export interface JsonRequest {
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface JsonBodyOptions {
  /** Largest body in bytes: 413 from Content-Length before reading, else from what was read. */
  maxBytes: number;
  /** The setting that sets maxBytes, named in the 413. */
  setting: string;
  /** An empty body reads as undefined instead of a 400. */
  optional?: boolean;
}

/**
 * Reads a request's JSON body. A body that is not sent as JSON (another or no content type) is
 * 415; one over `maxBytes` is 413 (refused before it is parsed); an empty body and text that is
 * not JSON are 400, saying which.
 */
export async function readJsonBody(request: JsonRequest, options: JsonBodyOptions): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) throw tooLarge(declared, options);
  const text = await request.text();
  const size = Buffer.byteLength(text, 'utf8');
  if (size > options.maxBytes) throw tooLarge(size, options);
  if (text.trim() === '') {
    if (options.optional) return undefined;
    throw new AppError('invalid', 'bad_json', 'The request body is empty: send a JSON object', {
      issues: [{ field: '(body)', message: 'empty body' }],
    });
  }
  const type = request.headers.get('content-type');
  if (type === null || !/^application\/([a-z.+-]*\+)?json\b/i.test(type.trim())) {
    throw new AppError(
      'unsupported_media_type',
      'unsupported_media_type',
      `${type === null ? 'No content type' : `Content type "${type}"`} is not JSON: send application/json`,
    );
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

function tooLarge(size: number, options: JsonBodyOptions): AppError {
  return new AppError(
    'too_large',
    'payload_too_large',
    `The body is ${size} bytes; the limit is ${options.maxBytes} bytes (${options.setting})`,
    { limit: options.maxBytes, size },
  );
}
