import { describe, expect, it } from 'vitest';
import { authLevelOf, authorize, presentedKey } from '../../src/local/http-auth';

const settings = { LOCAL_FUNCTION_KEY: 'f', LOCAL_ADMIN_KEY: 'a' };

describe('authorize', () => {
  it.each([
    ['anonymous', undefined, 200],
    ['anonymous', 'junk', 200],
    ['function', undefined, 401],
    ['function', 'junk', 401],
    ['function', 'f', 200],
    ['function', 'a', 200],
    ['admin', undefined, 401],
    ['admin', 'junk', 401],
    ['admin', 'f', 403],
    ['admin', 'a', 200],
  ] as const)('%s with key %s → %i', (level, key, status) => {
    const decision = authorize(level, key, settings);
    expect(decision.ok ? 200 : decision.status).toBe(status);
  });

  it('refuses keyed routes when no keys are configured', () => {
    expect(authorize('function', '', {})).toMatchObject({ ok: false, status: 401 });
    expect(authorize('admin', undefined, {})).toMatchObject({ ok: false, status: 401 });
  });

  it('takes the header before the code query parameter', () => {
    expect(presentedKey({ 'x-functions-key': 'h' }, new URLSearchParams('code=q'))).toBe('h');
    expect(presentedKey({}, new URLSearchParams('code=q'))).toBe('q');
    expect(presentedKey({}, new URLSearchParams())).toBeUndefined();
  });

  it.each([
    [undefined, 'function'],
    ['ANONYMOUS', 'anonymous'],
    ['Admin', 'admin'],
    ['system', 'function'],
  ])('authLevel %s → %s', (value, level) => {
    expect(authLevelOf(value)).toBe(level);
  });
});
