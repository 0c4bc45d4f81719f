import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Video layers: music, watermark and brand per video, a workspace brand default, a render attempt counter (a
 * render interrupted too often fails instead of staying `rendering`), and audio media assets for the music.
 */
export class VideoLayers1763801100000 implements MigrationInterface {
  name = 'VideoLayers1763801100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE media_assets DROP CONSTRAINT IF EXISTS media_assets_kind_check');
    await runner.query(
      "ALTER TABLE media_assets ADD CONSTRAINT media_assets_kind_check CHECK (kind IN ('image', 'video', 'audio'))",
    );
    await runner.query(`
      ALTER TABLE videos
        ADD COLUMN music jsonb,
        ADD COLUMN watermark jsonb,
        ADD COLUMN brand jsonb,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0`);
    await runner.query(`
      CREATE TABLE video_brand_settings (
        workspace_id uuid PRIMARY KEY,
        colors text[] NOT NULL DEFAULT '{}',
        font text,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE video_brand_settings');
    await runner.query(
      'ALTER TABLE videos DROP COLUMN music, DROP COLUMN watermark, DROP COLUMN brand, DROP COLUMN attempts',
    );
    await runner.query("DELETE FROM media_assets WHERE kind = 'audio'");
    await runner.query('ALTER TABLE media_assets DROP CONSTRAINT media_assets_kind_check');
    await runner.query(
      "ALTER TABLE media_assets ADD CONSTRAINT media_assets_kind_check CHECK (kind IN ('image', 'video'))",
    );
  }
}
