import type { TAvatar } from './schema';

/** The square sizes clients lay out, each also made at twice its pixels for dense screens. */
export const AVATAR_SIZES = ['64', '128', '256'] as const;
/** The pixel widths stored: every size and its 2x (64@2x is the 128 file, so four widths cover six slots). */
export const AVATAR_PIXELS = [64, 128, 256, 512] as const;

export type AvatarKeys = { webp: string; jpeg: string };

/**
 * What a user document keeps of its avatar: the keys of the content-addressed variants in the public `assets`
 * blob container, never URLs, so a change of origin (CDN_BASE_URL) applies to every user at once.
 */
export type AvatarRef = {
  uploadId: string;
  /** When its upload was confirmed: a slower, older upload finishing late never replaces a newer avatar. */
  confirmedAt: string;
  updatedAt: string;
  keys: Record<`${(typeof AVATAR_PIXELS)[number]}`, AvatarKeys>;
};

/** A variant key to its public URL (the blob store's unsigned URL, under CDN_BASE_URL when set). */
export type AssetUrl = (key: string) => string;

export const avatarView = (ref: AvatarRef | undefined, assetUrl: AssetUrl): TAvatar | null => {
  if (!ref) return null;
  const urls = (keys: AvatarKeys) => ({ webp: assetUrl(keys.webp), jpeg: assetUrl(keys.jpeg) });
  const size = (px: 64 | 128 | 256) => ({
    '1x': urls(ref.keys[`${px}`]),
    '2x': urls(ref.keys[`${px * 2}` as `${(typeof AVATAR_PIXELS)[number]}`]),
  });
  return { updatedAt: ref.updatedAt, sizes: { '64': size(64), '128': size(128), '256': size(256) } };
};
