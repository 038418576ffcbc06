import { createAzureBlobStore } from '@bytelyst/db/blob-azure';
import { startAzurite } from '@bytelyst/db/testing/azurite';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sidewaysJpeg } from '../../testing/images';
import { putImmutable, sha256Hex } from './asset-store';
import { makeAvatarVariants } from './image';

/** On Azure the variants are plain blob URLs of the public `assets` container, with Cache-Control set on upload. */
describe('assets on Azure (Azurite)', () => {
  let azurite: Awaited<ReturnType<typeof startAzurite>> | undefined;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => azurite?.stop());

  it('serves content-addressed variants unsigned with their immutable Cache-Control; private containers stay private', async () => {
    const blob = createAzureBlobStore({ connectionString: azurite?.connectionString ?? '' });
    const variants = await makeAvatarVariants(await sidewaysJpeg());
    const webp128 = variants.find((v) => v.pixels === 128 && v.format === 'webp');
    if (!webp128) throw new Error('no 128 px WebP variant');
    const hash = sha256Hex(webp128.bytes);
    const key = `platform/avatars/${hash}-128.webp`;
    await putImmutable(blob, key, webp128.bytes, { contentType: 'image/webp', sha256: hash });
    expect((await blob.head('assets', key))?.cacheControl).toBe('public, max-age=31536000, immutable');

    const url = blob.publicUrl('assets', key);
    expect(url).toBe(`${azurite?.blobEndpoint.replace(/\/+$/, '')}/assets/${key}`);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toBe('image/webp');
    const body = Buffer.from(await res.arrayBuffer());
    expect(sha256Hex(body)).toBe(hash);
    expect(await sharp(body).metadata()).toMatchObject({ width: 128, height: 128, format: 'webp' });

    // The originals' container has no public access: the same kind of URL is refused.
    await blob.put('avatars', 'platform/users/u1/avatar-x', webp128.bytes, { contentType: 'image/webp' });
    const originals = url.replace(`/assets/${key}`, '/avatars/platform/users/u1/avatar-x');
    expect([403, 404]).toContain((await fetch(originals)).status);
  });
});
