import { AppError } from '../../errors';
import type { Caller } from './client-principal';
import { LOCAL_KEY_SETTINGS, roleAllows, type Role } from './roles';

/**
 * Passes when the caller's roles allow `needed`. No caller (nothing the platform vouched for)
 * is 401; a caller without a role that allows it is 403. Both name the role and how to send it.
 */
export function requireRole(needed: Role, caller: Caller | undefined): void {
  if (caller?.roles.some((role) => roleAllows(role, needed))) return;
  const how =
    `an Entra ID token of an identity with the "${needed}" app role` +
    ` (locally: the ${LOCAL_KEY_SETTINGS[needed]} key in x-functions-key)`;
  if (caller === undefined) {
    throw new AppError('unauthorized', 'unauthorized', `This route needs the "${needed}" role: send ${how}.`);
  }
  const held = caller.roles.length === 0 ? 'no role' : caller.roles.map((r) => `"${r}"`).join(', ');
  throw new AppError(
    'forbidden',
    'forbidden',
    `This route needs the "${needed}" role; the key or token sent has ${held}. Send ${how}.`,
  );
}
