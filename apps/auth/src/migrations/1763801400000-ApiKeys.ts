import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys of a workspace: only the SHA-256 of each key is stored, with a short prefix to tell keys apart. */
export class ApiKeys1763801400000 implements MigrationInterface {
  name = 'ApiKeys1763801400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        expires_at timestamptz,
        revoked_at timestamptz
      )`);
    await runner.query('CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash)');
    // A revoked key frees its name: only active keys need telling apart.
    await runner.query(
      'CREATE UNIQUE INDEX api_keys_workspace_name_key ON api_keys (workspace_id, name) WHERE revoked_at IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE api_keys');
  }
}
