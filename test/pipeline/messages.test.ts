import { describe, expect, it } from 'vitest';
import { runIdFor } from '../../src/domain/ids';
import { parseMessage, validateRequestSchema } from '../../src/domain/messages';

describe('runIdFor', () => {
  it('is the same for the same blob and ETag, quoted or not, and differs when either changes', () => {
    const id = runIdFor('taxi/jan.csv', '"0x8DC1"');
    expect(id).toMatch(/^run-[0-9a-f]{24}$/);
    expect(runIdFor('taxi/jan.csv', '0x8DC1')).toBe(id);
    expect(runIdFor('taxi/jan.csv', '0x8DC2')).not.toBe(id);
    expect(runIdFor('taxi/feb.csv', '0x8DC1')).not.toBe(id);
  });
});

describe('parseMessage', () => {
  const good = { schema: 1, kind: 'validate', model: 'taxi', runId: 'run-1', source: 'trained' };

  it('accepts an object or its JSON text', () => {
    expect(parseMessage(validateRequestSchema, 'validate-requests', good)).toEqual(good);
    expect(parseMessage(validateRequestSchema, 'validate-requests', JSON.stringify(good))).toEqual(good);
  });

  it.each([
    [
      'not json',
      'Malformed validate-requests message: (message): Invalid input: expected object, received string',
    ],
    [{ ...good, schema: 2 }, 'Malformed validate-requests message: schema: Invalid input: expected 1'],
    [
      { ...good, model: '' },
      'Malformed validate-requests message: model: Too small: expected string to have >=1 characters',
    ],
  ])('refuses %j naming the field', (body, message) => {
    expect(() => parseMessage(validateRequestSchema, 'validate-requests', body)).toThrow(message);
  });
});
