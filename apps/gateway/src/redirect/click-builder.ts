import { randomUUID } from 'node:crypto';
import type { ClickRecord, ResolvedLink } from '@app/contracts';
import type { LinksConfig } from '@app/config';
import { isBotVisit } from './bot-detector.js';
import type { CountryLookup } from './country-lookup.js';
import { parseUserAgent } from './user-agent.js';
import { VisitorHasher } from './visitor-hash.js';

/** What the redirect knows of a visit. */
export interface Visit {
  method: string;
  ip: string;
  userAgent: string | undefined;
  referer: string | undefined;
  country: string | undefined;
  now: number;
}

interface Agent {
  device: string;
  browser: string | null;
  os: string | null;
  isBot: boolean;
}

const AGENT_CACHE_MAX = 2000;
const COUNTRY = /^[A-Z]{2}$/;

/** Turns a visit into a click record: device, browser and OS, bot flag, referrer domain, visitor hash. */
export class ClickBuilder {
  private readonly hasher: VisitorHasher;
  // Parsing a user agent is the costliest step, and a handful of agents make most of the traffic.
  private readonly agents = new Map<string, Agent>();

  constructor(
    config: LinksConfig,
    private readonly geo?: CountryLookup,
  ) {
    this.hasher = new VisitorHasher(config.visitorHashSecret);
  }

  build(link: ResolvedLink, visit: Visit): ClickRecord {
    const userAgent = visit.userAgent ?? '';
    const agent = this.agentOf(userAgent);
    const isBot = agent.isBot || isBotVisit(visit.method, visit.userAgent);
    return {
      id: randomUUID(),
      linkId: link.id,
      workspaceId: link.workspaceId,
      clickedAt: new Date(visit.now).toISOString(),
      productId: link.productId,
      postId: link.postId,
      targetId: link.targetId,
      variant: link.variant,
      platform: link.platform,
      country: this.countryOf(visit),
      device: isBot ? 'bot' : agent.device,
      browser: agent.browser,
      os: agent.os,
      referrerDomain: referrerDomain(visit.referer),
      isBot,
      visitorHash: this.hasher.hash(visit.ip, userAgent, visit.now),
    };
  }

  /** The trusted header first; the offline database only when the header is absent or not a country code. */
  private countryOf(visit: Visit): string | null {
    const fromHeader = visit.country?.toUpperCase();
    if (fromHeader && COUNTRY.test(fromHeader)) return fromHeader;
    const fromDatabase = this.geo?.countryOf(visit.ip)?.toUpperCase();
    return fromDatabase && COUNTRY.test(fromDatabase) ? fromDatabase : null;
  }

  private agentOf(userAgent: string): Agent {
    const cached = this.agents.get(userAgent);
    if (cached) return cached;
    const agent: Agent = { ...parseUserAgent(userAgent), isBot: isBotVisit('GET', userAgent || undefined) };
    if (this.agents.size >= AGENT_CACHE_MAX) this.agents.delete(this.agents.keys().next().value as string);
    this.agents.set(userAgent, agent);
    return agent;
  }
}

function referrerDomain(referer: string | undefined): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
