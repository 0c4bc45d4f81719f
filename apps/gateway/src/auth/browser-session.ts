import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TokenPairView } from '@app/contracts';
import { ForbiddenError, InvalidError, UnauthorizedError } from '@app/contracts';

/** The header a browser sends to keep its refresh token in a cookie instead of the JSON body. */
export const SESSION_MODE_HEADER = 'x-shopcast-session';
export const REFRESH_COOKIE = 'shopcast_refresh';
/** Readable by the page and secret-free: tells the app a session cookie exists, so a visitor's first load makes no doomed refresh. */
export const SIGNED_IN_COOKIE = 'shopcast_signed_in';
const COOKIE_PATH = '/api/v1/auth';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a cookie set for this request must be `Secure`: always, except on a loopback address (plain-HTTP development). */
export function needsSecureCookie(request: FastifyRequest): boolean {
  return !LOCAL_HOSTS.has(request.hostname);
}

/**
 * Browser sessions: the refresh token lives in an HttpOnly, SameSite=Strict cookie scoped to the auth routes,
 * so page scripts never see it. A request that uses the cookie must also carry `X-Shopcast-Session: cookie`
 * (a custom header: another site cannot send it without a CORS preflight that Shopcast refuses) and an
 * `Origin` of Shopcast itself, which together stop cross-site request forgery.
 */
export class BrowserSession {
  constructor(
    private readonly trustedOrigins: readonly string[],
    private readonly refreshTtlSec: number,
  ) {}

  isCookieMode(request: FastifyRequest): boolean {
    return request.headers[SESSION_MODE_HEADER] === 'cookie';
  }

  /** The refresh token of a refresh or sign-out: from the body, or from the cookie in cookie mode. */
  refreshTokenOf(request: FastifyRequest, bodyToken: string | undefined): string {
    if (!this.isCookieMode(request)) {
      if (bodyToken === undefined)
        throw new InvalidError('refreshToken is required', {
          fields: [{ field: 'refreshToken', messages: ['refreshToken is required'] }],
        });
      return bodyToken;
    }
    this.assertSameOrigin(request);
    const token = request.cookies[REFRESH_COOKIE];
    if (!token) throw new UnauthorizedError('No session: sign in again');
    return token;
  }

  /** Answers a new token pair: in cookie mode the refresh token goes into the cookie and out of the body. */
  respond<T extends TokenPairView>(
    request: FastifyRequest,
    reply: FastifyReply,
    pair: T,
  ): Omit<T, 'refreshToken'> | T {
    if (!this.isCookieMode(request)) return pair;
    const { refreshToken, ...rest } = pair;
    const options = { ...this.cookieOptions(request), maxAge: this.refreshTtlSec };
    void reply.setCookie(REFRESH_COOKIE, refreshToken, options);
    void reply.setCookie(SIGNED_IN_COOKIE, '1', { ...options, httpOnly: false, path: '/' });
    return rest;
  }

  clear(request: FastifyRequest, reply: FastifyReply): void {
    if (!this.isCookieMode(request)) return;
    const options = this.cookieOptions(request);
    void reply.clearCookie(REFRESH_COOKIE, options);
    void reply.clearCookie(SIGNED_IN_COOKIE, { ...options, httpOnly: false, path: '/' });
  }

  private cookieOptions(request: FastifyRequest): CookieSerializeOptions {
    return {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: needsSecureCookie(request),
    };
  }

  private assertSameOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    const own = `${request.protocol}://${request.host}`;
    if (origin === undefined || (origin !== own && !this.trustedOrigins.includes(origin))) {
      throw new ForbiddenError('This request must come from the Shopcast app itself');
    }
  }
}
