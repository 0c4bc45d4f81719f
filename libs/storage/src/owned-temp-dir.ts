import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kill } from 'node:process';

const OWNER_FILE = 'owner.pid';

/** Creates (empty) a temp dir under a root of such dirs, recording this process as its owner. */
export async function createOwnedTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, OWNER_FILE), String(process.pid));
}

/**
 * Removes the dirs under `root` whose owning process is gone (a crash or kill left them), calling
 * `beforeRemove` on each first; the dirs of another live process are kept. Answers the names removed.
 */
export async function removeStaleTempDirs(
  root: string,
  beforeRemove: (dir: string) => Promise<void> = async () => undefined,
): Promise<string[]> {
  const entries = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of entries) {
    const dir = join(root, name);
    const owner = await readPid(join(dir, OWNER_FILE));
    if (owner !== null && owner !== process.pid && isAlive(owner)) continue;
    await beforeRemove(dir);
    await rm(dir, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** The process id written in a pid file; null when the file is missing or holds none. */
export async function readPid(path: string): Promise<number | null> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
