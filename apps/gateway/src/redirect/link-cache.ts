import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { LINK_ALIAS_PATTERN, LinkSubjects, type ResolvedLink } from '@app/contracts';
import { RpcClient } from '@app/messaging';

interface Entry {
  link: ResolvedLink | null;
  expiresAt: number;
}

const MAX_ENTRIES = 100_000;
const CODE_PATTERN = LINK_ALIAS_PATTERN;

/**
 * The redirect's view of links: answers from memory for `cacheTtlMs`, asks the analytics service once per
 * code however many visits arrive meanwhile, and forgets a link this gateway changed or deleted at once
 * (other gateways see a change within the TTL). Unknown codes are cached too, so a flood of them costs one
 * lookup each per TTL. When the lookup fails, the last known answer is served.
 */
@Injectable()
export class LinkCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<ResolvedLink | null>>();
  private readonly codeById = new Map<string, string>();
  private readonly ttlMs: number;

  constructor(
    private readonly rpc: RpcClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = config.links.cacheTtlMs;
  }

  /** The active link behind a code, or null when there is none (never a syntactically impossible code). */
  get(code: string, now: number): ResolvedLink | null | Promise<ResolvedLink | null> {
    if (!CODE_PATTERN.test(code)) return null;
    const entry = this.entries.get(code);
    if (entry && entry.expiresAt > now) return entry.link;
    return this.pending.get(code) ?? this.load(code);
  }

  /** True when `get` would ask analytics: a well-formed code neither remembered nor being looked up. */
  needsLookup(code: string, now: number): boolean {
    if (!CODE_PATTERN.test(code) || this.pending.has(code)) return false;
    const entry = this.entries.get(code);
    return !entry || entry.expiresAt <= now;
  }

  /** Forgets the link with this id (after this gateway changed or deleted it). */
  invalidateLink(id: string): void {
    const code = this.codeById.get(id);
    if (code !== undefined) this.entries.delete(code);
  }

  private load(code: string): Promise<ResolvedLink | null> {
    const loading = this.rpc
      .send(LinkSubjects.resolve, { code }, { principal: null, correlationId: randomUUID() })
      .then(({ link }) => {
        this.store(code, link);
        return link;
      })
      // While analytics cannot answer, a link seen before keeps redirecting (its clicks queue meanwhile).
      .catch((error: unknown) => {
        const stale = this.entries.get(code);
        if (stale) return stale.link;
        throw error;
      })
      .finally(() => this.pending.delete(code));
    this.pending.set(code, loading);
    return loading;
  }

  private store(code: string, link: ResolvedLink | null): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(code, { link, expiresAt: Date.now() + this.ttlMs });
    if (this.codeById.size >= MAX_ENTRIES) this.codeById.clear();
    if (link) this.codeById.set(link.id, code);
  }
}
