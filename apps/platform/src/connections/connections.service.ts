import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type AuthorizeView,
  type ConnectionView,
  type CreateConnectionDto,
  type CreatedConnectionView,
  EventSubjects,
  InvalidError,
  NotFoundError,
  type OAuthCallbackRequest,
  type OAuthPlatform,
  type PlatformView,
  type UpdateConnectionDto,
  UpstreamError,
} from '@app/contracts';
import { type CallContext, Outbox, type RequestContext } from '@app/messaging';
import { parseHttpUrl, TokenCipher } from '@app/security';
import { TransactionHost } from '@app/database';
import { PublishError } from '../providers/provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { ConnectionEntity } from './connection.entity.js';
import { toConnectionView } from './connection.mapper.js';
import { ConnectionsRepository } from './connections.repository.js';
import { ConnectionTokensService } from './connection-tokens.service.js';
import { newState, nonceOf, pkcePair } from './oauth-state.js';

const STATE_TTL_MS = 10 * 60_000;

/** Connecting accounts: the catalogue, OAuth with PKCE, direct (webhook, manual) connections, settings. */
@Injectable()
export class ConnectionsService {
  private readonly stateKey: Buffer;

  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: ConnectionsRepository,
    private readonly tokens: ConnectionTokensService,
    private readonly providers: ProviderRegistry,
    private readonly outbox: Outbox,
    private readonly cipher: TokenCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.stateKey = cipher.derivedKey('shopcast/oauth-state');
  }

  listPlatforms(): PlatformView[] {
    return this.providers.catalogue();
  }

  /** A signed, single-use state bound to the caller's user and workspace, expiring in 10 minutes. */
  async authorize(context: RequestContext, platform: OAuthPlatform): Promise<AuthorizeView> {
    const oauth = this.providers.oauth(platform);
    const { verifier, challenge } = pkcePair();
    const { nonce, state } = newState(this.stateKey);
    const expiresAt = new Date(Date.now() + STATE_TTL_MS);
    await this.repository.insertState(
      nonce,
      {
        workspaceId: context.principal.workspaceId,
        userId: context.principal.userId,
        platform,
        codeVerifierEnc: this.cipherFor(nonce, verifier),
      },
      expiresAt,
    );
    const url = oauth.authorizeUrl({
      state,
      codeChallenge: challenge,
      redirectUri: this.redirectUri(platform),
    });
    return { url, expiresAt: expiresAt.toISOString() };
  }

  /** The platform's redirect: the state says who asked; the code becomes an encrypted connection. */
  async callback(context: CallContext, query: OAuthCallbackRequest): Promise<ConnectionView> {
    const nonce = nonceOf(this.stateKey, query.state);
    const pending = nonce ? await this.repository.consumeState(nonce, query.platform) : null;
    if (!nonce || !pending)
      throw new InvalidError(
        'This authorization link is invalid, expired or already used; start connecting again',
      );
    if (query.error || !query.code) throw new InvalidError(refusalMessage(query));
    const oauth = this.providers.oauth(query.platform);
    const codeVerifier = this.openFor(nonce, pending.codeVerifierEnc);
    const tokenSet = await oauth
      .exchangeCode({ code: query.code, codeVerifier, redirectUri: this.redirectUri(query.platform) })
      .catch(rethrowAsUpstream);
    const account = await oauth.fetchAccount(tokenSet.accessToken).catch(rethrowAsUpstream);
    return this.tx.run(async () => {
      const existing = await this.repository.findByAccount(pending.workspaceId, query.platform, account.id);
      const connection =
        existing ?? this.newConnection(pending.workspaceId, pending.userId, query.platform, account.name);
      Object.assign(connection, {
        accountId: account.id,
        accountName: account.name,
        avatarUrl: account.avatarUrl,
      });
      this.tokens.seal(connection, tokenSet);
      const saved = await this.repository.save(connection);
      await this.outbox.add(
        EventSubjects.connectionCreated,
        { connectionId: saved.id, platform: saved.platform, accountId: saved.accountId },
        { workspaceId: saved.workspaceId, correlationId: context.correlationId },
      );
      return this.view(saved);
    });
  }

  /** webhook and manual: no OAuth; a webhook's signing secret is returned this once. */
  async create(context: RequestContext, input: CreateConnectionDto): Promise<CreatedConnectionView> {
    const connection = this.newConnection(
      context.principal.workspaceId,
      context.principal.userId,
      input.platform,
      input.name,
    );
    connection.timezone = assertTimezone(input.timezone ?? 'UTC');
    let signingSecret: string | null = null;
    if (input.platform === 'webhook') {
      connection.webhookUrl = parseHttpUrl(input.config?.url ?? '').toString();
      signingSecret = `whsec_${randomBytes(24).toString('base64')}`;
      connection.signingSecretEnc = this.cipherFor(connection.id, signingSecret);
    }
    return this.tx.run(async () => {
      const saved = await this.repository.save(connection);
      await this.outbox.add(
        EventSubjects.connectionCreated,
        { connectionId: saved.id, platform: saved.platform, accountId: null },
        context,
      );
      return { ...this.view(saved), signingSecret };
    });
  }

  async list(context: RequestContext): Promise<ConnectionView[]> {
    return (await this.repository.list(context.principal.workspaceId)).map((connection) =>
      this.view(connection),
    );
  }

  async update(context: RequestContext, id: string, patch: UpdateConnectionDto): Promise<ConnectionView> {
    return this.tx.run(async () => {
      const connection = await this.repository.findOne(context.principal.workspaceId, id);
      if (!connection) throw new NotFoundError('Connection');
      if (patch.name !== undefined) connection.name = patch.name;
      if (patch.timezone !== undefined) connection.timezone = assertTimezone(patch.timezone);
      if (patch.limits !== undefined)
        connection.limits = { ...connection.limits, ...definedOnly(patch.limits) };
      return this.view(await this.repository.save(connection));
    });
  }

  /** Revokes at the platform where it can (best effort), then forgets the tokens. */
  async delete(context: RequestContext, id: string): Promise<void> {
    const connection = await this.repository.findOne(context.principal.workspaceId, id);
    if (!connection) throw new NotFoundError('Connection');
    await this.revokeAtPlatform(connection);
    await this.tx.run(async () => {
      await this.repository.cancelOpenTargets(
        context.principal.workspaceId,
        id,
        'The connection was removed',
      );
      await this.repository.delete(context.principal.workspaceId, id);
    });
  }

  /** Best effort: a platform that is down or no longer configured must not keep a user from disconnecting. */
  private async revokeAtPlatform(connection: ConnectionEntity): Promise<void> {
    const token = this.tokens.open(connection.refreshTokenEnc ?? connection.accessTokenEnc, connection.id);
    if (!token || connection.status !== 'active') return;
    try {
      await this.providers.oauth(connection.platform).revoke(token);
    } catch {
      // Forgetting our copy of the token is what matters; the platform expires it in time.
    }
  }

  private view(connection: ConnectionEntity): ConnectionView {
    return toConnectionView(connection, this.providers.get(connection.platform).defaultLimits);
  }

  private newConnection(
    workspaceId: string,
    userId: string,
    platform: ConnectionEntity['platform'],
    name: string,
  ): ConnectionEntity {
    return Object.assign(new ConnectionEntity(), {
      id: randomUUID(),
      workspaceId,
      platform,
      name: name.slice(0, 100),
      accountId: null as string | null,
      accountName: null as string | null,
      avatarUrl: null as string | null,
      status: 'active' as const,
      statusReason: null,
      accessTokenEnc: null,
      refreshTokenEnc: null,
      tokenExpiresAt: null,
      scopes: null,
      webhookUrl: null,
      signingSecretEnc: null,
      timezone: 'UTC',
      limits: {},
      lastDispatchedAt: null,
      createdBy: userId,
      createdAt: new Date(),
    } satisfies Omit<ConnectionEntity, 'updatedAt'>);
  }

  private redirectUri(platform: OAuthPlatform): string {
    return `${this.config.publicBaseUrl}/api/v1/connections/${platform}/callback`;
  }

  private cipherFor(context: string, value: string): string {
    return this.cipher.encrypt(value, context);
  }

  private openFor(context: string, sealed: string): string {
    return this.cipher.decrypt(sealed, context);
  }
}

function assertTimezone(timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    throw new InvalidError(`timezone "${timezone}" is not an IANA time zone such as Europe/Paris`, {
      fields: [{ field: 'timezone', messages: ['must be an IANA time zone'] }],
    });
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A platform failing during connect is the platform's problem (502), described, never a 500. */
function rethrowAsUpstream(error: unknown): never {
  if (error instanceof PublishError) throw new UpstreamError(error.message);
  throw error;
}

/** Why the platform sent the user back without a code, in its own words when it gave them (user_denied ...). */
function refusalMessage(query: OAuthCallbackRequest): string {
  const reason = query.error_description?.trim();
  const code = query.error ?? 'no code';
  return reason
    ? `The platform did not authorize Shopcast: ${reason} (${code})`
    : `The platform did not authorize Shopcast (${code})`;
}
