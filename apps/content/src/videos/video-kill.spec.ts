import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FFMPEG_PID_FILE, removeStaleVideoTempDirs, videoTempDirOf } from './video-temp.js';
import { pollUntil } from '../../../../test/support/polling.js';

const FIXTURE = fileURLToPath(new URL('./video-kill.fixture.ts', import.meta.url));
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shopcast-video-kill-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Running and not a zombie (a killed child of a dead parent may wait to be reaped). */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && !/^\d+ \(.*\) Z/.test(stat);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function readPid(path: string): Promise<number> {
  return Number(await readFile(path, 'utf8'));
}

describe('a render whose process is killed', () => {
  it('takes its ffmpeg down with it, and the next startup removes its temp dir', async () => {
    const videoId = randomUUID();
    const dir = videoTempDirOf(dataDir, videoId);
    const renderer = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', FIXTURE, dir], {
      stdio: 'ignore',
    });
    const pidFile = join(dir, FFMPEG_PID_FILE);
    await pollUntil(
      () => readFile(pidFile).catch(() => null),
      (pid) => pid !== null,
      'ffmpeg started',
      90_000,
    );
    const ffmpeg = await readPid(pidFile);
    expect(await isRunning(ffmpeg)).toBe(true);

    renderer.kill('SIGKILL');
    await exited(renderer);
    await pollUntil(
      () => isRunning(ffmpeg),
      (running) => !running,
      'ffmpeg died with its parent',
      5_000,
    );
    expect(await readdir(dir)).toContain('owner.pid');

    expect(await removeStaleVideoTempDirs(dataDir)).toEqual([videoId]);
    expect(await readdir(join(dataDir, 'tmp', 'videos'))).toEqual([]);
  }, 120_000);

  it('kills an ffmpeg a dead owner left running (by its recorded pid) and keeps a live render', async () => {
    const deadOwner = spawn('true');
    await exited(deadOwner);
    const liveOwner = spawn('sleep', ['60'], { stdio: 'ignore' });
    const orphanDir = videoTempDirOf(dataDir, randomUUID());
    const liveDir = videoTempDirOf(dataDir, randomUUID());
    await mkdir(orphanDir, { recursive: true });
    await mkdir(liveDir, { recursive: true });
    await writeFile(join(orphanDir, 'owner.pid'), String(deadOwner.pid));
    await writeFile(join(liveDir, 'owner.pid'), String(liveOwner.pid));
    const orphan = spawn(
      'ffmpeg',
      [
        '-nostdin',
        '-v',
        'error',
        '-re',
        '-f',
        'lavfi',
        '-i',
        'testsrc=d=60',
        '-y',
        join(orphanDir, 'out.mp4'),
      ],
      { stdio: 'ignore' },
    );
    await writeFile(join(orphanDir, FFMPEG_PID_FILE), String(orphan.pid));
    // An unrelated process whose pid a stale file happens to name is left alone.
    await writeFile(join(liveDir, FFMPEG_PID_FILE), String(liveOwner.pid));
    try {
      await pollUntil(
        () => isRunning(orphan.pid ?? 0),
        (running) => running,
        'orphan ffmpeg started',
        5_000,
      );
      const removed = await removeStaleVideoTempDirs(dataDir);
      expect(removed).toEqual([orphanDir.split('/').at(-1)]);
      await exited(orphan);
      expect(orphan.signalCode).toBe('SIGKILL');
      expect(await readdir(liveDir)).toEqual(expect.arrayContaining(['owner.pid']));
      expect(await isRunning(liveOwner.pid ?? 0)).toBe(true);
    } finally {
      liveOwner.kill('SIGKILL');
      orphan.kill('SIGKILL');
      await rm(liveDir, { recursive: true, force: true });
    }
  }, 30_000);
});
