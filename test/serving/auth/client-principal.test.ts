import { describe, expect, it } from 'vitest';
import { encodePrincipal, readPrincipal } from '../../../src/serving/auth/client-principal';
import { requireRole } from '../../../src/serving/auth/require-role';
import { roleAllows } from '../../../src/serving/auth/roles';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

describe('readPrincipal', () => {
  it.each([
    ['absent', undefined, undefined],
    ['not base64 JSON', '%%%', undefined],
    ['JSON without claims', b64({ auth_typ: 'aad' }), undefined],
    [
      'roles claims (v2 tokens)',
      b64({ claims: [{ typ: 'roles', val: 'feedback' }] }),
      { roles: ['feedback'] },
    ],
    [
      'the role_typ the principal names (v1 tokens), unknown roles and other claims ignored',
      b64({
        role_typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
        claims: [
          { typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role', val: 'operate' },
          { typ: 'roles', val: 'Global.Admin' },
          { typ: 'name', val: 'predict' },
        ],
      }),
      { roles: ['operate'] },
    ],
    ['signed in without an app role', b64({ claims: [{ typ: 'name', val: 'someone' }] }), { roles: [] }],
  ])('%s', (_name, header, caller) => {
    expect(readPrincipal(header)).toEqual(caller);
  });

  it('reads what encodePrincipal writes', () => {
    expect(readPrincipal(encodePrincipal('local-key', ['predict']))).toEqual({ roles: ['predict'] });
  });
});

describe('roles', () => {
  it('are nested: a higher role allows the lower ones, never the reverse', () => {
    expect(roleAllows('operate', 'feedback')).toBe(true);
    expect(roleAllows('operate', 'predict')).toBe(true);
    expect(roleAllows('feedback', 'predict')).toBe(true);
    expect(roleAllows('feedback', 'operate')).toBe(false);
    expect(roleAllows('predict', 'feedback')).toBe(false);
  });

  it('401 without a caller, 403 with a caller lacking the role, each naming it', () => {
    expect(() => requireRole('operate', undefined)).toThrow(
      'This route needs the "operate" role: send an Entra ID token of an identity with the "operate" app role (locally: the LOCAL_OPERATOR_KEY key in x-functions-key).',
    );
    expect(() => requireRole('feedback', { roles: ['predict'] })).toThrow(
      'This route needs the "feedback" role; the key or token sent has "predict". Send an Entra ID token',
    );
    expect(() => requireRole('feedback', { roles: [] })).toThrow('the key or token sent has no role');
    expect(() => requireRole('feedback', { roles: ['operate'] })).not.toThrow();
  });
});
