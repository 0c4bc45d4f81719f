import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { EventSubjects, type PublishErrorClass } from '@app/contracts';
import { Outbox } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { effectiveLimits } from '../connections/connection.mapper.js';
import { ConnectionTokensService } from '../connections/connection-tokens.service.js';
import { ConnectionsRepository } from '../connections/connections.repository.js';
import type { PostEntity, PostTargetEntity } from '../posts/post.entity.js';
import { PublishError, type PublishResult } from '../providers/provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { PublishQueue } from './publish-queue.js';
import { PublishingRepository } from './publishing.repository.js';
import { checkSafetyLimits } from './safety-limits.js';
import { WorkerIdentity } from './worker-identity.js';

type Claim =
  | { kind: 'skip' }
  | { kind: 'wait'; dueAt: Date }
  | { kind: 'publish'; target: PostTargetEntity; post: PostEntity; attemptId: string };

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 3_600_000;

/**
 * Publishes one due target exactly once: the claim (status `publishing` + an attempt `calling`) commits
 * before the platform is called, under a row lock that a second process skips; the outcome commits after.
 */
@Injectable()
export class Publisher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PublishingRepository,
    private readonly connections: ConnectionsRepository,
    private readonly tokens: ConnectionTokensService,
    private readonly providers: ProviderRegistry,
    private readonly queue: PublishQueue,
    private readonly outbox: Outbox,
    private readonly worker: WorkerIdentity,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Never throws: every failure ends up recorded on the target. */
  async dispatch(targetId: string): Promise<void> {
    try {
      const claim = await this.dataSource.transaction((manager) => this.claim(manager, targetId));
      if (claim.kind === 'wait') return await this.queue.enqueue(targetId, claim.dueAt);
      if (claim.kind === 'publish') await this.publish(claim.post, claim.target, claim.attemptId);
    } catch (error) {
      this.logger.error(
        { err: error, targetId },
        'Dispatch failed; the overdue sweep will pick the target up again',
      );
    }
  }

  private async claim(manager: EntityManager, targetId: string): Promise<Claim> {
    const target = await this.repository.lockTarget(manager, targetId);
    if (!target || target.status !== 'scheduled' || !target.dueAt) return { kind: 'skip' };
    if (target.dueAt.getTime() > Date.now() + 500) return { kind: 'wait', dueAt: target.dueAt };
    // One dispatch per connection at a time, so limits count every post of the account.
    const connection = await this.connections.findForUpdate(manager, target.connectionId);
    const post = await this.repository.findPost(manager, target.postId);
    if (!connection || !post)
      return this.failNow(manager, target, 'needs_reconnect', 'The connection was removed');
    const limits = effectiveLimits(connection, this.providers.get(connection.platform).defaultLimits);
    const history = await this.repository.history(manager, connection.id, connection.lastDispatchedAt);
    const decision = checkSafetyLimits(limits, connection.timezone, history, new Date());
    if (!decision.isAllowed) {
      const dueAt = new Date(
        decision.retryAt.getTime() + Math.floor(Math.random() * limits.jitterSec * 1000),
      );
      Object.assign(target, {
        dueAt,
        holdReason: `${decision.reason}; rescheduled to ${dueAt.toISOString()}`,
      });
      await this.repository.saveTarget(manager, target);
      return { kind: 'wait', dueAt };
    }
    Object.assign(target, { status: 'publishing', attemptCount: target.attemptCount + 1, holdReason: null });
    await this.repository.saveTarget(manager, target);
    await this.repository.markDispatched(manager, connection.id, new Date());
    const attemptId = await this.repository.startAttempt(manager, target, this.worker.id);
    return { kind: 'publish', target, post, attemptId };
  }

  private async publish(post: PostEntity, target: PostTargetEntity, attemptId: string): Promise<void> {
    const provider = this.providers.get(target.platform);
    let result: PublishResult;
    try {
      const credentials = await this.tokens.credentialsFor(target.connectionId);
      result = await provider.publish(credentials, {
        postId: post.id,
        targetId: target.id,
        text: target.text,
        title: target.title,
        mediaUrls: target.mediaUrls,
        options: target.options,
      });
    } catch (error) {
      return this.recordFailure(post, target, attemptId, asPublishError(error, this.logger));
    }
    await this.dataSource.transaction(async (manager) => {
      await this.repository.finishAttempt(manager, attemptId, {
        outcome: 'published',
        responseStatus: result.responseStatus,
        errorClass: null,
        message: null,
      });
      Object.assign(target, {
        status: 'published',
        externalId: result.externalId,
        externalUrl: result.url,
        publishedAt: new Date(),
        errorClass: null,
        errorMessage: null,
      });
      await this.repository.saveTarget(manager, target);
      await this.outbox.add(
        manager,
        EventSubjects.postPublished,
        {
          ...eventBase(post, target),
          externalId: result.externalId,
          externalUrl: result.url,
          publishedAt: (target.publishedAt as Date).toISOString(),
        },
        { workspaceId: post.workspaceId },
      );
    });
  }

  private async recordFailure(
    post: PostEntity,
    target: PostTargetEntity,
    attemptId: string,
    error: PublishError,
  ): Promise<void> {
    const isRetry =
      (error.errorClass === 'retryable' || error.errorClass === 'rate_limited') &&
      target.attemptCount < this.config.publishing.maxAttempts;
    const isUnknown = error.errorClass === 'unknown_outcome';
    const retryAt = isRetry ? this.retryTime(target.attemptCount, error.retryAt) : null;
    await this.dataSource.transaction(async (manager) => {
      const outcome = isUnknown ? 'unconfirmed' : 'failed';
      await this.repository.finishAttempt(manager, attemptId, {
        outcome,
        responseStatus: error.responseStatus,
        errorClass: error.errorClass,
        message: error.message,
      });
      if (retryAt) {
        Object.assign(target, {
          status: 'scheduled',
          dueAt: retryAt,
          holdReason: `${error.message} (retry ${target.attemptCount} at ${retryAt.toISOString()})`,
        });
      } else {
        const message =
          isRetry || !['retryable', 'rate_limited'].includes(error.errorClass)
            ? error.message
            : `${error.message}. Gave up after ${target.attemptCount} attempts`;
        Object.assign(target, {
          status: isUnknown ? 'unconfirmed' : 'failed',
          errorClass: error.errorClass,
          errorMessage: message,
        });
      }
      await this.repository.saveTarget(manager, target);
      if (error.errorClass === 'needs_reconnect')
        await this.expireConnection(manager, target.connectionId, error.message);
      if (!retryAt) await this.recordOutcomeEvent(manager, post, target);
    });
    if (retryAt) await this.queue.enqueue(target.id, retryAt);
  }

  /** The platform's reset time when given (plus a second), else exponential backoff from 30 s. */
  private retryTime(attempt: number, resetAt: Date | null): Date {
    const backoff = Date.now() + Math.min(BASE_BACKOFF_MS * 2 ** (attempt - 1), MAX_BACKOFF_MS);
    return new Date(resetAt ? Math.max(resetAt.getTime() + 1000, Date.now() + 1000) : backoff);
  }

  private async expireConnection(
    manager: EntityManager,
    connectionId: string,
    reason: string,
  ): Promise<void> {
    const connection = await this.connections.findForUpdate(manager, connectionId);
    if (!connection || connection.status !== 'active') return;
    await this.tokens.markNeedsReconnect(manager, connection, reason);
    await this.connections.save(manager, connection);
  }

  private async recordOutcomeEvent(
    manager: EntityManager,
    post: PostEntity,
    target: PostTargetEntity,
  ): Promise<void> {
    const meta = { workspaceId: post.workspaceId };
    if (target.status === 'unconfirmed')
      return void (await this.outbox.add(
        manager,
        EventSubjects.postUnconfirmed,
        eventBase(post, target),
        meta,
      ));
    await this.outbox.add(
      manager,
      EventSubjects.postFailed,
      {
        ...eventBase(post, target),
        errorClass: target.errorClass as PublishErrorClass,
        message: target.errorMessage ?? '',
      },
      meta,
    );
  }

  private async failNow(
    manager: EntityManager,
    target: PostTargetEntity,
    errorClass: PublishErrorClass,
    message: string,
  ): Promise<Claim> {
    Object.assign(target, { status: 'failed', errorClass, errorMessage: message });
    await this.repository.saveTarget(manager, target);
    return { kind: 'skip' };
  }
}

export function eventBase(post: PostEntity, target: PostTargetEntity) {
  return {
    postId: post.id,
    targetId: target.id,
    connectionId: target.connectionId,
    platform: target.platform,
    productId: post.productId,
  };
}

/** A failure that is not a classified PublishError happened around the call: its outcome is unknown. */
function asPublishError(error: unknown, logger: Logger): PublishError {
  if (error instanceof PublishError) return error;
  logger.error({ err: error }, 'Unexpected error while publishing');
  return new PublishError(
    'unknown_outcome',
    'An unexpected error happened while publishing; check the account before retrying',
  );
}
