import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  ConflictError,
  type CreateLinkDto,
  InvalidError,
  type LinkView,
  type ListLinksQuery,
  NotFoundError,
  type PostTargetLinkDto,
  type ResolveLinkReply,
  type UpdateLinkDto,
} from '@app/contracts';
import type { RequestContext } from '@app/messaging';
import { DestinationPolicy } from './destination-policy.js';
import { LinkEntity } from './link.entity.js';
import { newLinkCode } from './link-code.js';
import { toLinkView, toResolvedLink } from './link.mapper.js';
import { LinksRepository } from './links.repository.js';
import { completeUtm, postTargetUtm } from './tracked-url.js';

const CODE_ATTEMPTS = 5;

/** Tracked links: create, read, change and delete within the caller's workspace; resolve codes for the redirect. */
@Injectable()
export class LinksService {
  private readonly destinations: DestinationPolicy;

  constructor(
    private readonly links: LinksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.destinations = new DestinationPolicy(config.links);
  }

  async create(context: RequestContext, input: CreateLinkDto): Promise<LinkView> {
    this.checkDestination(input.url);
    const now = new Date();
    const link = Object.assign(new LinkEntity(), {
      id: randomUUID(),
      workspaceId: context.principal.workspaceId,
      url: input.url,
      productId: input.productId ?? null,
      postId: input.postId ?? null,
      targetId: input.targetId ?? null,
      campaignId: input.campaignId ?? null,
      connectionId: input.connectionId ?? null,
      variant: input.variant ?? null,
      platform: input.platform ?? null,
      utm: completeUtm(input.utm, input),
      idempotencyKey: null,
      isDisabled: false,
      expiresAt: input.expiresAt ? futureDate(input.expiresAt) : null,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    if (input.alias) {
      link.code = input.alias;
      if (!(await this.links.insert(link))) throw new ConflictError('This alias is already taken');
      return this.view(link);
    }
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      link.code = newLinkCode();
      if (await this.links.insert(link)) return this.view(link);
    }
    throw new ConflictError('Could not allocate a unique code; try again');
  }

  /**
   * The tracked link of a post target, made on the first request with its idempotency key and returned on
   * every later one (a retry, a concurrent duplicate); a later request's `url` becomes the destination.
   */
  async ensureForTarget(context: RequestContext, input: PostTargetLinkDto): Promise<LinkView> {
    this.checkDestination(input.url);
    const { workspaceId } = context.principal;
    const now = new Date();
    const link = Object.assign(new LinkEntity(), {
      id: randomUUID(),
      workspaceId,
      url: input.url,
      productId: input.productId ?? null,
      postId: input.postId,
      targetId: input.targetId,
      campaignId: input.campaignId ?? null,
      connectionId: input.connectionId,
      variant: input.variant ?? null,
      platform: input.platform,
      utm: postTargetUtm(input),
      idempotencyKey: input.idempotencyKey,
      isDisabled: false,
      expiresAt: null,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      link.code = newLinkCode();
      const outcome = await this.links.insertForTarget(link);
      if (outcome.kind === 'code-taken') continue;
      if (outcome.kind === 'other-attribution') {
        throw new ConflictError(
          'This idempotency key already has a link for another post, target, connection, product, campaign, variant or platform',
        );
      }
      return this.view(await this.find(context, outcome.id));
    }
    throw new ConflictError('Could not allocate a unique code; try again');
  }

  async list(context: RequestContext, query: ListLinksQuery): Promise<LinkView[]> {
    const links = await this.links.list(context.principal.workspaceId, {
      ...query,
      limit: query.limit ?? 50,
    });
    return links.map((link) => this.view(link));
  }

  async get(context: RequestContext, id: string): Promise<LinkView> {
    return this.view(await this.find(context, id));
  }

  async update(context: RequestContext, id: string, patch: UpdateLinkDto): Promise<LinkView> {
    const link = await this.find(context, id);
    if (patch.url !== undefined) link.url = patch.url;
    if (patch.utm !== undefined) link.utm = completeUtm({ ...link.utm, ...patch.utm }, link);
    if (patch.isDisabled !== undefined) link.isDisabled = patch.isDisabled;
    if (patch.expiresAt !== undefined) link.expiresAt = patch.expiresAt ? new Date(patch.expiresAt) : null;
    // Every edit of a live link checks its destination again, so one made before a domain was blocked cannot
    // stay editable while it leads there; disabling it is always possible.
    if (!link.isDisabled) this.checkDestination(link.url);
    link.updatedAt = new Date();
    await this.links.save(link);
    return this.view(link);
  }

  async delete(context: RequestContext, id: string): Promise<void> {
    const link = await this.find(context, id);
    link.deletedAt = new Date();
    link.updatedAt = link.deletedAt;
    await this.links.save(link);
  }

  /** The redirect's lookup: a disabled or deleted link resolves to nothing (404); expiry is the caller's 410. */
  async resolve(code: string): Promise<ResolveLinkReply> {
    const link = await this.links.findByCode(code);
    return { link: link && !link.isDisabled ? toResolvedLink(link) : null };
  }

  /** Refuses (400, naming the domain) a destination on the blocklist or, when one is set, off the allowlist. */
  private checkDestination(url: string): void {
    const refusal = this.destinations.refusal(url);
    if (refusal) throw new InvalidError(refusal);
  }

  private async find(context: RequestContext, id: string): Promise<LinkEntity> {
    const link = await this.links.findOne(context.principal.workspaceId, id);
    if (!link) throw new NotFoundError('Link');
    return link;
  }

  private view(link: LinkEntity): LinkView {
    return toLinkView(link, this.config.links.baseUrl);
  }
}

function futureDate(iso: string): Date {
  const date = new Date(iso);
  if (date.getTime() <= Date.now()) throw new InvalidError('expiresAt must be in the future');
  return date;
}
