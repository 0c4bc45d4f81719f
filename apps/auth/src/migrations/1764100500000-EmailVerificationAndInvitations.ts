import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proof of email ownership and consent to join: when a user's address was verified, single-use mailed tokens
 * (email verification, password reset) and invitations to a workspace. Tokens are stored only as their SHA-256.
 * Accounts that existed before are unverified: nobody ever proved they own their address.
 */
export class EmailVerificationAndInvitations1764100500000 implements MigrationInterface {
  name = 'EmailVerificationAndInvitations1764100500000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE users ADD COLUMN email_verified_at timestamptz');
    await runner.query(`
      CREATE TABLE email_tokens (
        id uuid PRIMARY KEY,
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        email text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await runner.query('CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose)');
    await runner.query('CREATE INDEX email_tokens_expires_idx ON email_tokens (expires_at)');
    await runner.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
        token_hash text NOT NULL UNIQUE,
        invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        revoked_at timestamptz
      )`);
    // One open invitation per address and workspace: inviting again replaces it.
    await runner.query(`
      CREATE UNIQUE INDEX invitations_open_key ON invitations (workspace_id, lower(email))
        WHERE accepted_at IS NULL AND revoked_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE invitations');
    await runner.query('DROP TABLE email_tokens');
    await runner.query('ALTER TABLE users DROP COLUMN email_verified_at');
  }
}
