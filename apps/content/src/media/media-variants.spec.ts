import { describe, it, expect } from '@jest/globals';
import sharp from 'sharp';
import { InvalidError, MEDIA_PRESETS } from '@app/contracts';
import { hasGpsTag, plainJpeg, pngBomb, sidewaysJpegWithGps } from '../../../../test/fixtures/images.js';
import { inspectMedia } from './media-inspector.js';
import { renderVariants } from './media-variants.js';

const MAX_PIXELS = 50_000_000;

async function pixel(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [...data.subarray(offset, offset + 3)];
}

const isWhite = (rgb: number[]) => rgb.every((channel) => channel > 245);
const isRed = ([r, g, b]: number[]) => r > 180 && g < 60 && b < 60;

describe('renderVariants', () => {
  it('produces the master, a 320 px WebP thumbnail and every preset at its exact size', async () => {
    const variants = await renderVariants(await plainJpeg(1600, 1200), MAX_PIXELS);
    const byName = Object.fromEntries(variants.map((variant) => [variant.name, variant]));
    expect(byName.master).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
    expect(byName.thumbnail).toMatchObject({ format: 'webp', width: 320, height: 240 });
    for (const [name, size] of Object.entries(MEDIA_PRESETS)) {
      expect({ name, ...(await sharp(byName[name].data).metadata()) }).toMatchObject({ name, ...size });
      expect(byName[name]).toMatchObject(size);
    }
    expect((await sharp(byName.thumbnail.data).metadata()).format).toBe('webp');
  });

  it('applies EXIF orientation and strips EXIF (GPS included) from every output', async () => {
    const input = await sidewaysJpegWithGps(800, 400);
    const inputMetadata = await sharp(input).metadata();
    expect(inputMetadata.orientation).toBe(6);
    expect(hasGpsTag(inputMetadata.exif)).toBe(true);
    const variants = await renderVariants(input, MAX_PIXELS);
    const master = variants.find((variant) => variant.name === 'master')!;
    expect([master.width, master.height]).toEqual([400, 800]);
    // The red left half of the stored image is the top half once turned 90° clockwise.
    expect(isRed(await pixel(master.data, 200, 100))).toBe(true);
    for (const variant of variants) {
      const metadata = await sharp(variant.data).metadata();
      expect({ name: variant.name, exif: metadata.exif, orientation: metadata.orientation }).toEqual({
        name: variant.name,
        exif: undefined,
        orientation: undefined,
      });
      expect(variant.data.includes(Buffer.from('ShopcastCam'))).toBe(false);
    }
  });

  it('pads a portrait photo on the marketplace preset instead of cropping it', async () => {
    const portrait = await sharp({ create: { width: 600, height: 1200, channels: 3, background: '#d01010' } })
      .jpeg()
      .toBuffer();
    const variants = await renderVariants(portrait, MAX_PIXELS);
    const marketplace = variants.find((variant) => variant.name === 'marketplace')!.data;
    expect(isWhite(await pixel(marketplace, 100, 1000))).toBe(true);
    expect(isWhite(await pixel(marketplace, 1900, 1000))).toBe(true);
    // The whole height of the product is kept: red from the top edge to the bottom edge.
    expect(isRed(await pixel(marketplace, 1000, 3))).toBe(true);
    expect(isRed(await pixel(marketplace, 1000, 1996))).toBe(true);
    const square = variants.find((variant) => variant.name === 'square')!.data;
    expect(isRed(await pixel(square, 20, 540))).toBe(true);
  });
});

describe('inspectMedia', () => {
  async function refusal(bytes: Buffer, maxPixels = MAX_PIXELS): Promise<InvalidError> {
    const error = await inspectMedia(bytes, maxPixels).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    if (!(error instanceof InvalidError)) throw new Error(`expected an InvalidError, got ${String(error)}`);
    return error;
  }

  it('accepts images by content and reports their displayed size', async () => {
    expect(await inspectMedia(await sidewaysJpegWithGps(800, 400), MAX_PIXELS)).toEqual({
      kind: 'image',
      mimeType: 'image/jpeg',
      width: 400,
      height: 800,
    });
    const png = await sharp({ create: { width: 10, height: 20, channels: 4, background: '#0000' } })
      .png()
      .toBuffer();
    expect(await inspectMedia(png, MAX_PIXELS)).toMatchObject({
      mimeType: 'image/png',
      width: 10,
      height: 20,
    });
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const error = await refusal(pngBomb(100_000, 100_000));
    expect(error.message).toMatch(/100000x100000 \(10000 MP\); the limit is 50 MP/);
  });

  it('refuses a text file named like an image, and a truncated JPEG', async () => {
    expect((await refusal(Buffer.from('sku,title\n1,Mug\n'))).message).toMatch(/not a JPEG, PNG/);
    const jpeg = await plainJpeg(1200, 900, 3);
    const noisy = await sharp(
      Buffer.alloc(1200 * 900 * 3).map((_, index) => (index * 7919) % 251),
      {
        raw: { width: 1200, height: 900, channels: 3 },
      },
    )
      .jpeg()
      .toBuffer();
    for (const whole of [jpeg, noisy]) {
      const truncated = whole.subarray(0, Math.floor(whole.length * 0.6));
      expect((await refusal(truncated)).message).toMatch(/truncated or corrupt/);
    }
  });
});
