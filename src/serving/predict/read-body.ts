import { AppError } from '../../errors';

/** What the predict use case needs of an HTTP request body. */
export interface BodySource {
  /** The Content-Type header, if any. */
  readonly contentType: string | null;
  /** The Content-Length header, if any: checked before anything is read. */
  readonly contentLength: string | null;
  /** Reads the whole body. */
  bytes(): Promise<Uint8Array>;
}

function tooLarge(size: number, limit: number): AppError {
  return new AppError(
    'too_large',
    'payload_too_large',
    `The body is ${size} bytes; the limit is ${limit} bytes (MAX_PREDICT_BYTES): split the request`,
    { limit, size },
  );
}

/** A JSON request body as received and as text. */
export interface JsonBody {
  readonly bytes: Buffer;
  readonly text: string;
}

/**
 * The body's bytes and text: JSON content type required (415 'unsupported_media_type'), at most
 * `maxBytes` bytes (413, refused from Content-Length before reading when the client sends it).
 */
export async function readJsonBody(source: BodySource, maxBytes: number): Promise<JsonBody> {
  const type = (source.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new AppError(
      'unsupported_media_type',
      'unsupported_media_type',
      `Content-Type must be application/json, got ${type === '' ? 'none' : `"${type}"`}`,
    );
  }
  const declared = source.contentLength === null ? NaN : Number(source.contentLength);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(declared, maxBytes);
  const bytes = await source.bytes();
  if (bytes.byteLength > maxBytes) throw tooLarge(bytes.byteLength, maxBytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { bytes: buffer, text: buffer.toString('utf8') };
}
