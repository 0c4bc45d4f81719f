import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Keyset indexes for the product list's other orders: by title (case-insensitive), price and last change. */
export class ProductSortIndexes1763801200000 implements MigrationInterface {
  name = 'ProductSortIndexes1763801200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE INDEX products_workspace_title_idx ON products (workspace_id, lower(title), id)',
    );
    await runner.query(
      'CREATE INDEX products_workspace_price_idx ON products (workspace_id, coalesce(price_minor, -1), id)',
    );
    await runner.query(
      'CREATE INDEX products_workspace_updated_idx ON products (workspace_id, updated_at, id)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX products_workspace_updated_idx');
    await runner.query('DROP INDEX products_workspace_price_idx');
    await runner.query('DROP INDEX products_workspace_title_idx');
  }
}
