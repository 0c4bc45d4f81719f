import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The video files on disk now under a VideoSpool root, in every process dir. */
export async function spooledVideoFiles(root: string): Promise<string[]> {
  const dirs = await readdir(root).catch(() => [] as string[]);
  const files = await Promise.all(dirs.map((dir) => readdir(join(root, dir)).catch(() => [] as string[])));
  return files.flat().filter((name) => name.endsWith('.video'));
}
