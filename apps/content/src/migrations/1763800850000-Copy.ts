import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Versioned copy sets per product, per-workspace copy settings and AI token usage. */
export class Copy1763800850000 implements MigrationInterface {
  name = 'Copy1763800850000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE copy_sets (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        mode text NOT NULL,
        tone text NOT NULL,
        language text NOT NULL,
        seed integer NOT NULL,
        items jsonb NOT NULL,
        usage jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT copy_sets_version_unique UNIQUE (workspace_id, product_id, version)
      )`);
    await runner.query(`
      CREATE TABLE copy_settings (
        workspace_id uuid PRIMARY KEY,
        default_disclosure text NOT NULL,
        platform_disclosures jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // One row per workspace, day and model: enough to bill or cap, without a row per request.
    await runner.query(`
      CREATE TABLE ai_usage (
        workspace_id uuid NOT NULL,
        day date NOT NULL,
        model text NOT NULL,
        requests integer NOT NULL DEFAULT 0,
        prompt_tokens bigint NOT NULL DEFAULT 0,
        completion_tokens bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (workspace_id, day, model)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE ai_usage');
    await runner.query('DROP TABLE copy_settings');
    await runner.query('DROP TABLE copy_sets');
  }
}
