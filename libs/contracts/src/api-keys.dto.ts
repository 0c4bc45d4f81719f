import { IsDateString, IsIn, IsString, IsUUID, Length, Matches } from 'class-validator';
import { Optional, Trim } from './validation.js';
import { type Principal, ROLES, type Role } from './principal.js';

/** Request subjects of API keys (auth owns them). */
export const ApiKeySubjects = {
  create: 'auth.apikey.create',
  list: 'auth.apikey.list',
  revoke: 'auth.apikey.revoke',
  /** The gateway turns a presented key into the principal it acts as. */
  verify: 'auth.apikey.verify',
} as const;

/** Every API key starts with this, so the gateway tells it apart from an access token. */
export const API_KEY_PREFIX = 'sk_';
/** `sk_` and 43 base62 characters: 32 random bytes. */
export const API_KEY_PATTERN = /^sk_[0-9A-Za-z]{43}$/;
/** A key expires at most this long after it is created. */
export const API_KEY_MAX_LIFETIME_DAYS = 730;

/** Whether a bearer credential is an API key (by its prefix; the rest is checked on verification). */
export function isApiKey(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX);
}

export class CreateApiKeyDto {
  /** What the key is for (unique among the workspace's active keys), e.g. "Inventory sync". */
  @Trim()
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters long' })
  name!: string;

  /** What the key may do: at most your own role. */
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  /** When the key stops working: in the future, at most two years ahead. Never, when left out. */
  @Optional()
  @IsDateString({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt?: string;
}

export class ApiKeyParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

/** What the gateway sends to verify a presented key. */
export class VerifyApiKeyRequest {
  @IsString()
  @Matches(API_KEY_PATTERN, { message: 'Malformed API key' })
  apiKey!: string;
}

export class ApiKeyCreatorView {
  id!: string;
  name!: string;
}

/** An API key as listed: never the key itself. */
export class ApiKeyView {
  id!: string;
  name!: string;
  /** The key's first characters (`sk_` and 8 more), to tell keys apart. */
  prefix!: string;
  role!: Role;
  /** The member the key acts as; it stops working when they leave the workspace. */
  createdBy!: ApiKeyCreatorView;
  createdAt!: string;
  /** When the key was last used, to the minute; null when never. */
  lastUsedAt!: string | null;
  /** null: the key does not expire. */
  expiresAt!: string | null;
}

/** The answer to a creation: the only time the key is shown. */
export class CreatedApiKeyView extends ApiKeyView {
  /** Send it as `Authorization: Bearer <key>`. Store it now: Shopcast keeps only a hash. */
  key!: string;
}

/** A verified key: the principal it acts as now, and when the key expires (null: never). */
export interface VerifiedApiKeyView {
  principal: Principal;
  expiresAt: string | null;
}
