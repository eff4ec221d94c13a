import { AppError } from '../../errors';

/** What a route needs of an HTTP request body (the functions build it from their HttpRequest). */
export interface BodySource {
  /** The Content-Type header, if any. */
  readonly contentType: string | null;
  /** The Content-Length header, if any: checked before anything is read. */
  readonly contentLength: string | null;
  /** Reads the whole body. */
  bytes(): Promise<Uint8Array>;
}

export interface BodyLimit {
  /** Largest body in bytes: 413 from Content-Length before reading, else from what was read. */
  readonly maxBytes: number;
  /** The setting that sets maxBytes, named in the 413. */
  readonly setting: string;
  /** What the client can do about a 413, appended to its message (e.g. "split the request"). */
  readonly advice?: string;
}

export interface JsonBodyOptions extends BodyLimit {
  /** An empty body (with any content type, or none) reads as undefined instead of a 400. */
  readonly optional?: boolean;
}

/** A JSON request body as received and as text. */
export interface JsonBody {
  readonly bytes: Buffer;
  readonly text: string;
}

/**
 * A request body read by the one set of rules of every JSON route: over `maxBytes` is 413, from
 * Content-Length before anything is read, else from what was read; not sent as JSON
 * (`application/json` or `application/*+json`) is 415, refused unread unless an optional body
 * may be empty; empty is 400, or undefined when optional. Parsing is the caller's (readJsonBody,
 * or predict's parser, which also reads Python's NaN tokens).
 */
export async function readBody(
  source: BodySource,
  options: BodyLimit & { readonly optional?: false },
): Promise<JsonBody>;
export async function readBody(source: BodySource, options: JsonBodyOptions): Promise<JsonBody | undefined>;
export async function readBody(source: BodySource, options: JsonBodyOptions): Promise<JsonBody | undefined> {
  const declared = source.contentLength === null ? NaN : Number(source.contentLength);
  if (Number.isFinite(declared) && declared > options.maxBytes) throw tooLarge(declared, options);
  const jsonType = isJsonType(source.contentType);
  if (!jsonType && !options.optional) throw notJsonType(source.contentType);
  const bytes = await source.bytes();
  if (bytes.byteLength > options.maxBytes) throw tooLarge(bytes.byteLength, options);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('utf8');
  if (text.trim() === '') {
    if (options.optional) return undefined;
    throw new AppError('invalid', 'invalid_json', 'The request body is empty: send a JSON object', {
      issues: [{ field: '(body)', message: 'empty body' }],
    });
  }
  if (!jsonType) throw notJsonType(source.contentType);
  return { bytes: buffer, text };
}

/** A request's JSON body, parsed (400 naming the parser's reason); undefined for an empty optional one. */
export async function readJsonBody(source: BodySource, options: JsonBodyOptions): Promise<unknown> {
  const body = await readBody(source, options);
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body.text) as unknown;
  } catch (error) {
    throw notJson(error);
  }
}

/** The 400 of a body that does not parse, with the parser's reason. */
export function notJson(parseError: unknown): AppError {
  const reason = parseError instanceof Error ? parseError.message : String(parseError);
  return new AppError('invalid', 'invalid_json', `The request body is not JSON: ${reason}`, {
    issues: [{ field: '(body)', message: reason }],
  });
}

/** application/json or application/*+json, with any parameters (charset). */
function isJsonType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

function notJsonType(contentType: string | null): AppError {
  const what =
    contentType === null || contentType.trim() === '' ? 'No content type' : `Content type "${contentType}"`;
  return new AppError(
    'unsupported_media_type',
    'unsupported_media_type',
    `${what} is not JSON: send application/json`,
  );
}

function tooLarge(size: number, options: BodyLimit): AppError {
  const advice = options.advice ? `: ${options.advice}` : '';
  return new AppError(
    'too_large',
    'payload_too_large',
    `The body is ${size} bytes; the limit is ${options.maxBytes} bytes (${options.setting})${advice}`,
    { limit: options.maxBytes, size },
  );
}
