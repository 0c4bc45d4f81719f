import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** The apps: each an `apps/<name>/` directory and an image; all but the gateway own a schema and a role. */
export const APPS = ['gateway', 'auth', 'content', 'platform', 'analytics'] as const;
export const SERVICES = APPS.filter((app) => app !== 'gateway');

/** Where `nest build --all` writes an app's entry point (nest-cli.json: tsc builder, rootDir '.'). */
export function mainPath(app: string): string {
  return `dist/apps/${app}/apps/${app}/src/main.js`;
}

/** The non-empty documents of a YAML file, `<<` merge keys resolved; bad syntax or a duplicate key throws. */
export function readYamlDocuments(path: string): unknown[] {
  return parseAllDocuments(readFileSync(path, 'utf8'), { merge: true })
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0].message}`);
      return document.toJS() as unknown;
    })
    .filter((value) => value !== null && value !== undefined);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
