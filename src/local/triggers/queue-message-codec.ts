/** host.json `queues.messageEncoding`: base64 (the host default) or none. */
export type MessageEncoding = 'base64' | 'none';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes a raw queue message as the trigger does; undefined when it is not valid base64. */
export function decodeQueueMessage(raw: string, encoding: MessageEncoding): string | undefined {
  if (encoding === 'none') return raw;
  const compact = raw.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** Encodes text for a queue the way queue output bindings write it. */
export function encodeQueueMessage(text: string, encoding: MessageEncoding): string {
  return encoding === 'none' ? text : Buffer.from(text, 'utf8').toString('base64');
}
