import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { EventSubjects, type SafetyLimitsView } from '@app/contracts';
import { Outbox, type RequestContext, systemContext } from '@app/messaging';
import { LOGGER } from '@app/observability';
import { TransactionHost } from '@app/database';
import type { ConnectionEntity } from '../connections/connection.entity.js';
import { effectiveLimits } from '../connections/connection.mapper.js';
import { ConnectionTokensService } from '../connections/connection-tokens.service.js';
import type { PostEntity, PostTargetEntity } from '../posts/post.entity.js';
import { postFailedEvent, postPublishedEvent, postTargetEvent } from '../posts/post.events.js';
import { TargetMediaResolver } from '../media/target-media.resolver.js';
import { TargetLinks } from '../target-links/target-links.service.js';
import { type PublishCredentials, PublishError, type PublishResult } from '../providers/provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { type DueJob, type PublishJob, PublishQueue } from './publish-queue.js';
import { PublishingRepository } from './publishing.repository.js';
import { type CandidateConnection, planClaims } from './claim-plan.js';
import { GroupCommit } from './group-commit.js';
import { WorkerIdentity } from './worker-identity.js';

interface Claimed {
  target: PostTargetEntity;
  post: PostEntity;
  attemptId: string;
  /** The job's request chain, if a request scheduled the target. */
  correlationId: string | undefined;
  /**
   * What the attempt does and records runs in the request chain that scheduled the target, or else in a
   * chain of its own named by the attempt id (content's logs of the media lookup carry it).
   */
  context: RequestContext;
}

interface ClaimedBatch {
  claims: Claimed[];
  connections: Map<string, ConnectionEntity>;
  /** Targets not due yet or held by a safety limit, to be woken at their due time. */
  waits: DueJob[];
}

interface PublishedItem extends Claimed {
  result: PublishResult;
  publishedAt: Date;
}

/** Credentials looked up once per connection and batch, next to the connection rows the claim locked. */
interface CredentialsMemo extends Map<string, Promise<PublishCredentials>> {
  connections: ReadonlyMap<string, ConnectionEntity>;
}

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 3_600_000;

/**
 * Publishes one due target exactly once: the claim (status `publishing` + an attempt `calling`) commits
 * before the platform is called, under a row lock that a second process skips; the outcome commits after.
 */
