import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { decodeProtectedHeader } from 'jose';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type Principal, ROLES, type Role, UnauthorizedError } from '@app/contracts';
import { PublicKeyStore } from './public-key.store.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

interface AccessClaims {
  sub?: unknown;
  wid?: unknown;
  role?: unknown;
  exp?: unknown;
}

/** The bearer token of a request, as the strategy reads it. */
export const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/** Verifies the ES256 access token with the auth service's public key and turns its claims into a Principal. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    keys: PublicKeyStore,
    private readonly verified: VerifiedTokenCache,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super({
      jwtFromRequest: bearerToken,
      passReqToCallback: true,
      algorithms: ['ES256'],
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      secretOrKeyProvider: (
        _request: unknown,
        rawToken: string,
        done: (error: unknown, key?: string) => void,
      ) => {
        let kid: string | undefined;
        try {
          kid = decodeProtectedHeader(rawToken).kid;
        } catch {
          return done(new UnauthorizedError('Malformed access token'));
        }
        if (!kid) return done(new UnauthorizedError('Access token has no key id'));
        keys.keyFor(kid).then(
          // jsonwebtoken takes a KeyObject (typed as string here): no PEM parsing per request.
          (key) =>
            key
              ? done(null, key as unknown as string)
              : done(new UnauthorizedError('Access token signed by an unknown key')),
          (error: unknown) => done(error),
        );
      },
    });
  }

  validate(request: Parameters<typeof bearerToken>[0], claims: AccessClaims): Principal {
    const { sub, wid, role, exp } = claims;
    if (typeof sub !== 'string' || typeof wid !== 'string' || !ROLES.includes(role as Role)) {
      throw new UnauthorizedError('Access token is missing claims');
    }
    const principal: Principal = { userId: sub, workspaceId: wid, role: role as Role };
    const token = bearerToken(request);
    if (token && typeof exp === 'number') this.verified.set(token, principal, exp);
    return principal;
  }
}
