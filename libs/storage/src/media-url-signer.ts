import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = 'valid' | 'expired' | 'invalid';

/** HMAC-SHA256 signatures over (key, expiry) for the gateway's `/media/...` URLs. */
export class MediaUrlSigner {
  constructor(private readonly secret: string) {}

  /** The query string that makes `/media/<key>` readable until `expiresAtSec` (Unix seconds). */
  sign(key: string, expiresAtSec: number): string {
    return `expires=${expiresAtSec}&signature=${this.signature(key, expiresAtSec)}`;
  }

  /** Valid only for the exact key and expiry that were signed, and only before the expiry. */
  check(
    key: string,
    expires: string | undefined,
    signature: string | undefined,
    nowSec: number,
  ): SignatureCheck {
    if (!expires || !signature || !/^\d{1,12}$/.test(expires)) return 'invalid';
    const expected = Buffer.from(this.signature(key, Number(expires)));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(expires) < nowSec ? 'expired' : 'valid';
  }

  private signature(key: string, expiresAtSec: number): string {
    return createHmac('sha256', this.secret).update(`${key}\n${expiresAtSec}`).digest('base64url');
  }
}
