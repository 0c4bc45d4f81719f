import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseProgressLine } from './video-command.js';

/** ffmpeg (or ffprobe) could not be started: not installed, or the configured path is wrong. */
export class FfmpegMissingError extends Error {
  constructor(path: string) {
    super(`ffmpeg was not found at "${path}": install Debian's ffmpeg package or set VIDEO_FFMPEG_PATH`);
    this.name = 'FfmpegMissingError';
  }
}

/** ffmpeg ran and failed; `message` carries the tail of its error output. */
export class FfmpegFailedError extends Error {
  constructor(code: number | null, stderr: string) {
    super(`ffmpeg exited with ${code ?? 'a signal'}: ${stderr.trim().split('\n').slice(-4).join(' | ')}`);
    this.name = 'FfmpegFailedError';
  }
}

/**
 * util-linux's setpriv (essential on Debian) execs ffmpeg with PR_SET_PDEATHSIG: the kernel kills ffmpeg when the
 * Node process dies, which ffmpeg would otherwise outlive (it ignores SIGPIPE on its progress pipe).
 */
const SETPRIV = '/usr/bin/setpriv';
const SETPRIV_EXEC_FAILED = 127;

/** The command that runs `binary` so it dies with this process (when setpriv exists). */
export function withParentDeathSignal(binary: string, args: string[]): { file: string; args: string[] } {
  if (!existsSync(SETPRIV)) return { file: binary, args };
  return { file: SETPRIV, args: ['--pdeathsig', 'SIGKILL', '--', binary, ...args] };
}

/** Runs ffmpeg with an argument array (no shell), reporting progress 0..1 from `-progress pipe:1`. */
export function runFfmpeg(
  binary: string,
  args: string[],
  durationSec: number,
  onProgress: (fraction: number) => void = () => undefined,
  onSpawn: (pid: number) => void = () => undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const command = withParentDeathSignal(binary, args);
    const child = spawn(command.file, command.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) onSpawn(child.pid);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const fraction = parseProgressLine(line, durationSec);
      if (fraction !== null) onProgress(fraction);
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new FfmpegMissingError(binary) : error),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const notStarted =
        command.file === SETPRIV && code === SETPRIV_EXEC_FAILED && /failed to execute/.test(stderr);
      reject(notStarted ? new FfmpegMissingError(binary) : new FfmpegFailedError(code, stderr));
    });
  });
}

export interface ProbedVideo {
  width: number;
  height: number;
  durationSec: number;
  bytes: number;
  /** Overall bitrate, bits per second. */
  bitrate: number;
  videoBitrate: number;
  videoCodec: string;
  audioCodec: string | null;
  fps: number;
}

interface ProbeJson {
  streams: Array<{
    codec_type: string;
    codec_name: string;
    width?: number;
    height?: number;
    avg_frame_rate?: string;
    bit_rate?: string;
  }>;
  format: { duration: string; size: string; bit_rate: string };
}

/** What ffprobe reports about an MP4: size, duration, codecs, frame rate and bitrates. */
export async function probeVideo(ffprobe: string, path: string): Promise<ProbedVideo> {
  const json = await capture(ffprobe, [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,width,height,avg_frame_rate,bit_rate:format=duration,size,bit_rate',
    '-of',
    'json',
    path,
  ]);
  const probe = JSON.parse(json) as ProbeJson;
  const video = probe.streams.find((stream) => stream.codec_type === 'video');
  if (!video) throw new Error('The rendered file has no video stream');
  const audio = probe.streams.find((stream) => stream.codec_type === 'audio');
  const [num, den] = (video.avg_frame_rate ?? '0/1').split('/').map(Number);
  return {
    width: video.width ?? 0,
    height: video.height ?? 0,
    durationSec: Number(probe.format.duration),
    bytes: Number(probe.format.size),
    bitrate: Number(probe.format.bit_rate),
    videoBitrate: Number(video.bit_rate ?? 0),
    videoCodec: video.codec_name,
    audioCodec: audio?.codec_name ?? null,
    fps: den ? num / den : 0,
  };
}

function capture(binary: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new FfmpegMissingError(binary) : error),
    );
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new FfmpegFailedError(code, stderr))));
  });
}
