import { isRole, type Role } from './roles';

/** The header App Service Authentication sets (and strips from client requests). */
export const CLIENT_PRINCIPAL_HEADER = 'x-ms-client-principal';

/** Claim types that carry app roles: Entra ID v2 tokens use `roles`; v1 the long form. */
const ROLE_CLAIM_TYPES = ['roles', 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role'];

interface PrincipalJson {
  role_typ?: unknown;
  claims?: unknown;
}

/** A signed-in caller as the platform vouches for it: the app roles it holds (maybe none). */
export interface Caller {
  readonly roles: readonly Role[];
}

/**
 * The caller in an `x-ms-client-principal` value (base64 JSON with `claims: [{typ, val}]`), or
 * undefined when absent or unreadable. Claim values that are not roles of this app are ignored.
 */
export function readPrincipal(header: string | null | undefined): Caller | undefined {
  if (!header) return undefined;
  let parsed: PrincipalJson;
  try {
    parsed = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as PrincipalJson;
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.claims)) return undefined;
  const types = new Set(ROLE_CLAIM_TYPES);
  if (typeof parsed.role_typ === 'string') types.add(parsed.role_typ);
  const roles = new Set<Role>();
  for (const claim of parsed.claims as unknown[]) {
    const { typ, val } = (claim ?? {}) as { typ?: unknown; val?: unknown };
    if (typeof typ === 'string' && types.has(typ) && isRole(val)) roles.add(val);
  }
  return { roles: [...roles] };
}

/** An `x-ms-client-principal` value holding `roles`, as the platform (or the local runtime) builds it. */
export function encodePrincipal(authType: string, roles: readonly Role[]): string {
  const principal = {
    auth_typ: authType,
    name_typ: 'name',
    role_typ: 'roles',
    claims: roles.map((val) => ({ typ: 'roles', val })),
  };
  return Buffer.from(JSON.stringify(principal), 'utf8').toString('base64');
}
