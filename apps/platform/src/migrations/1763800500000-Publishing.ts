import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Connections (encrypted tokens), OAuth states, posts with per-target state and every publish attempt. */
export class Publishing1763800500000 implements MigrationInterface {
  name = 'Publishing1763800500000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE connections (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        platform text NOT NULL,
        name varchar(100) NOT NULL,
        account_id text,
        account_name text,
        avatar_url text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_reconnect')),
        status_reason text,
        access_token_enc text,
        refresh_token_enc text,
        token_expires_at timestamptz(3),
        scopes text,
        webhook_url text,
        signing_secret_enc text,
        timezone text NOT NULL DEFAULT 'UTC',
        limits jsonb NOT NULL DEFAULT '{}',
        last_dispatched_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX connections_account_unique ON connections (workspace_id, platform, account_id)
       WHERE account_id IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX connections_token_expiry_idx ON connections (token_expires_at)
       WHERE status = 'active' AND refresh_token_enc IS NOT NULL`,
    );
    await runner.query(`
      CREATE TABLE oauth_states (
        id text PRIMARY KEY,
        workspace_id uuid NOT NULL,
        user_id uuid NOT NULL,
        platform text NOT NULL,
        code_verifier_enc text NOT NULL,
        expires_at timestamptz(3) NOT NULL,
        used_at timestamptz(3)
      )`);
    await runner.query(`
      CREATE TABLE posts (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        product_id uuid,
        requires_review boolean NOT NULL DEFAULT false,
        review_note text,
        reviewed_by uuid,
        scheduled_at timestamptz(3),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX posts_workspace_created_idx ON posts (workspace_id, created_at DESC)');
    await runner.query(`
      CREATE TABLE post_targets (
        id uuid PRIMARY KEY,
        post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL,
        connection_id uuid NOT NULL,
        platform text NOT NULL,
        text text NOT NULL,
        title text,
        media_urls text[] NOT NULL DEFAULT '{}',
        status text NOT NULL,
        due_at timestamptz(3),
        hold_reason text,
        attempt_count integer NOT NULL DEFAULT 0,
        external_id text,
        external_url text,
        published_at timestamptz(3),
        error_class text,
        error_message text,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX post_targets_post_idx ON post_targets (post_id)');
    await runner.query(
      `CREATE INDEX post_targets_due_idx ON post_targets (due_at) WHERE status = 'scheduled'`,
    );
    await runner.query(`
      CREATE TABLE publish_attempts (
        id uuid PRIMARY KEY,
        target_id uuid NOT NULL REFERENCES post_targets (id) ON DELETE CASCADE,
        connection_id uuid NOT NULL,
        workspace_id uuid NOT NULL,
        worker_id text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('calling', 'published', 'failed', 'unconfirmed')),
        response_status integer,
        error_class text,
        message text,
        started_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3)
      )`);
    await runner.query(
      'CREATE INDEX publish_attempts_target_idx ON publish_attempts (target_id, started_at)',
    );
    await runner.query(
      `CREATE INDEX publish_attempts_calling_idx ON publish_attempts (worker_id) WHERE outcome = 'calling'`,
    );
    await runner.query(
      'CREATE INDEX publish_attempts_connection_idx ON publish_attempts (connection_id, started_at DESC)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE publish_attempts, post_targets, posts, oauth_states, connections');
  }
}
