import { describe, expect, it } from 'vitest';
import { decodeQueueMessage, encodeQueueMessage } from '../../../src/local/triggers/queue-message-codec';

describe('queue message codec', () => {
  it.each([
    ['eyJhIjoxfQ==', 'base64', '{"a":1}'],
    ['eyJh\nIjoxfQ==', 'base64', '{"a":1}'],
    ['not base64!', 'base64', undefined],
    ['abc', 'base64', undefined],
    ['plain {"a":1}', 'none', 'plain {"a":1}'],
  ] as const)('decodes %j with %s → %j', (raw, encoding, text) => {
    expect(decodeQueueMessage(raw, encoding)).toBe(text);
  });

  it('round-trips UTF-8 text', () => {
    const text = '{"model":"vélo","n":"😀"}';
    expect(decodeQueueMessage(encodeQueueMessage(text, 'base64'), 'base64')).toBe(text);
  });
});
