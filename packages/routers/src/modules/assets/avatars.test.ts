import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { bombPng, isBlueish, isRedish, pixelAt, sidewaysJpeg } from '../../testing/images';
import { makeAvatarVariants } from './image';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('avatars', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  let alice: Awaited<ReturnType<TestHarness['signIn']>>;
  let photo: Buffer;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    alice = await h.signIn(['user']);
    photo = await sidewaysJpeg();
  });
  afterAll(async () => h.close());

  /** What a client does: ask for a signed upload, PUT the bytes there (here: the store write the PUT makes). */
  const uploadAs = async (who: typeof alice, bytes: Buffer | string, contentType = 'image/jpeg') => {
    const signed = await who.caller.avatars.createUploadMine({
      fileName: 'me.jpg',
      contentType,
      size: Buffer.byteLength(bytes),
    });
    await h.services.blob.put('avatars', `platform/${signed.key}`, bytes, { contentType });
    return signed.key;
  };
  const variantBytes = async (url: string) => {
    const key = decodeURIComponent(new URL(url).pathname.replace(/^\/blobs\/blobs\/assets\//, ''));
    const found = await h.services.blob.get('assets', key);
    if (!found) throw new Error(`no variant at ${key}`);
    return found;
  };

  it('makes rotated, square, metadata-free WebP and JPEG variants at 64/128/256 and 2x', async () => {
    const input = await sharp(photo).metadata();
    expect([input.width, input.height, input.orientation]).toEqual([1200, 800, 6]);
    expect(input.exif).toBeDefined();

    const key = await uploadAs(alice, photo);
    const upload = await alice.caller.avatars.confirmMine({ key });
    expect(upload).toMatchObject({ status: 'processing', width: 1200, height: 800, format: 'jpeg' });
    // Made off the request path: nothing on the profile until the subscriber ran.
    expect((await alice.caller.auth.getMine()).avatar).toBeNull();
    await h.services.bus.drain();

    const state = await alice.caller.avatars.getMine();
    expect(state.latestUpload).toMatchObject({ id: upload.id, status: 'ready', error: null });
    const avatar = state.avatar;
    if (!avatar) throw new Error('no avatar after processing');
    expect((await alice.caller.auth.getMine()).avatar).toEqual(avatar);
    expect((await admin.caller.users.get({ id: alice.user.id })).avatar).toEqual(avatar);

    const expected = { '64': [64, 128], '128': [128, 256], '256': [256, 512] } as const;
    for (const [size, [px1, px2]] of Object.entries(expected)) {
      const slot = avatar.sizes[size as keyof typeof expected];
      for (const [density, px] of [
        ['1x', px1],
        ['2x', px2],
      ] as const) {
        for (const format of ['webp', 'jpeg'] as const) {
          const url = slot[density][format];
          const ext = format === 'jpeg' ? 'jpg' : 'webp';
          expect(url).toMatch(new RegExp(`/blobs/assets/platform/avatars/[0-9a-f]{64}-${px}\\.${ext}$`));
          const { body, info } = await variantBytes(url);
          // Content-addressed: the key names the sha256 of the bytes behind it.
          const hash = /([0-9a-f]{64})-/.exec(url)?.[1];
          expect(info.metadata.sha256).toBe(hash);
          expect(info.cacheControl).toBe(IMMUTABLE);
          expect(info.contentType).toBe(`image/${format}`);
          const meta = await sharp(body).metadata();
          expect([meta.format, meta.width, meta.height]).toEqual([format, px, px]);
          // Stripped: no EXIF block, no orientation tag, nothing of the camera's.
          expect(meta.exif).toBeUndefined();
          expect(meta.orientation).toBeUndefined();
          // Upright: stored red-top/blue-bottom rotated 90° clockwise puts blue left and red right.
          for (const fy of [0.25, 0.75]) {
            expect(isBlueish(await pixelAt(body, 0.2, fy))).toBe(true);
            expect(isRedish(await pixelAt(body, 0.8, fy))).toBe(true);
          }
        }
      }
    }
    // 64@2x and 128@1x are the same file: four widths cover the six slots.
    expect(avatar.sizes['64']['2x'].webp).toBe(avatar.sizes['128']['1x'].webp);
    // The original (with its EXIF) is not kept once the variants exist.
    expect(await h.services.blob.head('avatars', `platform/${key}`)).toBeUndefined();
  });

  it('refuses a text file named .png with a 400 naming the file, whatever type it declared', async () => {
    const key = await uploadAs(alice, 'just some text, not a picture\n', 'image/png');
    const message = await expectFieldError(() => alice.caller.avatars.confirmMine({ key }), 'file');
    expect(message).toMatch(/not an image/i);
  });

  it('refuses a decompression bomb by its declared pixels, on confirm and while decoding', async () => {
    const bomb = await bombPng(30_000, 30_000);
    expect(bomb.length).toBeLessThan(1000);
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({
      width: 30_000,
      height: 30_000,
    });
    const key = await uploadAs(alice, bomb, 'image/png');
    const error = await trpcErrorOf(() => alice.caller.avatars.confirmMine({ key }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    const fields = (shapeOf(error) as { data: { fields?: { path: string; message: string }[] } }).data.fields;
    expect(fields?.[0]).toMatchObject({ path: 'file', message: expect.stringContaining('30000x30000') });
    await expect(makeAvatarVariants(bomb)).rejects.toThrow(/pixel limit/i);
  });

  it('keeps the previous avatar and says why when processing fails', async () => {
    const before = (await alice.caller.avatars.getMine()).avatar;
    expect(before).not.toBeNull();
    // A real JPEG header over half its data: the sniff passes, the decode does not.
    const truncated = photo.subarray(0, Math.floor(photo.length / 2));
    // Later than the uploads before it, so it is the latest by time and not by an id tie-break.
    h.advance(1000);
    const key = await uploadAs(alice, truncated);
    const upload = await alice.caller.avatars.confirmMine({ key });
    await h.services.bus.drain();
    const state = await alice.caller.avatars.getMine();
    expect(state.latestUpload).toMatchObject({ id: upload.id, status: 'failed' });
    expect(state.latestUpload?.error).toMatch(/could not be processed/);
    expect(state.avatar).toEqual(before);
  });

  it('lets an admin set and remove any user’s avatar; a user only their own', async () => {
    const bob = await h.signIn(['user']);
    const signed = await admin.caller.avatars.createUpload({
      userId: bob.user.id,
      fileName: 'bob.jpg',
      contentType: 'image/jpeg',
      size: photo.length,
    });
    expect(signed.key.startsWith(`users/${bob.user.id}/avatar-`)).toBe(true);
    await h.services.blob.put('avatars', `platform/${signed.key}`, photo, { contentType: 'image/jpeg' });
    // Alice cannot confirm Bob's upload as her own.
    await expectFieldError(() => alice.caller.avatars.confirmMine({ key: signed.key }), 'key');
    await admin.caller.avatars.confirm({ userId: bob.user.id, key: signed.key });
    await h.services.bus.drain();
    const set = await admin.caller.avatars.get({ userId: bob.user.id });
    expect(set.avatar?.sizes['128']['1x'].jpeg).toMatch(/-128\.jpg$/);

    const removed = await admin.caller.avatars.delete({ userId: bob.user.id });
    expect(removed.avatar).toBeNull();
    expect((await bob.caller.auth.getMine()).avatar).toBeNull();
    const mine = await alice.caller.avatars.deleteMine();
    expect(mine.avatar).toBeNull();
  });

  it('prefixes every asset URL with CDN_BASE_URL when one is set', async () => {
    const cdn = await createTestHarness({ config: { cdnBaseUrl: 'https://cdn.example.test' } });
    try {
      const carol = await cdn.signIn(['user']);
      const signed = await carol.caller.avatars.createUploadMine({
        fileName: 'c.jpg',
        contentType: 'image/jpeg',
        size: photo.length,
      });
      await cdn.services.blob.put('avatars', `platform/${signed.key}`, photo, { contentType: 'image/jpeg' });
      await carol.caller.avatars.confirmMine({ key: signed.key });
      await cdn.services.bus.drain();
      const avatar = (await carol.caller.auth.getMine()).avatar;
      expect(avatar?.sizes['256']['2x'].webp).toMatch(
        /^https:\/\/cdn\.example\.test\/blobs\/assets\/platform\/avatars\/[0-9a-f]{64}-512\.webp$/,
      );
    } finally {
      await cdn.close();
    }
  });
});
