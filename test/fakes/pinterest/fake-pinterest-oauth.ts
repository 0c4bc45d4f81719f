import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinterestSchema, pinterestSchemaMessage } from './pinterest-spec.js';
import {
  FAKE_USER,
  type FakePinterestOptions,
  type Grant,
  sendError,
  sendJson,
} from './fake-pinterest-state.js';

interface PendingCode {
  redirectUri: string;
  scopes: string[];
  userId: string;
}

interface RefreshGrant {
  userId: string;
  scopes: string[];
  expiresAt: number;
}

const KNOWN_SCOPES = [
  'boards:read',
  'boards:read_secret',
  'boards:write',
  'boards:write_secret',
  'pins:read',
  'pins:read_secret',
  'pins:write',
  'pins:write_secret',
  'user_accounts:read',
];

/**
 * Pinterest's OAuth 2.0 authorization-code flow: consent at /oauth/ (comma-separated scopes), the token
 * endpoint with HTTP Basic client authentication and a form body, single-use codes, continuous refresh
 * and revocation.
 */
export class FakePinterestOAuth {
  readonly accessTokens = new Map<string, Grant>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  /** Token-endpoint calls, without secrets: grant type and whether client auth was valid. */
  readonly tokenCalls: Array<{ grantType: string; clientAuthenticated: boolean }> = [];
  private readonly codes = new Map<string, PendingCode>();

  constructor(private readonly options: FakePinterestOptions) {}

  /** The consent screen, approved at once. */
  authorize(url: URL, response: ServerResponse): void {
    const q = Object.fromEntries(url.searchParams);
    const missing = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state'].filter((key) => !q[key]);
    const scopes = (q.scope ?? '').split(',').filter(Boolean);
    const unknown = scopes.filter((scope) => !KNOWN_SCOPES.includes(scope));
    if (missing.length > 0 || q.response_type !== 'code' || q.client_id !== this.options.clientId) {
      response
        .writeHead(400, { 'content-type': 'text/plain' })
        .end(`Invalid authorization request (${missing.join(', ') || 'bad client_id or response_type'})`);
      return;
    }
    if (unknown.length > 0) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(`Invalid scope: ${unknown.join(',')}`);
      return;
    }
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { redirectUri: q.redirect_uri, scopes, userId: FAKE_USER.id });
    const target = new URL(q.redirect_uri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', q.state);
    response.writeHead(302, { location: target.toString() }).end();
  }

  token(request: IncomingMessage, raw: Buffer, response: ServerResponse): void {
    const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    const clientAuthenticated = this.isClientAuthenticated(request);
    this.tokenCalls.push({ grantType: String(form.grant_type), clientAuthenticated });
    if (!clientAuthenticated) return sendError(response, 401, 2, 'Authentication failed.');
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
      return sendError(response, 400, 1, 'Content-Type must be application/x-www-form-urlencoded');
    if (form.grant_type === 'authorization_code') return this.exchange(form, response);
    if (form.grant_type === 'refresh_token') return this.refresh(form, response);
    sendError(response, 400, 1, `Unsupported grant_type: ${String(form.grant_type)}`);
  }

  revoke(request: IncomingMessage, raw: Buffer, response: ServerResponse): void {
    if (!this.isClientAuthenticated(request)) return sendError(response, 401, 2, 'Authentication failed.');
    const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    const validate = pinterestSchema('TokenRevocationRequest');
    if (!validate(form)) return sendError(response, 400, 1, pinterestSchemaMessage(validate.errors));
    this.accessTokens.delete(form.token);
    this.refreshTokens.delete(form.token);
    response.writeHead(200).end();
  }

  /** The grant behind a Bearer token, or a 401/403 answer already sent. */
  grantFor(request: IncomingMessage, scopes: string[], response: ServerResponse): Grant | undefined {
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    const grant = token ? this.accessTokens.get(token) : undefined;
    if (!grant || grant.expiresAt <= Date.now()) {
      sendError(response, 401, 2, 'Authentication failed.');
      return undefined;
    }
    const missing = scopes.filter((scope) => !grant.scopes.includes(scope));
    if (missing.length > 0) {
      sendError(
        response,
        403,
        403,
        `Not authorized to access this resource. Missing scopes: ${missing.join(',')}`,
      );
      return undefined;
    }
    return grant;
  }

  private exchange(form: Record<string, string>, response: ServerResponse): void {
    const validate = pinterestSchema('OauthAccessTokenRequestCode');
    if (!validate(form)) return sendError(response, 400, 1, pinterestSchemaMessage(validate.errors));
    const pending = this.codes.get(form.code);
    this.codes.delete(form.code);
    if (!pending || pending.redirectUri !== form.redirect_uri)
      return sendError(response, 400, 1, 'Invalid authorization code or redirect_uri.');
    this.issue(pending.userId, pending.scopes, 'authorization_code', response);
  }

  private refresh(form: Record<string, string>, response: ServerResponse): void {
    const validate = pinterestSchema('OauthAccessTokenRequestRefresh');
    if (!validate(form)) return sendError(response, 400, 1, pinterestSchemaMessage(validate.errors));
    const grant = this.refreshTokens.get(form.refresh_token);
    if (!grant || grant.expiresAt <= Date.now()) return sendError(response, 400, 1, 'Invalid refresh token.');
    const rotate = this.options.rotateRefreshTokens ?? true;
    if (rotate) this.refreshTokens.delete(form.refresh_token);
    this.issue(grant.userId, grant.scopes, 'refresh_token', response, rotate);
  }

  private issue(
    userId: string,
    scopes: string[],
    responseType: 'authorization_code' | 'refresh_token',
    response: ServerResponse,
    withRefreshToken = true,
  ): void {
    const ttl = this.options.accessTokenTtlSec ?? 30 * 86_400;
    const refreshTtl = this.options.refreshTokenTtlSec ?? 60 * 86_400;
    const accessToken = `pina_${randomBytes(24).toString('base64url')}`;
    this.accessTokens.set(accessToken, { userId, scopes, expiresAt: Date.now() + ttl * 1000 });
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: ttl,
      scope: scopes.join(','),
      response_type: responseType,
    };
    if (withRefreshToken) {
      const refreshToken = `pinr_${randomBytes(24).toString('base64url')}`;
      const expiresAt = Date.now() + refreshTtl * 1000;
      this.refreshTokens.set(refreshToken, { userId, scopes, expiresAt });
      Object.assign(body, {
        refresh_token: refreshToken,
        refresh_token_expires_in: refreshTtl,
        refresh_token_expires_at: Math.floor(expiresAt / 1000),
      });
    }
    sendJson(response, 200, body);
  }

  private isClientAuthenticated(request: IncomingMessage): boolean {
    const expected = `Basic ${Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64')}`;
    return request.headers.authorization === expected;
  }
}
