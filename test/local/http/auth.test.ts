import { describe, expect, it } from 'vitest';
import { authLevelOf, authorize, keyHolder, presentedKey, withPrincipal } from '../../../src/local/http/auth';
import { readPrincipal } from '../../../src/serving/auth/client-principal';

const settings = {
  LOCAL_FUNCTION_KEY: 'f',
  LOCAL_FEEDBACK_KEY: 'b',
  LOCAL_OPERATOR_KEY: 'o',
  LOCAL_ADMIN_KEY: 'a',
};

describe('authorize', () => {
  it.each([
    ['anonymous', undefined, 200],
    ['anonymous', 'junk', 200],
    ['function', undefined, 401],
    ['function', 'junk', 401],
    ['function', 'f', 200],
    ['function', 'b', 200],
    ['function', 'o', 200],
    ['function', 'a', 200],
    ['admin', undefined, 401],
    ['admin', 'junk', 401],
    ['admin', 'f', 403],
    ['admin', 'o', 403],
    ['admin', 'a', 200],
  ] as const)('%s with key %s → %i', (level, key, status) => {
    const decision = authorize(level, key, settings);
    expect(decision.ok ? 200 : decision.status).toBe(status);
  });

  it('names the admin key and the key that was not enough', () => {
    expect(authorize('admin', 'o', settings)).toEqual({
      ok: false,
      status: 403,
      code: 'forbidden',
      message: 'This route needs the host admin key (LOCAL_ADMIN_KEY); the operate key is not enough.',
    });
  });

  it('refuses keyed routes when no keys are configured', () => {
    expect(authorize('function', '', {})).toMatchObject({ ok: false, status: 401 });
    expect(authorize('admin', undefined, {})).toMatchObject({ ok: false, status: 401 });
  });

  it('tells each key holder apart', () => {
    expect(['f', 'b', 'o', 'a', 'x', undefined].map((k) => keyHolder(k, settings))).toEqual([
      'predict',
      'feedback',
      'operate',
      'admin',
      undefined,
      undefined,
    ]);
  });

  it('takes the header before the code query parameter', () => {
    expect(presentedKey({ 'x-functions-key': 'h' }, new URLSearchParams('code=q'))).toBe('h');
    expect(presentedKey({}, new URLSearchParams('code=q'))).toBe('q');
    expect(presentedKey({}, new URLSearchParams())).toBeUndefined();
  });

  it('drops client-sent principal headers and adds the holder principal', () => {
    const forged = { 'x-ms-client-principal': 'Zm9v', 'X-MS-CLIENT-PRINCIPAL-NAME': 'me', accept: '*/*' };
    expect(withPrincipal(forged, undefined)).toEqual({ accept: '*/*' });
    const feedback = withPrincipal(forged, 'feedback');
    expect(readPrincipal(feedback['x-ms-client-principal'])).toEqual({ roles: ['feedback'] });
    expect(readPrincipal(withPrincipal({}, 'admin')['x-ms-client-principal'])).toEqual({ roles: [] });
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
