import { spawn } from 'node:child_process';
import sharp from 'sharp';

/** Runs a command (ffmpeg, ffprobe) and answers its stdout as bytes; rejects on a non-zero exit. */
export function captureBytes(binary: string, args: string[]): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve({ stdout: Buffer.concat(chunks), stderr })
        : reject(new Error(`${binary} exited ${code}: ${stderr}`)),
    );
  });
}

/** One frame at `atSec` as 8-bit grey pixels, downscaled by `factor` (area average, which evens out noise). */
export async function greyFrame(
  path: string,
  atSec: number,
  width: number,
  height: number,
  factor: number,
): Promise<{ data: Buffer; width: number; height: number }> {
  const w = width / factor;
  const h = height / factor;
  const { stdout } = await captureBytes('ffmpeg', [
    ...['-v', 'error', '-ss', String(atSec), '-i', path, '-frames:v', '1'],
    ...['-vf', `scale=${w}:${h}:flags=area,format=gray`, '-f', 'rawvideo', 'pipe:1'],
  ]);
  return { data: stdout, width: w, height: h };
}

/** The mean loudness of a file's audio in dB (volumedetect); about -91 dB for digital silence. */
export async function meanVolumeDb(path: string): Promise<number> {
  const { stderr } = await captureBytes('ffmpeg', [
    '-i',
    path,
    '-af',
    'volumedetect',
    '-vn',
    '-f',
    'null',
    '-',
  ]);
  const match = /mean_volume: (-?[\d.]+) dB/.exec(stderr);
  if (!match) throw new Error(`no volume in: ${stderr.slice(-300)}`);
  return Number(match[1]);
}

/** A short audio file (a tone) in the given container/codec, as a user would upload it. */
export async function toneFile(
  format: 'mp3' | 'wav' | 'ogg' | 'adts' | 'ipod',
  seconds = 3,
): Promise<Buffer> {
  const codec = { mp3: 'libmp3lame', wav: 'pcm_s16le', ogg: 'libvorbis', adts: 'aac', ipod: 'aac' }[format];
  const { stdout } = await captureBytes('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', codec],
    ...(format === 'ipod' ? ['-movflags', 'frag_keyframe+empty_moov'] : []),
    ...['-f', format, 'pipe:1'],
  ]);
  return stdout;
}

/** A logo: an opaque yellow disc on a transparent square. */
export function logoPng(size = 300): Promise<Buffer> {
  const r = size / 2;
  return sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">` +
        `<circle cx="${r}" cy="${r}" r="${r - 4}" fill="#ffee00"/></svg>`,
    ),
  )
    .png()
    .toBuffer();
}
