import { ForbiddenError, type Role } from '@app/contracts';

/** Only an owner may grant the owner role (directly or by invitation) or change or remove an owner. */
export function assertMayTouchOwnerRole(actorRole: Role, ...roles: Role[]): void {
  if (actorRole !== 'owner' && roles.includes('owner')) {
    throw new ForbiddenError('Only an owner can grant, change or remove the owner role');
  }
}
