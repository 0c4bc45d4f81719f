import { api } from './api/client';

export type SessionStatus = 'unknown' | 'signed-in' | 'signed-out';

/** What sign-in, sign-up, refresh and workspace switch answer (the refresh token stays in its cookie). */
export interface SessionTokens {
  accessToken: string;
  expiresIn: number;
}

/** Asks the auth endpoints to keep the refresh token in an HttpOnly cookie instead of the JSON body. */
export const COOKIE_SESSION = { 'x-shopcast-session': 'cookie' } as const;
const RENEW_LOCK = 'shopcast-session-renew';
/** Set by the server beside the HttpOnly refresh cookie (and cleared with it); holds no secret. */
const SIGNED_IN_COOKIE = 'shopcast_signed_in=1';

/**
 * The browser session: the access token lives in memory only and is renewed from the HttpOnly refresh cookie
 * shortly before it expires, after a reload, and when the API answers 401. Renewals are serialised across
 * tabs (Web Locks), because refresh tokens rotate: two tabs presenting the same one would revoke the session.
 */
class BrowserSession {
  private token: string | null = null;
  private status: SessionStatus = 'unknown';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private renewing: Promise<string | null> | undefined;
  private readonly listeners = new Set<() => void>();

  accessToken(): string | null {
    return this.token;
  }

  currentStatus(): SessionStatus {
    return this.status;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts (or continues, after a switch) a session with fresh tokens. */
  begin(tokens: SessionTokens): void {
    this.token = tokens.accessToken;
    clearTimeout(this.timer);
    // Renew a minute early, or halfway for very short lifetimes.
    const renewInSec = Math.max(tokens.expiresIn - 60, tokens.expiresIn / 2);
    this.timer = setTimeout(() => void this.renew(), renewInSec * 1000);
    this.setStatus('signed-in');
  }

  /** Forgets the session in this tab (the server side is revoked by signing out). */
  end(): void {
    this.token = null;
    clearTimeout(this.timer);
    this.setStatus('signed-out');
  }

  /** A new access token from the refresh cookie, or null when there is no session any more. */
  renew(): Promise<string | null> {
    this.renewing ??= this.renewOnce().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async renewOnce(): Promise<string | null> {
    if (!document.cookie.split('; ').includes(SIGNED_IN_COOKIE)) {
      this.end();
      return null;
    }
    const refresh = () => api.POST('/api/v1/auth/refresh', { body: {}, headers: COOKIE_SESSION });
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    try {
      const result = locks ? await locks.request(RENEW_LOCK, refresh) : await refresh();
      if (result.data) {
        this.begin(result.data);
        return result.data.accessToken;
      }
      // 5xx and 429 (rate limited): keep the current state and let the caller fail; other 4xx: the session is gone.
      const { status } = result.response;
      if (status < 500 && status !== 429) this.end();
      return null;
    } catch {
      // The network is down: keep whatever session this tab has; a later request tries again.
      if (this.status === 'unknown') this.end();
      return null;
    }
  }

  private setStatus(status: SessionStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}

export const session = new BrowserSession();