@Injectable()
export class Publisher {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repository: PublishingRepository,
    private readonly tokens: ConnectionTokensService,
    private readonly providers: ProviderRegistry,
    private readonly queue: PublishQueue,
    private readonly outbox: Outbox,
    private readonly worker: WorkerIdentity,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly media: TargetMediaResolver,
    private readonly links: TargetLinks,
  ) {}

  private readonly published = new GroupCommit<PublishedItem>((items) => this.writePublished(items));

  /** Never throws: every failure ends up recorded on the target. */
  async dispatch(targetId: string): Promise<void> {
    await this.dispatchMany([{ targetId }]);
  }

  /**
   * Claims those of the jobs' targets that are due in one transaction (targets another process holds are
   * skipped), then calls the platforms in parallel. Never throws: every failure ends up on the target.
   */
  async dispatchMany(jobs: readonly PublishJob[]): Promise<void> {
    const correlations = new Map<string, string | undefined>();
    for (const job of jobs)
      if (!correlations.has(job.targetId)) correlations.set(job.targetId, job.correlationId);
    let batch: ClaimedBatch;
    try {
      batch = await this.tx.run(() => this.claim(correlations));
    } catch (error) {
      this.logger.error(
        { err: error, targets: correlations.size },
        'Dispatch failed; the overdue sweep will pick the targets up again',
      );
      return;
    }
    try {
      await this.queue.enqueueAll(batch.waits);
    } catch (error) {
      this.logger.error({ err: error }, 'Queueing held targets failed; the overdue sweep will queue them');
    }
    const credentials: CredentialsMemo = Object.assign(new Map(), { connections: batch.connections });
    await Promise.all(
      batch.claims.map((claimed) =>
        this.publish(claimed, credentials).catch((error: unknown) =>
          this.logger.error(
            { err: error, targetId: claimed.target.id },
            'Recording a publish outcome failed; the sweep marks the attempt unconfirmed',
          ),
        ),
      ),
    );
  }

  /**
   * Locks the due targets (skipping locked ones) and their connections (one dispatch per connection at a
   * time, so limits count every post of the account), applies the safety limits as if the targets went
   * one after another, and records an attempt `calling` for each target allowed, all before any call.
   * `correlations` maps each target id to its job's request chain.
   */
  private async claim(correlations: ReadonlyMap<string, string | undefined>): Promise<ClaimedBatch> {
    const batch: ClaimedBatch = { claims: [], waits: [], connections: new Map() };
    if (correlations.size === 0) return batch;
    const wait = (targetId: string, dueAt: Date): DueJob => ({
      targetId,
      dueAt,
      correlationId: correlations.get(targetId),
    });
    const locked = await this.repository.lockScheduledTargets([...correlations.keys()]);
    const soon = Date.now() + 500;
    const due = locked.filter((target) => (target.dueAt as Date).getTime() <= soon);
    for (const target of locked)
      if (!due.includes(target)) batch.waits.push(wait(target.id, target.dueAt as Date));
    if (due.length === 0) return batch;
    const connections = await this.repository.lockConnections(unique(due.map((t) => t.connectionId)));
    for (const connection of connections) batch.connections.set(connection.id, connection);
    const posts = new Map(
      (await this.repository.findPosts(unique(due.map((t) => t.postId)))).map((post) => [post.id, post]),
    );
    const candidates = await this.candidateConnections(connections);
    const byId = new Map(due.map((target) => [target.id, target]));
    const now = new Date();
    const plan = planClaims(
      due
        .filter((target) => posts.has(target.postId))
        .map(({ id, connectionId, dueAt }) => ({
          id,
          connectionId,
          dueAt: dueAt as Date,
        })),
      candidates,
      now,
    );
    const orphaned = [
      ...plan.orphaned.map((target) => target.id),
      ...due.filter((target) => !posts.has(target.postId)).map((target) => target.id),
    ];
    await this.repository.failTargets(orphaned, 'needs_reconnect', 'The connection was removed');
    const holds = plan.hold.map(({ target, dueAt, reason }) => ({ id: target.id, dueAt, reason }));
    await this.repository.holdTargets(holds);
    for (const hold of holds) batch.waits.push(wait(hold.id, hold.dueAt));
    const allowed = plan.publish.map((candidate) => byId.get(candidate.id) as PostTargetEntity);
    await this.repository.markPublishing(allowed.map((target) => target.id));
    await this.repository.markDispatchedMany(plan.dispatchedConnections, now);
    const attemptIds = await this.repository.startAttempts(allowed, this.worker.id);
    for (const target of allowed) {
      Object.assign(target, {
        status: 'publishing',
        attemptCount: target.attemptCount + 1,
        holdReason: null,
      });
      const post = posts.get(target.postId) as PostEntity;
      const attemptId = attemptIds.get(target.id) as string;
      const correlationId = correlations.get(target.id);
      batch.claims.push({
        target,
        post,
        attemptId,
        correlationId,
        context: systemContext(post.workspaceId, correlationId ?? attemptId),
      });
    }
    return batch;
  }

  /** Limits and dispatch history of the locked connections; the daily count is read only where a cap applies. */
  private async candidateConnections(
    connections: ConnectionEntity[],
  ): Promise<Map<string, CandidateConnection>> {
    const limits = new Map(
      connections.map((c) => [c.id, effectiveLimits(c, this.providers.get(c.platform).defaultLimits)]),
    );
    const capped = connections.filter((c) => limits.get(c.id)?.dailyCap !== null).map((c) => c.id);
    const counts = capped.length > 0 ? await this.repository.dailyCounts(capped) : new Map();
    return new Map(
      connections.map((connection) => {
        const count = counts.get(connection.id);
        const candidate: CandidateConnection = {
          id: connection.id,
          timezone: connection.timezone,
          limits: limits.get(connection.id) as SafetyLimitsView,
          history: {
            lastDispatchedAt: connection.lastDispatchedAt,
            countLast24h: count?.count ?? 0,
            oldestLast24h: count?.oldest ?? null,
          },
        };
        return [connection.id, candidate];
      }),
    );
  }

  /**
   * Credentials once per connection and batch, from the connection rows the claim read; a token about to
   * expire (or a connection no longer active) goes through the tokens service, which refreshes or refuses
   * in the chain of the first claim that needs it.
   */
  private credentialsFor(claimed: Claimed, memo: CredentialsMemo): Promise<PublishCredentials> {
    const { connectionId } = claimed.target;
    let credentials = memo.get(connectionId);
    if (!credentials) {
      const connection = memo.connections.get(connectionId);
      const known = connection ? this.tokens.credentialsOf(connection) : null;
      credentials = known
        ? Promise.resolve(known)
        : this.tokens.credentialsFor(claimed.context, connectionId);
      memo.set(connectionId, credentials);
    }
    return credentials;
  }

  private async publish(claimed: Claimed, memo: CredentialsMemo): Promise<void> {
    const { post, target } = claimed;
    const provider = this.providers.get(target.platform);
    let result: PublishResult;
    try {
      // The text and options with the tracked link in place of the destination (made now if it is missing).
      const published = await this.links.forPublishing(post, target, claimed.context.correlationId);
      const credentials = await this.credentialsFor(claimed, memo);
      result = await provider.publish(credentials, {
        postId: post.id,
        targetId: target.id,
        text: published.text,
        title: target.title,
        mediaUrls: await this.media.publishUrls(claimed.context, target),
        options: published.options,
      });
    } catch (error) {
      return this.recordFailure(claimed, asPublishError(error, this.logger));
    }
    await this.published.add({ ...claimed, result, publishedAt: new Date() });
  }

  /** One transaction for every successful call that finished meanwhile: attempts, targets, events. */
  private async writePublished(items: PublishedItem[]): Promise<void> {
    await this.tx.run(async () => {
      await this.repository.recordPublished(
        items.map(({ target, attemptId, result, publishedAt }) => ({
          attemptId,
          targetId: target.id,
          responseStatus: result.responseStatus,
          externalId: result.externalId,
          externalUrl: result.url,
          publishedAt,
        })),
      );
      await this.outbox.addEach(
        items.map(({ post, target, context, result, publishedAt }) => ({
          subject: EventSubjects.postPublished,
          data: postPublishedEvent(post, target, {
            externalId: result.externalId,
            externalUrl: result.url,
            publishedAt,
          }),
          origin: context,
        })),
      );
    });
    for (const { target, result, publishedAt } of items)
      Object.assign(target, {
        status: 'published',
        externalId: result.externalId,
        externalUrl: result.url,
        publishedAt,
        errorClass: null,
        errorMessage: null,
      });
  }

  private async recordFailure(claimed: Claimed, error: PublishError): Promise<void> {
    const { post, target, attemptId, context } = claimed;
    const isRetry =
      (error.errorClass === 'retryable' || error.errorClass === 'rate_limited') &&
      target.attemptCount < this.config.publishing.maxAttempts;
    const isUnknown = error.errorClass === 'unknown_outcome';
    const retryAt = isRetry ? this.retryTime(target.attemptCount, error.retryAt) : null;
    await this.tx.run(async () => {
      const outcome = isUnknown ? 'unconfirmed' : 'failed';
      await this.repository.finishAttempt(attemptId, {
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
      await this.repository.saveTarget(target);
      if (error.errorClass === 'needs_reconnect')
        await this.tokens.expire(context, target.connectionId, error.message);
      if (!retryAt) await this.recordOutcomeEvent(context, post, target);
    });
    if (retryAt)
      await this.queue.enqueue({ targetId: target.id, dueAt: retryAt, correlationId: claimed.correlationId });
  }

  /** The platform's reset time when given (plus a second), else exponential backoff from 30 s. */
  private retryTime(attempt: number, resetAt: Date | null): Date {
    const backoff = Date.now() + Math.min(BASE_BACKOFF_MS * 2 ** (attempt - 1), MAX_BACKOFF_MS);
    return new Date(resetAt ? Math.max(resetAt.getTime() + 1000, Date.now() + 1000) : backoff);
  }

  private async recordOutcomeEvent(
    context: RequestContext,
    post: PostEntity,
    target: PostTargetEntity,
  ): Promise<void> {
    if (target.status === 'unconfirmed')
      return void (await this.outbox.add(
        EventSubjects.postUnconfirmed,
        postTargetEvent(post, target),
        context,
      ));
    await this.outbox.add(EventSubjects.postFailed, postFailedEvent(post, target), context);
  }
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

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
