import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Inserts many entities with one statement: their values travel as one JSON document that jsonb_to_recordset
 * reads back with the columns and types of the entity's metadata, so thousands of rows cost one round trip and
 * no per-value parameter (TypeORM's insert builds and scans one parameter per value). Every column is written
 * from the entity (no database default applies) and nothing is returned.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly T[],
): Promise<void> {
  if (rows.length === 0) return;
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(target);
  const columns = metadata.columns.map((column) => ({
    column,
    name: driver.escape(column.databaseName),
    type: `${driver.normalizeType(column)}${column.isArray ? '[]' : ''}`,
  }));
  const names = columns.map(({ name }) => name).join(', ');
  const table = metadata.tablePath
    .split('.')
    .map((part) => driver.escape(part))
    .join('.');
  const records = rows.map((row) =>
    Object.fromEntries(
      columns.map(({ column }) => [column.databaseName, column.getEntityValue(row) ?? null]),
    ),
  );
  await manager.query(
    `INSERT INTO ${table} (${names})
     SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${columns.map(({ name, type }) => `${name} ${type}`).join(', ')})`,
    [JSON.stringify(records)],
  );
}
