import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  calculateJwkThumbprint,
  type CryptoKey,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importPKCS8,
  type JWK,
  SignJWT,
} from 'jose';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { JwksView, Principal } from '@app/contracts';
import { KeysRepository, type NewSigningKey } from './keys.repository.js';

export const ACCESS_TOKEN_ALG = 'ES256';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/**
 * Signs access tokens and publishes the public keys that verify them. The key comes from
 * JWT_PRIVATE_KEY when set; otherwise one is generated at first start and kept in the auth schema,
 * where every replica and every later start finds it.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit {
  private signingKey?: SigningKey;
  private publicJwks: JWK[] = [];

  constructor(
    private readonly keys: KeysRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const { jwtPrivateKey, jwtKeyId } = this.config.auth;
    if (jwtPrivateKey) await this.useConfiguredKey(jwtPrivateKey, jwtKeyId);
    else await this.useStoredKey();
  }

  /** A signed ES256 access token for the principal, valid for the configured lifetime. */
  async signAccessToken(principal: Principal): Promise<string> {
    const key = this.requireKey();
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ wid: principal.workspaceId, role: principal.role })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid: key.kid, typ: 'JWT' })
      .setSubject(principal.userId)
      .setIssuer(this.config.auth.issuer)
      .setAudience(this.config.auth.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + this.config.auth.accessTokenTtlSec)
      .setJti(randomUUID())
      .sign(key.privateKey);
  }

  /** The public keys (JWKS) that verify access tokens; never a private component. */
  jwks(): JwksView {
    this.requireKey();
    return { keys: this.publicJwks.map((jwk) => ({ ...jwk })) };
  }

  private requireKey(): SigningKey {
    if (!this.signingKey) throw new Error('Signing keys are not loaded yet');
    return this.signingKey;
  }

  private async useConfiguredKey(pem: string, configuredKid: string | undefined): Promise<void> {
    let privateKey: CryptoKey;
    try {
      privateKey = await importPKCS8(pem.replace(/\\n/g, '\n'), ACCESS_TOKEN_ALG, { extractable: true });
    } catch {
      // The cause may quote the key material, so it is not passed on.
      throw new Error('JWT_PRIVATE_KEY must be an ES256 (P-256) private key in PKCS#8 PEM format');
    }
    const publicJwk = publicPart(await exportJWK(privateKey));
    const kid = configuredKid ?? (await calculateJwkThumbprint(publicJwk));
    this.signingKey = { kid, privateKey };
    this.publicJwks = [published(publicJwk, kid)];
  }

  private async useStoredKey(): Promise<void> {
    let stored = await this.keys.list();
    if (stored.length === 0) stored = await this.keys.insertIfNoneExists(await generateSigningKey());
    const newest = stored[0];
    this.signingKey = {
      kid: newest.kid,
      privateKey: await importPKCS8(newest.privateKeyPem, ACCESS_TOKEN_ALG),
    };
    this.publicJwks = stored.map((key) => published(key.publicJwk, key.kid));
  }
}

async function generateSigningKey(): Promise<NewSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true });
  const publicJwk = publicPart(await exportJWK(publicKey));
  return {
    kid: await calculateJwkThumbprint(publicJwk),
    algorithm: ACCESS_TOKEN_ALG,
    privateKeyPem: await exportPKCS8(privateKey),
    publicJwk,
  };
}

/** Only the public members of an EC key. */
function publicPart(jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

function published(publicJwk: JWK, kid: string): JWK {
  return { ...publicPart(publicJwk), kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
}
