import { kill } from 'node:process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const OWNER_FILE = 'owner.pid';
export const FFMPEG_PID_FILE = 'ffmpeg.pid';

/** The temp dir of one video's render: `<dataDir>/tmp/videos/<videoId>`, so a restart can find stale ones. */
export function videoTempDirOf(dataDir: string, videoId: string): string {
  return join(videosTempRoot(dataDir), videoId);
}

function videosTempRoot(dataDir: string): string {
  return join(dataDir, 'tmp', 'videos');
}

/** Creates a render's temp dir, recording the process that owns it. */
export async function createVideoTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, OWNER_FILE), String(process.pid));
}

/**
 * Removes the temp dirs of renders whose process is gone (killed mid-render), first killing an ffmpeg they left
 * running; the dirs of renders another live process is running are kept. Answers the video ids cleaned.
 */
export async function removeStaleVideoTempDirs(dataDir: string): Promise<string[]> {
  const root = videosTempRoot(dataDir);
  const entries = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const videoId of entries) {
    const dir = join(root, videoId);
    const owner = await readPid(join(dir, OWNER_FILE));
    if (owner !== null && owner !== process.pid && isAlive(owner)) continue;
    const ffmpeg = await readPid(join(dir, FFMPEG_PID_FILE));
    if (ffmpeg !== null && (await isFfmpegOf(ffmpeg, dir))) kill(ffmpeg, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
    removed.push(videoId);
  }
  return removed;
}

async function readPid(path: string): Promise<number | null> {
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

/** True only for an ffmpeg writing into `dir`: a recycled pid of an unrelated process is never killed. */
async function isFfmpegOf(pid: number, dir: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('ffmpeg') && cmdline.includes(dir);
}
