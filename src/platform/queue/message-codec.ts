const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Encodes a message as the Functions queue trigger expects by default (host.json
 * `messageEncoding: base64`): UTF-8 JSON, then base64.
 */
export function encodeMessage(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Decodes base64 message text; undefined when it is not valid base64 (the host would fail it). */
export function decodeMessage(raw: string): string | undefined {
  const compact = raw.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** The JSON value of the text, or the text itself when it is not JSON. */
export function parseBody(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
