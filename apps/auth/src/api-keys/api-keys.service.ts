import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  API_KEY_MAX_LIFETIME_DAYS,
  type ApiKeyView,
  ConflictError,
  type CreateApiKeyDto,
  type CreatedApiKeyView,
  effectiveRole,
  ForbiddenError,
  InvalidError,
  isRoleWithin,
  NotFoundError,
  type Principal,
  UnauthorizedError,
  type VerifiedApiKeyView,
} from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { newApiKeySecret, hashApiKey } from './api-key.secret.js';
import { toApiKeyView } from './api-key.mapper.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { WorkspacesService } from '../workspaces/workspaces.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_LIFETIME_MS = API_KEY_MAX_LIFETIME_DAYS * DAY_MS;
/** Matches the repository's resolution: a use within the last minute is not written again. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * API keys of a workspace, for scripts and integrations. A key acts as the member who created it, with at
 * most the role chosen for it and never more than that member's current role; it stops working when they
 * leave the workspace. Owners and admins create and revoke keys, every member sees the list. A key itself
 * cannot create or revoke keys: a leaked key must not be able to mint replacements that outlive it.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly workspaces: WorkspacesService,
  ) {}

  async create(context: RequestContext, dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    const { principal } = context;
    refuseApiKeyCaller(principal);
    const callerRole = await this.workspaces.currentRole(principal);
    if (!isRoleWithin(dto.role, callerRole)) {
      throw new ForbiddenError(`A key can have your role (${callerRole}) or a lower one, not ${dto.role}`);
    }
    const secret = newApiKeySecret();
    const id = randomUUID();
    const isStored = await this.keys.insert({
      id,
      workspaceId: principal.workspaceId,
      createdBy: principal.userId,
      name: dto.name,
      prefix: secret.prefix,
      keyHash: secret.hash,
      role: dto.role,
      expiresAt: expiryOf(dto.expiresAt),
    });
    if (!isStored) {
      const message = `This workspace already has an API key named "${dto.name}"`;
      throw new ConflictError(message, { fields: [{ field: 'name', messages: [message] }] });
    }
    const stored = await this.keys.findActive(principal.workspaceId, id);
    if (!stored) throw new NotFoundError('API key');
    return { ...toApiKeyView(stored), key: secret.key };
  }

  async list(context: RequestContext): Promise<ApiKeyView[]> {
    await this.workspaces.currentRole(context.principal);
    const keys = await this.keys.listActive(context.principal.workspaceId);
    return keys.map(toApiKeyView);
  }

  /** Revokes a key at once; gateways that verified it recently stop accepting it within seconds. */
  async revoke(context: RequestContext, id: string): Promise<{ revoked: boolean }> {
    refuseApiKeyCaller(context.principal);
    const isRevoked = await this.keys.revoke(context.principal.workspaceId, id);
    if (!isRevoked) throw new NotFoundError('API key');
    return { revoked: true };
  }

  /** The principal a presented key acts as now; 401 saying why when it does not work. */
  async verify(apiKey: string, now = new Date()): Promise<VerifiedApiKeyView> {
    const key = await this.keys.findByHash(hashApiKey(apiKey));
    if (!key) throw new UnauthorizedError('Invalid API key');
    if (key.revokedAt) throw new UnauthorizedError('This API key has been revoked');
    if (key.expiresAt && key.expiresAt <= now) throw new UnauthorizedError('This API key has expired');
    if (!key.memberRole) {
      throw new UnauthorizedError('The member who created this API key has left the workspace');
    }
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.keys.touchLastUsed(key.id);
    }
    const principal: Principal = {
      userId: key.createdBy,
      workspaceId: key.workspaceId,
      role: key.role,
      apiKeyId: key.id,
    };
    return {
      principal: { ...principal, role: effectiveRole(principal, key.memberRole) },
      expiresAt: key.expiresAt?.toISOString() ?? null,
    };
  }
}

function refuseApiKeyCaller(principal: Principal): void {
  if (principal.apiKeyId !== undefined) {
    throw new ForbiddenError(
      'An API key cannot create or revoke API keys: sign in to Shopcast to manage them',
    );
  }
}

/** The expiry of a new key: none, or a moment in the future at most two years ahead. */
function expiryOf(expiresAt: string | undefined, now = Date.now()): Date | null {
  if (expiresAt === undefined) return null;
  const at = new Date(expiresAt);
  if (at.getTime() <= now) throw invalidExpiry('expiresAt must be in the future');
  if (at.getTime() > now + MAX_LIFETIME_MS) {
    throw invalidExpiry(`expiresAt must be at most ${API_KEY_MAX_LIFETIME_DAYS} days (two years) ahead`);
  }
  return at;
}

function invalidExpiry(message: string): InvalidError {
  return new InvalidError(message, { fields: [{ field: 'expiresAt', messages: [message] }] });
}
