import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, workspaces and memberships, refresh tokens, login throttling and the JWT signing keys. */
export class AuthSchema1763800100000 implements MigrationInterface {
  name = 'AuthSchema1763800100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email))');

    await runner.query(`
      CREATE TABLE workspaces (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE workspace_members (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, user_id)
      )`);
    await runner.query('CREATE INDEX workspace_members_user_idx ON workspace_members (user_id, created_at)');

    // Refresh tokens are stored only as the SHA-256 of the token; a family is one sign-in's chain of rotations.
    await runner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await runner.query('CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)');
    await runner.query('CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)');

    await runner.query(`
      CREATE TABLE login_failures (
        email text NOT NULL,
        client_ip text NOT NULL,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz,
        PRIMARY KEY (email, client_ip)
      )`);

    await runner.query(`
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        algorithm text NOT NULL,
        private_key_pem text NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE signing_keys');
    await runner.query('DROP TABLE login_failures');
    await runner.query('DROP TABLE refresh_tokens');
    await runner.query('DROP TABLE workspace_members');
    await runner.query('DROP TABLE workspaces');
    await runner.query('DROP TABLE users');
  }
}
