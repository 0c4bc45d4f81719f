import { createHmac, randomBytes } from 'node:crypto';

const DAY_MS = 86_400_000;

/**
 * Counts unique visitors without storing who they are: an HMAC of IP and user agent under a salt derived
 * from the secret and the UTC day, so the same visitor hashes alike within a day and unlinkably across days.
 */
export class VisitorHasher {
  private readonly secret: Buffer;
  private day = -1;
  private salt = Buffer.alloc(0);

  constructor(secret: string | undefined) {
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  hash(ip: string, userAgent: string, now: number): string {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.salt = createHmac('sha256', this.secret).update(`visitor-salt:${day}`).digest();
    }
    return createHmac('sha256', this.salt)
      .update(ip)
      .update('\n')
      .update(userAgent)
      .digest('base64url')
      .slice(0, 32);
  }
}
