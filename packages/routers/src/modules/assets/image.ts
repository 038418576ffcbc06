import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../app-error';
import { AVATAR_PIXELS } from '../users/avatar';

/** Largest decoded image accepted (width x height): a small file declaring more is a decompression bomb. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Formats sniffed from the bytes that an avatar may be; never SVG (a document, not a picture) nor TIFF/HEIF. */
const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp', 'gif'] as const;

const refuseFile = (code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE', message: string) =>
  new AppError(code, message, { fields: [{ path: 'file', message }] });

/**
 * What the bytes are, read from their header only (cheap, so it runs on the request path): a non-image, a
 * format outside the accepted ones, or more pixels than MAX_INPUT_PIXELS is refused with a 4xx naming `file`,
 * whatever content type the upload declared.
 */
export const inspectImage = async (bytes: Buffer) => {
  let meta: Metadata;
  try {
    // The header alone, without sharp's own pixel limit, so a bomb is refused below with its dimensions named.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw refuseFile('BAD_REQUEST', 'The file is not an image (JPEG, PNG, WebP or GIF)');
  }
  const format = meta.format as string | undefined;
  if (!format || !(ACCEPTED_FORMATS as readonly string[]).includes(format)) {
    throw refuseFile('BAD_REQUEST', `Images must be JPEG, PNG, WebP or GIF, not ${format ?? 'unknown'}`);
  }
  const { width = 0, height = 0 } = meta;
  if (width * height > MAX_INPUT_PIXELS) {
    throw refuseFile(
      'PAYLOAD_TOO_LARGE',
      `The image is ${width}x${height}; at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels are accepted`,
    );
  }
  return { format, width, height };
};

export type Variant = {
  pixels: (typeof AVATAR_PIXELS)[number];
  format: 'webp' | 'jpeg';
  contentType: string;
  bytes: Buffer;
};

/**
 * The avatar's variants: EXIF orientation applied (`rotate()`), cropped square from the centre, each pixel size
 * as WebP and JPEG. Output carries no metadata (sharp keeps none unless asked with `withMetadata`), so no
 * camera, GPS or orientation tags leave with the picture. The pixel limit is enforced again while decoding.
 */
export const makeAvatarVariants = async (bytes: Buffer): Promise<Variant[]> => {
  // One decode, rotated once, kept raw (no lossy round trip); every variant is resized from that.
  const base = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  const upright = await base.raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: upright.info, limitInputPixels: MAX_INPUT_PIXELS };
  const variants: Variant[] = [];
  for (const pixels of AVATAR_PIXELS) {
    const square = sharp(upright.data, raw).resize(pixels, pixels, {
      fit: 'cover',
      position: 'centre',
    });
    const [webp, jpeg] = await Promise.all([
      square.clone().webp({ quality: 82 }).toBuffer(),
      square.clone().flatten({ background: '#ffffff' }).jpeg({ quality: 85, mozjpeg: true }).toBuffer(),
    ]);
    variants.push({ pixels, format: 'webp', contentType: 'image/webp', bytes: webp });
    variants.push({ pixels, format: 'jpeg', contentType: 'image/jpeg', bytes: jpeg });
  }
  return variants;
};
