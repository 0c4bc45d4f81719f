export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is asking: set by the gateway from a verified access token or API key, trusted by services because it
 * came over the bus. An API key acts as the member who created it (`userId`), never above the key's own role.
 */
export interface Principal {
  userId: string;
  workspaceId: string;
  role: Role;
  /** Set when the caller authenticated with this API key instead of signing in. */
  apiKeyId?: string;
}

/** Whether `role` carries no more rights than `ceiling` (owner > admin > editor > viewer). */
export function isRoleWithin(role: Role, ceiling: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(ceiling);
}

/**
 * The role a request acts with, given the caller's current membership role: that role for a signed-in
 * member, and for an API key the lower of the key's role and its creator's current role (a demoted
 * creator's keys are demoted with them).
 */
export function effectiveRole(principal: Principal, memberRole: Role): Role {
  if (principal.apiKeyId === undefined) return memberRole;
  return isRoleWithin(memberRole, principal.role) ? memberRole : principal.role;
}

/** Viewers read; every other role may change workspace data. */
export function canWrite(role: Role): boolean {
  return role !== 'viewer';
}

/** Owners and admins manage the workspace: its members, its publishing settings and its other shared settings. */
export function canManageWorkspace(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/**
 * What a request needs of its caller: `public` needs no principal, `read` any member, `write` a role
 * that may change workspace data, `manage` an owner or admin.
 */
export type Access = 'public' | 'read' | 'write' | 'manage';

/** Whether `role` carries `access`. */
export function grants(role: Role, access: Access): boolean {
  if (access === 'write') return canWrite(role);
  if (access === 'manage') return canManageWorkspace(role);
  return true;
}
