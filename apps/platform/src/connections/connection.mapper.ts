import type { ConnectionView, SafetyLimitsView } from '@app/contracts';
import type { ConnectionEntity } from './connection.entity.js';

/** The platform's defaults with the connection's overrides applied. */
export function effectiveLimits(connection: ConnectionEntity, defaults: SafetyLimitsView): SafetyLimitsView {
  const overrides = connection.limits ?? {};
  return {
    dailyCap: overrides.dailyCap === undefined ? defaults.dailyCap : overrides.dailyCap,
    minGapSec: overrides.minGapSec ?? defaults.minGapSec,
    jitterSec: overrides.jitterSec ?? defaults.jitterSec,
    quietStart: overrides.quietStart === undefined ? defaults.quietStart : overrides.quietStart,
    quietEnd: overrides.quietEnd === undefined ? defaults.quietEnd : overrides.quietEnd,
  };
}

/** The only shape of a connection that leaves the service: no token, no secret. */
export function toConnectionView(connection: ConnectionEntity, defaults: SafetyLimitsView): ConnectionView {
  return {
    id: connection.id,
    platform: connection.platform,
    name: connection.name,
    accountId: connection.accountId,
    accountName: connection.accountName,
    avatarUrl: connection.avatarUrl,
    status: connection.status,
    statusReason: connection.statusReason,
    timezone: connection.timezone,
    limits: effectiveLimits(connection, defaults),
    url: connection.webhookUrl,
    tokenExpiresAt: connection.tokenExpiresAt?.toISOString() ?? null,
    createdAt: connection.createdAt.toISOString(),
  };
}
