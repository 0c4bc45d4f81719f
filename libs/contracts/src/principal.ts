export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: set by the gateway from a verified access token, trusted by services because it came over the bus. */
export interface Principal {
  userId: string;
  workspaceId: string;
  role: Role;
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
