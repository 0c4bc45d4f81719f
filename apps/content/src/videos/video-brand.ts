import { spawn } from 'node:child_process';
import sharp from 'sharp';
import type { VideoLayout } from './video-layout.js';
import { VideoInputError } from './video-errors.js';

/** A vertical gradient through the brand colours (one colour: that colour to a darker shade of it). */
export async function renderGradientBackground(colors: string[], layout: VideoLayout, path: string) {
  const stops = colors.length === 1 ? [colors[0], darker(colors[0])] : colors;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}">` +
    '<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">' +
    stops
      .map((color, index) => `<stop offset="${index / (stops.length - 1)}" stop-color="${color}"/>`)
      .join('') +
    '</linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>';
  await sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toFile(path);
}

function darker(hex: string): string {
  const channel = (offset: number) =>
    Math.round(parseInt(hex.slice(offset, offset + 2), 16) * 0.45)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

let installed: Promise<Set<string>> | undefined;

/** Font families fontconfig knows (`fc-list : family`), listed once per process. */
export function installedFontFamilies(): Promise<Set<string>> {
  installed ??= new Promise<Set<string>>((resolve, reject) => {
    const child = spawn('fc-list', [':', 'family'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', () =>
      resolve(new Set(out.split('\n').flatMap((line) => line.split(',').map((name) => name.trim())))),
    );
  }).catch((error: unknown) => {
    installed = undefined;
    throw error;
  });
  return installed;
}

/** A font SVG text would silently replace with another one fails the render instead. */
export async function assertFontInstalled(font: string): Promise<void> {
  let families: Set<string>;
  try {
    families = await installedFontFamilies();
  } catch {
    throw new VideoInputError('Fonts cannot be listed: fontconfig (fc-list) is not installed');
  }
  if (!families.has(font)) throw new VideoInputError(`The font "${font}" is not installed on the server`);
}
