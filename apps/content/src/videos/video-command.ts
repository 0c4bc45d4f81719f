import type { VideoTemplateName } from '@app/contracts';
import { CROSSFADE_SEC, FADE_SEC, round3, VIDEO_FPS, type VideoLayout, ZOOM_GROWTH } from './video-layout.js';

/** The files of one render, already prepared at their final sizes (see video-assets.ts). */
export interface RenderInputs {
  /** Blurred product image covering the whole frame. */
  background: string;
  /** Product images cropped to `layout.image`, each upscaled by ZOOM_GROWTH so the zoom stays sharp. */
  images: string[];
  /** Full-frame transparent PNG with every text layer. */
  overlay: string;
}

export interface RenderCommand {
  template: VideoTemplateName;
  layout: VideoLayout;
  durationSec: number;
  /** Seconds each image is on screen; see segmentsOf. */
  segments: number[];
  /** Video bitrate floor and ceiling in kbps: constant bitrate, so TikTok's 516 kbps floor always holds. */
  videoKbps: number;
  inputs: RenderInputs;
  output: string;
}

/** Video bitrate of a format: 0.04 bits per pixel at 30 fps (2.5 Mbps at 1080x1920), never under 1000 kbps. */
export function videoKbpsOf(layout: VideoLayout): number {
  return Math.max(1000, Math.round((layout.width * layout.height * VIDEO_FPS * 0.04) / 1000 / 100) * 100);
}

/** The ffmpeg argument array of one render (no shell is involved, so no argument is ever quoted). */
export function buildFfmpegArgs(command: RenderCommand): string[] {
  const { inputs, durationSec, segments } = command;
  const duration = String(durationSec);
  const imageInputs = inputs.images.slice(0, segments.length).flatMap((path) => ['-i', path]);
  const overlayIndex = 1 + segments.length;
  const audioIndex = overlayIndex + 1;
  const kbps = `${command.videoKbps}k`;
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-i',
    inputs.background,
    ...imageInputs,
    '-i',
    inputs.overlay,
    '-f',
    'lavfi',
    '-t',
    duration,
    '-i',
    'anullsrc=channel_layout=stereo:sample_rate=44100',
    '-filter_complex',
    buildFilterGraph(command),
    '-map',
    '[v]',
    '-map',
    `${audioIndex}:a`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(VIDEO_FPS),
    '-b:v',
    kbps,
    '-minrate',
    kbps,
    '-maxrate',
    kbps,
    '-bufsize',
    `${command.videoKbps * 2}k`,
    '-x264-params',
    'nal-hrd=cbr',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-t',
    duration,
    '-movflags',
    '+faststart',
    '-progress',
    'pipe:1',
    '-nostats',
    '-y',
    command.output,
  ];
}

/** The filter graph: blurred background, zooming product image(s) with cross-fades, text overlay, fades. */
export function buildFilterGraph(command: RenderCommand): string {
  const { layout, durationSec, segments } = command;
  const box = layout.image;
  const chains = [`[0:v]format=yuv420p,${still(durationSec)},setsar=1[bg]`];
  segments.forEach((segment, index) => chains.push(zoomChain(index + 1, box, segment, `f${index}`)));
  chains.push(...crossfades(segments));
  const overlayIndex = 1 + segments.length;
  const fadeOutAt = round3(durationSec - FADE_SEC);
  chains.push(
    `[${overlayIndex}:v]format=yuva420p,${still(durationSec)},fade=t=in:st=0.2:d=${FADE_SEC}:alpha=1[txt]`,
    `[bg][product]overlay=x=${box.x}:y=${box.y}:shortest=1[base]`,
    `[base][txt]overlay=x=0:y=0:shortest=1,` +
      `fade=t=in:st=0:d=${FADE_SEC},fade=t=out:st=${fadeOutAt}:d=${FADE_SEC},format=yuv420p[v]`,
  );
  return chains.join(';');
}

/**
 * A slow, smooth zoom without zoompan (whose integer crop shakes): the pre-upscaled image is scaled per frame
 * from the box size up to (1 + ZOOM_GROWTH) times it, then the centre of it is cropped back to the box.
 */
function zoomChain(input: number, box: { width: number; height: number }, segmentSec: number, label: string) {
  const grow = `(1+${ZOOM_GROWTH}*t/${segmentSec})`;
  return (
    `[${input}:v]format=yuv420p,${still(segmentSec)},` +
    `scale=w='2*trunc(${box.width}*${grow}/2)':h='2*trunc(${box.height}*${grow}/2)':eval=frame:flags=bicubic,` +
    `crop=${box.width}:${box.height},format=yuv420p,setsar=1[${label}]`
  );
}

/** Chains the image streams with cross-fades; the last label is always `product`. */
function crossfades(segments: number[]): string[] {
  if (segments.length === 1) return ['[f0]null[product]'];
  const chains: string[] = [];
  let previous = 'f0';
  let offset = 0;
  for (let index = 1; index < segments.length; index += 1) {
    offset = round3(offset + segments[index - 1] - CROSSFADE_SEC);
    const label = index === segments.length - 1 ? 'product' : `x${index}`;
    chains.push(
      `[${previous}][f${index}]xfade=transition=fade:duration=${CROSSFADE_SEC}:offset=${offset}[${label}]`,
    );
    previous = label;
  }
  return chains;
}

/**
 * Repeats a still (decoded once, already converted to its pixel format) for `seconds` at VIDEO_FPS. Looping in
 * the graph instead of with `-loop 1` saves decoding and converting the same image for every frame.
 */
function still(seconds: number): string {
  const frames = Math.round(seconds * VIDEO_FPS);
  return `loop=loop=${frames - 1}:size=1:start=0,setpts=N/${VIDEO_FPS}/TB`;
}

/** The progress, 0..1, from one `-progress` line (`out_time_us=...`); null for any other line. */
export function parseProgressLine(line: string, durationSec: number): number | null {
  const match = /^out_time_(?:us|ms)=(\d+)$/.exec(line.trim());
  if (!match) return null;
  // ffmpeg writes microseconds under both names.
  const seconds = Number(match[1]) / 1_000_000;
  return Math.min(1, Math.max(0, seconds / durationSec));
}
