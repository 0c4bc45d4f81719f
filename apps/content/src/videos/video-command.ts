import type { VideoTemplateName } from '@app/contracts';
import type { AnimatedLayer } from './video-animation.js';
import { CROSSFADE_SEC, FADE_SEC, round3, VIDEO_FPS, type VideoLayout, ZOOM_GROWTH } from './video-layout.js';

/** The files of one render, already prepared at their final sizes (see video-assets.ts). */
export interface RenderInputs {
  /** Blurred product image covering the whole frame. */
  background: string;
  /** Product images cropped to `layout.image`, at its size. */
  images: string[];
  /** Full-frame transparent PNG with the static layers (headline, watermark). */
  overlay: string;
  /** One pulse cycle of the price layer, looped. */
  price?: AnimatedLayer | null;
  /** One pulse cycle of the call to action, looped after it slides and fades in. */
  cta?: AnimatedLayer | null;
  /** An audio file mixed at `volume`, looped to the length of the video, read with the ffmpeg demuxer `format`. */
  music?: { path: string; volume: number; format: string } | null;
}

/** When the price and the call to action appear, and for how long the CTA slides in. */
export const PRICE_IN_SEC = 0.5;
export const CTA_IN_SEC = 0.9;
export const CTA_SLIDE_SEC = 0.5;
const MUSIC_FADE_IN_SEC = 1;
const MUSIC_FADE_OUT_SEC = 1.5;

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
  const animated = [inputs.price, inputs.cta].flatMap((layer) =>
    layer ? ['-framerate', String(VIDEO_FPS), '-i', layer.pattern] : [],
  );
  // The music is the user's file: its demuxer is pinned and it may open no other file or URL.
  const audioInput = inputs.music
    ? [
        '-protocol_whitelist',
        'file',
        '-f',
        inputs.music.format,
        '-stream_loop',
        '-1',
        '-i',
        inputs.music.path,
      ]
    : ['-f', 'lavfi', '-t', duration, '-i', 'anullsrc=channel_layout=stereo:sample_rate=44100'];
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
    ...animated,
    ...audioInput,
    '-filter_complex',
    buildFilterGraph(command),
    '-map',
    '[v]',
    '-map',
    inputs.music ? '[a]' : `${audioInputIndex(command)}:a`,
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
  segments.forEach((segment, index) => chains.push(zoomChain(index + 1, segment, `f${index}`)));
  chains.push(...crossfades(segments));
  const overlayIndex = 1 + segments.length;
  const fadeOutAt = round3(durationSec - FADE_SEC);
  chains.push(
    `[${overlayIndex}:v]format=yuva420p,${still(durationSec)},fade=t=in:st=0.2:d=${FADE_SEC}:alpha=1[txt]`,
    `[bg][product]overlay=x=${box.x}:y=${box.y}:shortest=1[base]`,
    `[base][txt]overlay=x=0:y=0:shortest=1[static]`,
  );
  let composed = 'static';
  let input = overlayIndex + 1;
  const { price, cta } = command.inputs;
  if (price) {
    chains.push(
      `[${input}:v]format=yuva420p,${cycle(price, durationSec)},` +
        `fade=t=in:st=${PRICE_IN_SEC}:d=${FADE_SEC}:alpha=1[price]`,
      `[${composed}][price]overlay=x=${price.box.x}:y=${price.box.y}:shortest=1[withprice]`,
    );
    composed = 'withprice';
    input += 1;
  }
  if (cta) {
    const slide = ctaSlideOf(layout, cta);
    const progress = `min(1,max(0,(t-${CTA_IN_SEC})/${CTA_SLIDE_SEC}))`;
    // Eases out: fast at first, settling at its place.
    const x = `${cta.box.x}+${slide}*pow(1-${progress},3)`;
    chains.push(
      `[${input}:v]format=yuva420p,${cycle(cta, durationSec)},` +
        `fade=t=in:st=${CTA_IN_SEC}:d=${CTA_SLIDE_SEC}:alpha=1[cta]`,
      `[${composed}][cta]overlay=x='${x}':y=${cta.box.y}:eval=frame:shortest=1[withcta]`,
    );
    composed = 'withcta';
  }
  chains.push(
    `[${composed}]fade=t=in:st=0:d=${FADE_SEC},fade=t=out:st=${fadeOutAt}:d=${FADE_SEC},format=yuv420p[v]`,
  );
  if (command.inputs.music)
    chains.push(musicChain(audioInputIndex(command), command.inputs.music.volume, durationSec));
  return chains.join(';');
}

function audioInputIndex(command: RenderCommand): number {
  const animated = [command.inputs.price, command.inputs.cta].filter(Boolean).length;
  return 2 + command.segments.length + animated;
}

/** Music at `volume`, cut to the video's length, fading in and out, as stereo 44.1 kHz for AAC. */
function musicChain(input: number, volume: number, durationSec: number): string {
  const fadeOutAt = round3(Math.max(0, durationSec - MUSIC_FADE_OUT_SEC));
  return (
    `[${input}:a]atrim=duration=${durationSec},asetpts=PTS-STARTPTS,volume=${volume},` +
    `afade=t=in:st=0:d=${MUSIC_FADE_IN_SEC},afade=t=out:st=${fadeOutAt}:d=${MUSIC_FADE_OUT_SEC},` +
    'aresample=44100,aformat=sample_fmts=fltp:channel_layouts=stereo[a]'
  );
}

/**
 * How far (px, signed) the CTA starts from its place: toward the side of the safe zone with more room, so the
 * sliding CTA never leaves the safe zone.
 */
export function ctaSlideOf(layout: VideoLayout, cta: AnimatedLayer): number {
  const { safe } = layout;
  const roomRight = safe.x + safe.width - (cta.box.x + cta.box.width);
  const roomLeft = cta.box.x - safe.x;
  const wanted = Math.round(140 * (layout.width / 1080));
  return roomRight >= roomLeft ? Math.min(wanted, roomRight) : -Math.min(wanted, roomLeft);
}

/** Loops one animation cycle (decoded once) for `seconds`. */
function cycle(layer: AnimatedLayer, seconds: number): string {
  const frames = Math.round(seconds * VIDEO_FPS);
  const loops = Math.ceil(frames / layer.frames) - 1;
  return `loop=loop=${loops}:size=${layer.frames}:start=0,setpts=N/${VIDEO_FPS}/TB,trim=end_frame=${frames}`;
}

/**
 * A slow, smooth zoom without zoompan (whose integer crop shakes) and without per-frame integer sizes (a scale to
 * even sizes moves edges in 1-pixel steps): `perspective` samples, per frame and with sub-pixel precision, the
 * centred part of the image (prepared at the box's size) that the zoom shows, stretched over the whole box.
 */
function zoomChain(input: number, segmentSec: number, label: string) {
  const frames = Math.round(segmentSec * VIDEO_FPS);
  // The share of each side cut off at frame `in`: the zoom grows linearly from 1 to 1 + ZOOM_GROWTH.
  const cut = `(1-1/(1+${ZOOM_GROWTH}*in/${frames}))/2`;
  const [left, right, top, bottom] = [`W*${cut}`, `W*(1-${cut})`, `H*${cut}`, `H*(1-${cut})`];
  return (
    `[${input}:v]format=yuv420p,${still(segmentSec)},` +
    `perspective=x0='${left}':y0='${top}':x1='${right}':y1='${top}':x2='${left}':y2='${bottom}':` +
    `x3='${right}':y3='${bottom}':interpolation=linear:sense=source:eval=frame,setsar=1[${label}]`
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
