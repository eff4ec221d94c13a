/** The app roles a caller may hold, least first (the Entra ID app role values in Azure). */
export const ROLES = ['predict', 'feedback', 'operate'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles are nested: `operate` also allows feedback and predict, `feedback` also allows predict.
 * An operator may promote any version outright, so posting labels grants nothing more.
 */
export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** The local runtime's key for each role, by setting name (the host admin key is LOCAL_ADMIN_KEY). */
export const LOCAL_KEY_SETTINGS: Readonly<Record<Role, string>> = {
  predict: 'LOCAL_FUNCTION_KEY',
  feedback: 'LOCAL_FEEDBACK_KEY',
  operate: 'LOCAL_OPERATOR_KEY',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
