import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;

export interface NewOneTimeToken {
  /** What goes into the mailed link; never stored. */
  token: string;
  /** What is stored to find the token again. */
  hash: string;
}

/** A fresh mailed-link token: 32 random bytes, base64url, with its hash. */
export function newOneTimeToken(): NewOneTimeToken {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashOneTimeToken(token) };
}

/** The only form in which a mailed token is stored or looked up (256 random bits: a fast hash is enough). */
export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
