import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from 'jose';
import { AuthSubjects } from '@app/contracts';
import { openServiceDataSource } from '@app/database';
import { testConfig } from '../../../../test/support/test-config.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { authDatabase } from '../auth.module.js';
import { type AuthTestApp, startAuthTestApp } from '../../test/auth-test-app.js';

const CONFIG_CLAIMS = { issuer: 'shopcast', audience: 'shopcast-api' };

/** Verifies a token the way the gateway does: ES256, the JWKS key named by the header's kid, iss and aud. */
async function verifyWithJwks(token: string, jwks: { keys: Array<Record<string, unknown>> }) {
  const { kid } = decodeProtectedHeader(token);
  const jwk = jwks.keys.find((key) => key.kid === kid);
  if (!jwk) throw new Error(`no key ${String(kid)} in the JWKS`);
  return jwtVerify(token, await importJWK(jwk as JWK, 'ES256'), { ...CONFIG_CLAIMS, algorithms: ['ES256'] });
}

describe('SigningKeysService (real Postgres)', () => {
  const apps: AuthTestApp[] = [];
  const databases: TestDatabase[] = [];

  async function database(): Promise<TestDatabase> {
    const db = await createTestDatabase('auth_keys');
    databases.push(db);
    return db;
  }

  async function start(databaseUrl: string, env?: Record<string, string>): Promise<AuthTestApp> {
    const app = await startAuthTestApp({ databaseUrl, env });
    apps.push(app);
    return app;
  }

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
  });

  describe('with a generated key', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await database();
    });

    it('publishes a public ES256 JWKS that verifies the access tokens it issues', async () => {
      const auth = await start(db.url);
      const session = await auth.register('Signer');
      const jwks = await auth.call(AuthSubjects.jwks, {});

      expect(jwks.keys).toHaveLength(1);
      const [key] = jwks.keys;
      expect(key).toEqual({
        kty: 'EC',
        crv: 'P-256',
        x: expect.any(String),
        y: expect.any(String),
        kid: expect.any(String),
        alg: 'ES256',
        use: 'sig',
      });
      expect(decodeProtectedHeader(session.accessToken)).toMatchObject({ alg: 'ES256', kid: key.kid });

      const { payload } = await verifyWithJwks(session.accessToken, jwks);
      expect(payload).toMatchObject({
        sub: session.userId,
        wid: session.workspaceId,
        role: 'owner',
        iss: 'shopcast',
        aud: 'shopcast-api',
      });
      expect(Number(payload.exp) - Number(payload.iat)).toBe(900);
    });

    it('rejects a token whose claims were altered', async () => {
      const auth = await start(db.url);
      const session = await auth.register('Tamper');
      const jwks = await auth.call(AuthSubjects.jwks, {});
      const [header, payload, signature] = session.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...claims, role: 'owner', wid: 'another' })).toString(
        'base64url',
      );
      await expect(verifyWithJwks(`${header}.${forged}.${signature}`, jwks)).rejects.toThrow(/signature/);
    });

    it('keeps its key in the auth schema and reuses it after a restart', async () => {
      const first = await start(db.url);
      const session = await first.register('Restart');
      const before = await first.call(AuthSubjects.jwks, {});
      await first.close();
      apps.splice(apps.indexOf(first), 1);

      const second = await start(db.url);
      const after = await second.call(AuthSubjects.jwks, {});
      expect(after).toEqual(before);
      await expect(verifyWithJwks(session.accessToken, after)).resolves.toBeDefined();

      const rows: Array<{ kid: string; private_key_pem: string }> = await second.dataSource.query(
        'SELECT kid, private_key_pem FROM signing_keys',
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].kid).toBe(before.keys[0].kid);
      expect(rows[0].private_key_pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    });
  });

  it('agrees on one key when several replicas start on a fresh database at once', async () => {
    const db = await database();
    // Schema and tables first (as the `migrate` init step does), so the replicas race on the key alone.
    const migrated = await openServiceDataSource(authDatabase(testConfig({ DATABASE_URL: db.url })));
    await migrated.destroy();
    const replicas = await Promise.all([start(db.url), start(db.url), start(db.url)]);
    const kids = await Promise.all(
      replicas.map(async (replica) => (await replica.call(AuthSubjects.jwks, {})).keys.map((key) => key.kid)),
    );
    expect(new Set(kids.flat()).size).toBe(1);
    const [{ count }]: Array<{ count: number }> = await replicas[0].dataSource.query(
      'SELECT count(*)::int AS count FROM signing_keys',
    );
    expect(count).toBe(1);
  });

  describe('with JWT_PRIVATE_KEY', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const expectedPublic = publicKey.export({ format: 'jwk' });

    it('signs with the configured key under JWT_KEY_ID and stores no key', async () => {
      const db = await database();
      const auth = await start(db.url, { JWT_PRIVATE_KEY: pem, JWT_KEY_ID: 'prod-2026-01' });
      const session = await auth.register('Configured');
      const jwks = await auth.call(AuthSubjects.jwks, {});
      expect(jwks.keys).toEqual([
        {
          kty: 'EC',
          crv: 'P-256',
          x: expectedPublic.x,
          y: expectedPublic.y,
          kid: 'prod-2026-01',
          alg: 'ES256',
          use: 'sig',
        },
      ]);
      await expect(jwtVerify(session.accessToken, publicKey, CONFIG_CLAIMS)).resolves.toBeDefined();
      const [{ count }]: Array<{ count: number }> = await auth.dataSource.query(
        'SELECT count(*)::int AS count FROM signing_keys',
      );
      expect(count).toBe(0);
    });

    it('derives the kid from the key when JWT_KEY_ID is unset, and accepts \\n-escaped PEM', async () => {
      const db = await database();
      const auth = await start(db.url, { JWT_PRIVATE_KEY: pem.replace(/\n/g, '\\n') });
      const jwks = await auth.call(AuthSubjects.jwks, {});
      expect(jwks.keys[0].kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const session = await auth.register('Derived');
      await expect(verifyWithJwks(session.accessToken, jwks)).resolves.toBeDefined();
    });

    it('refuses to start with a key that is not ES256, without echoing it', async () => {
      const db = await database();
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      });
      const attempt = start(db.url, { JWT_PRIVATE_KEY: rsa.toString() });
      await expect(attempt).rejects.toThrow(
        'JWT_PRIVATE_KEY must be an ES256 (P-256) private key in PKCS#8 PEM format',
      );
      await attempt.catch((error: Error) => expect(error.message).not.toContain('PRIVATE KEY-----'));
    });
  });
});
