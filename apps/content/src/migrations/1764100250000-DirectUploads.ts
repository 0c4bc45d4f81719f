import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Direct uploads handed out and not completed yet: their declared size, and their age for the cleanup. */
export class DirectUploads1764100250000 implements MigrationInterface {
  name = 'DirectUploads1764100250000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE direct_uploads (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL,
        declared_bytes bigint NOT NULL CHECK (declared_bytes > 0),
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX direct_uploads_created_idx ON direct_uploads (created_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE direct_uploads');
  }
}
