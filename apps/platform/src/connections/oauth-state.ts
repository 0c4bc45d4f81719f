import { createHash, randomBytes } from 'node:crypto';
import { isValidSignature, sign } from '@app/security';

/** A PKCE pair: the verifier stays with us (encrypted), the S256 challenge goes to the platform. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** `nonce.signature`: a state we did not issue is refused before any database work. */
export function newState(key: Buffer): { nonce: string; state: string } {
  const nonce = randomBytes(24).toString('base64url');
  return { nonce, state: `${nonce}.${sign(key, nonce)}` };
}

/** The nonce of a state we issued, or null for anything forged or malformed. */
export function nonceOf(key: Buffer, state: string): string | null {
  const [nonce, signature, extra] = state.split('.');
  if (!nonce || !signature || extra !== undefined) return null;
  return isValidSignature(key, nonce, signature) ? nonce : null;
}

/**
 * The secret that binds `nonce`'s state to the browser that asked for it: it travels only in that browser's
 * HttpOnly cookie, never in a URL, so a consent link sent to someone else cannot be completed in their browser.
 */
export function browserBindingOf(key: Buffer, nonce: string): string {
  return sign(key, `browser:${nonce}`);
}

/** Whether `binding` is the one issued with `nonce`'s state. */
export function isBrowserBinding(key: Buffer, nonce: string, binding: string): boolean {
  return isValidSignature(key, `browser:${nonce}`, binding);
}
