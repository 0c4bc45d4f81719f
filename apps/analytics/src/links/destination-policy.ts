import type { LinksConfig } from '@app/config';

/**
 * URL shorteners and IP-logging hosts: a short link on the brand's domain leading to one of them hides where a
 * visitor really goes, which is what phishing through an open redirect needs.
 */
export const BUILT_IN_BLOCKED_DOMAINS: readonly string[] = [
  'bit.ly',
  'bitly.com',
  'tinyurl.com',
  'goo.gl',
  'ow.ly',
  'is.gd',
  'v.gd',
  'buff.ly',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  'rb.gy',
  'tiny.cc',
  't.ly',
  's.id',
  'shorte.st',
  'adf.ly',
  'ouo.io',
  'bc.vc',
  'grabify.link',
  'iplogger.org',
  'iplogger.com',
  '2no.co',
];

/** Which destination domains links may lead to: never a blocked one, and only an allowed one when any are set. */
export class DestinationPolicy {
  private readonly blocked: string[];
  private readonly allowed: string[];

  constructor(config: Pick<LinksConfig, 'blockedDomains' | 'allowedDomains'>) {
    this.blocked = [...BUILT_IN_BLOCKED_DOMAINS, ...config.blockedDomains].map(normalDomain);
    this.allowed = config.allowedDomains.map(normalDomain);
  }

  /** Why links may not lead to `url`, naming its domain; null when they may. */
  refusal(url: string): string | null {
    const host = normalDomain(new URL(url).hostname);
    const blocked = this.blocked.find((domain) => isWithin(host, domain));
    if (blocked) return `Links may not lead to ${host}: ${blocked} is a blocked domain`;
    if (this.allowed.length > 0 && !this.allowed.some((domain) => isWithin(host, domain))) {
      return `Links may not lead to ${host}: it is not one of the allowed domains (LINK_ALLOWED_DOMAINS)`;
    }
    return null;
  }
}

/** Lower case, without the trailing dot of a fully qualified name or a leading `*.`/`.` of a pattern. */
function normalDomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/^\*?\./, '')
    .replace(/\.$/, '');
}

/** The domain itself or one of its subdomains (`evil-bit.ly` is neither of `bit.ly`). */
function isWithin(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
