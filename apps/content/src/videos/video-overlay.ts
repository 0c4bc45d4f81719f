import sharp from 'sharp';
import type { VideoTemplateName, VideoTexts } from '@app/contracts';
import type { Box, VideoLayout } from './video-layout.js';

/** DejaVu Sans Bold advances about 0.62 em per character on average; used to wrap before rendering. */
const CHAR_EM = 0.62;
const LINE_EM = 1.18;
/** The font of text layers when the brand names none. */
export const DEFAULT_VIDEO_FONT = 'DejaVu Sans';
/** The text layers of a frame; price and CTA are animated, so they are also rendered on their own. */
export type OverlayLayer = 'headline' | 'price' | 'cta';
const ALL_LAYERS: OverlayLayer[] = ['headline', 'price', 'cta'];

/** Escapes text for SVG content and drops characters XML forbids; user text never becomes markup. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

export interface FittedText {
  lines: string[];
  fontSize: number;
}

/**
 * The largest font size (from `maxSize` down to `minSize`) at which `text`, wrapped at word boundaries, fits the
 * box; at the smallest size, lines that still do not fit are cut with an ellipsis.
 */
export function fitText(text: string, box: Box, maxSize: number, minSize: number): FittedText {
  const clean = text.replace(/\s+/g, ' ').trim();
  for (let size = maxSize; size >= minSize; size -= 2) {
    const lines = wrap(clean, Math.floor(box.width / (size * CHAR_EM)));
    if (lines.length * size * LINE_EM <= box.height) return { lines, fontSize: size };
  }
  const maxLines = Math.max(1, Math.floor(box.height / (minSize * LINE_EM)));
  const lines = wrap(clean, Math.floor(box.width / (minSize * CHAR_EM)));
  if (lines.length <= maxLines) return { lines, fontSize: minSize };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1].replace(/.$/u, '')}…`;
  return { lines: kept, fontSize: minSize };
}

function wrap(text: string, maxChars: number): string[] {
  const width = Math.max(1, maxChars);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    for (const piece of chunks(word, width)) {
      const candidate = line ? `${line} ${piece}` : piece;
      if ([...candidate].length <= width) line = candidate;
      else {
        if (line) lines.push(line);
        line = piece;
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Splits a word longer than a line (counted in code points, so emoji are never cut in half). */
function chunks(word: string, width: number): string[] {
  const points = [...word];
  const pieces: string[] = [];
  for (let start = 0; start < points.length; start += width)
    pieces.push(points.slice(start, start + width).join(''));
  return pieces;
}

function textBlock(
  text: string,
  box: Box,
  maxSize: number,
  minSize: number,
  fill: string,
  font: string,
): string {
  const { lines, fontSize } = fitText(text, box, maxSize, minSize);
  const lineHeight = fontSize * LINE_EM;
  const top = box.y + (box.height - lines.length * lineHeight) / 2 + fontSize * 0.95;
  const x = box.x + box.width / 2;
  return lines
    .map(
      (line, index) =>
        `<text x="${x}" y="${(top + index * lineHeight).toFixed(1)}" font-family="'${escapeXml(font)}', sans-serif" font-weight="bold" ` +
        `font-size="${fontSize}" fill="${fill}" text-anchor="middle">${escapeXml(line)}</text>`,
    )
    .join('');
}

/** The SVG of the text layers of a frame: headline, price (with the old price on price drops) and CTA. */
export function buildOverlaySvg(
  layout: VideoLayout,
  template: VideoTemplateName,
  texts: VideoTexts,
  font: string = DEFAULT_VIDEO_FONT,
  layers: OverlayLayer[] = ALL_LAYERS,
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}">` +
    `${overlayParts(layout, template, texts, font, layers)}</svg>`
  );
}

/** The SVG elements (in frame coordinates) of the chosen text layers. */
export function overlayParts(
  layout: VideoLayout,
  template: VideoTemplateName,
  texts: VideoTexts,
  font: string,
  layers: OverlayLayer[],
): string {
  const s = layout.width / 1080;
  const parts: string[] = [];
  const { headline, price, cta } = layout;
  if (texts.headline && layers.includes('headline')) {
    parts.push(panel(headline, 24 * s, 'rgba(0,0,0,0.55)'));
    parts.push(
      textBlock(
        texts.headline,
        inset(headline, 24 * s),
        Math.round(72 * s),
        Math.round(34 * s),
        '#ffffff',
        font,
      ),
    );
  }
  if (texts.price && layers.includes('price')) {
    parts.push(panel(price, 20 * s, template === 'price_drop' ? '#d7263d' : 'rgba(0,0,0,0.6)'));
    const hasOld = template === 'price_drop' && Boolean(texts.oldPrice);
    const newBox = hasOld ? { ...price, width: price.width * 0.58 } : price;
    parts.push(
      textBlock(texts.price, inset(newBox, 16 * s), Math.round(76 * s), Math.round(30 * s), '#ffffff', font),
    );
    if (hasOld && texts.oldPrice) {
      const oldBox = { ...price, x: price.x + price.width * 0.58, width: price.width * 0.42 };
      parts.push(
        textBlock(
          texts.oldPrice,
          inset(oldBox, 14 * s),
          Math.round(48 * s),
          Math.round(24 * s),
          '#ffd6da',
          font,
        ),
      );
      const midY = price.y + price.height / 2;
      parts.push(
        `<line x1="${oldBox.x + 14 * s}" y1="${midY}" x2="${oldBox.x + oldBox.width - 14 * s}" y2="${midY}" ` +
          `stroke="#ffd6da" stroke-width="${Math.max(2, 5 * s)}"/>`,
      );
    }
  }
  if (texts.cta && layers.includes('cta')) {
    parts.push(panel(cta, cta.height / 2, '#ffffff'));
    parts.push(
      textBlock(texts.cta, inset(cta, 14 * s), Math.round(52 * s), Math.round(26 * s), '#111111', font),
    );
  }
  return parts.join('');
}

/** Renders the overlay to a full-frame transparent PNG. */
export async function renderOverlayPng(
  layout: VideoLayout,
  template: VideoTemplateName,
  texts: VideoTexts,
  font: string = DEFAULT_VIDEO_FONT,
  layers: OverlayLayer[] = ALL_LAYERS,
): Promise<Buffer> {
  return sharp(Buffer.from(buildOverlaySvg(layout, template, texts, font, layers)))
    .png()
    .toBuffer();
}

function panel(box: Box, radius: number, fill: string): string {
  return `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="${radius}" fill="${fill}"/>`;
}

function inset(box: Box, by: number): Box {
  return { x: box.x + by, y: box.y + by, width: box.width - 2 * by, height: box.height - 2 * by };
}
