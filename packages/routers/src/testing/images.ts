import { crc32 } from 'node:zlib';
import sharp from 'sharp';

const RED = { r: 220, g: 30, b: 30 };
const BLUE = { r: 30, g: 60, b: 220 };

/**
 * A 1200x800 JPEG stored sideways: red top half, blue bottom half, EXIF orientation 6 (display rotated 90°
 * clockwise) and a copyright tag. Upright it is 800x1200 with blue on the left and red on the right.
 */
export const sidewaysJpeg = async (): Promise<Buffer> => {
  const blueHalf = await sharp({ create: { width: 1200, height: 400, channels: 3, background: BLUE } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: RED } })
    .composite([{ input: blueHalf, top: 400, left: 0 }])
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Copyright: 'Test Owner', Make: 'TestCam' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
};

/** A real 16x16 PNG whose header is rewritten to declare `width` x `height`: a decompression bomb's shape. */
export const bombPng = async (width: number, height: number): Promise<Buffer> => {
  const png = Buffer.from(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: RED } })
      .png()
      .toBuffer(),
  );
  // IHDR is the first chunk: length(4) type(4) at byte 8, data from byte 16 (width, height), CRC after 13 bytes.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
};

export const isRedish = (p: { r: number; g: number; b: number }) => p.r > 150 && p.b < 100;
export const isBlueish = (p: { r: number; g: number; b: number }) => p.b > 150 && p.r < 100;

/** The colour at a fraction of the image's width and height. */
export const pixelAt = async (image: Buffer, fx: number, fy: number) => {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const x = Math.floor(info.width * fx);
  const y = Math.floor(info.height * fy);
  const i = (y * info.width + x) * info.channels;
  return { r: data[i] ?? 0, g: data[i + 1] ?? 0, b: data[i + 2] ?? 0 };
};
