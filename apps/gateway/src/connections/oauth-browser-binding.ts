import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, OAUTH_FOREIGN_BROWSER, type OAuthPlatform } from '@app/contracts';
import { needsSecureCookie } from '../auth/browser-session.js';

const cookieName = (platform: OAuthPlatform) => `shopcast_oauth_${platform}`;

function cookieOptions(request: FastifyRequest, platform: OAuthPlatform) {
  return {
    // Sent with the callback alone, and only on the top-level navigation back from the platform (Lax).
    path: `/api/v1/connections/${platform}/callback`,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: needsSecureCookie(request),
  };
}

/**
 * OAuth connect binds its state to the browser that started it: the binding secret is kept in an HttpOnly,
 * SameSite=Lax cookie of that browser until the state expires, and the callback is accepted only with it. A
 * consent link sent to someone else then connects nothing, in no workspace.
 */
export const OAuthBrowserBinding = {
  keep(
    request: FastifyRequest,
    reply: FastifyReply,
    platform: OAuthPlatform,
    binding: string,
    expiresAt: string,
  ) {
    const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
    void reply.setCookie(cookieName(platform), binding, { ...cookieOptions(request, platform), maxAge });
  },

  /** The binding this browser holds for the platform; 403 when it started no connection to it. */
  of(request: FastifyRequest, platform: OAuthPlatform): string {
    const binding = request.cookies[cookieName(platform)];
    if (!binding) throw new ForbiddenError(OAUTH_FOREIGN_BROWSER);
    return binding;
  },

  forget(request: FastifyRequest, reply: FastifyReply, platform: OAuthPlatform) {
    void reply.clearCookie(cookieName(platform), cookieOptions(request, platform));
  },
};
