import { kill } from 'node:process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createOwnedTempDir, readPid, removeStaleTempDirs } from '@app/storage';

export const FFMPEG_PID_FILE = 'ffmpeg.pid';

/** The temp dir of one video's render: `<dataDir>/tmp/videos/<videoId>`, so a restart can find stale ones. */
export function videoTempDirOf(dataDir: string, videoId: string): string {
  return join(videosTempRoot(dataDir), videoId);
}

function videosTempRoot(dataDir: string): string {
  return join(dataDir, 'tmp', 'videos');
}

/** Creates a render's temp dir, recording the process that owns it. */
export function createVideoTempDir(dir: string): Promise<void> {
  return createOwnedTempDir(dir);
}

/**
 * Removes the temp dirs of renders whose process is gone (killed mid-render), first killing an ffmpeg they left
 * running; the dirs of renders another live process is running are kept. Answers the video ids cleaned.
 */
export function removeStaleVideoTempDirs(dataDir: string): Promise<string[]> {
  return removeStaleTempDirs(videosTempRoot(dataDir), async (dir) => {
    const ffmpeg = await readPid(join(dir, FFMPEG_PID_FILE));
    if (ffmpeg !== null && (await isFfmpegOf(ffmpeg, dir))) kill(ffmpeg, 'SIGKILL');
  });
}

/** True only for an ffmpeg writing into `dir`: a recycled pid of an unrelated process is never killed. */
async function isFfmpegOf(pid: number, dir: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('ffmpeg') && cmdline.includes(dir);
}
