import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '@app/config';

const SECRET_FILE = 'media-url-secret';

/**
 * MEDIA_URL_SECRET when set; otherwise a random secret generated at first start and kept in the data dir,
 * so every process sharing that dir (standalone, or a gateway and content on one disk) signs alike.
 */
export async function resolveMediaUrlSecret(config: AppConfig): Promise<string> {
  if (config.media.urlSecret) return config.media.urlSecret;
  const path = join(config.dataDir, SECRET_FILE);
  await mkdir(config.dataDir, { recursive: true });
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
  try {
    // link() is atomic and fails when another process published its secret first; then all read that one.
    await link(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  const secret = (await readFile(path, 'utf8')).trim();
  if (secret.length < 32) throw new Error(`${path} does not hold a usable secret; delete it to regenerate`);
  return secret;
}
