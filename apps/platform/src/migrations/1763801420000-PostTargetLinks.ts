import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tracked links of post targets: an opt-out per post and per target, the destination the target's link leads
 * to and the link analytics made for it (`{id, shortUrl, url}`). The caption variant label they carry is
 * TargetVariant's column.
 */
export class PostTargetLinks1763801420000 implements MigrationInterface {
  name = 'PostTargetLinks1763801420000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE posts ADD COLUMN tracking boolean NOT NULL DEFAULT true');
    await runner.query(`
      ALTER TABLE post_targets
        ADD COLUMN tracking boolean NOT NULL DEFAULT true,
        ADD COLUMN destination_url text,
        ADD COLUMN link jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE post_targets
        DROP COLUMN link,
        DROP COLUMN destination_url,
        DROP COLUMN tracking`);
    await runner.query('ALTER TABLE posts DROP COLUMN tracking');
  }
}
