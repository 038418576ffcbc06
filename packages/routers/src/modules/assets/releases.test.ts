import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';

describe('releases', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  /** What an admin does: upload through blob.createUploadUrl (here the store write the PUT makes), register. */
  const register = async (version: string, platform: 'macos' | 'windows' | 'linux', opts = {}) => {
    const bytes = Buffer.from(`binary of ${platform} ${version}`);
    const signed = await admin.caller.blob.createUploadUrl({
      container: 'releases',
      fileName: `App-${version}.dmg`,
      contentType: 'application/octet-stream',
      size: bytes.length,
      key: `builds/${platform}/App-${version}.bin`,
    });
    await h.services.blob.put('releases', `platform/${signed.key}`, bytes, {
      contentType: 'application/octet-stream',
    });
    const release = await admin.caller.releases.create({ version, platform, key: signed.key, ...opts });
    return { release, bytes };
  };
  const latest = (platform: string, channel = 'stable') =>
    h.services.assets.releases.latest('platform', platform, channel);

  it('registers a binary under its sha256 with sha512 and size; drafts stay out of the manifest', async () => {
    const { release, bytes } = await register('2.9.0', 'macos');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(release).toMatchObject({
      id: 'macos:stable:2.9.0',
      state: 'draft',
      sha256,
      sha512: createHash('sha512').update(bytes).digest('base64'),
      size: bytes.length,
      fileName: 'App-2.9.0.bin',
    });
    expect(release.url).toBe(`http://127.0.0.1/blobs/blobs/assets/platform/releases/${sha256}/App-2.9.0.bin`);
    const stored = await h.services.blob.get('assets', `platform/releases/${sha256}/App-2.9.0.bin`);
    expect(stored?.body.equals(bytes)).toBe(true);
    expect(stored?.info.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(await latest('macos')).toBeUndefined();
  });

  it('answers the newest published version by semver, per platform and channel', async () => {
    await admin.caller.releases.publish({ id: 'macos:stable:2.9.0' });
    await register('2.10.0', 'macos', { publish: true });
    await register('2.11.0-beta.1', 'macos', { publish: true, channel: 'beta' });
    await register('3.0.0', 'windows', { publish: false });
    const mac = await latest('macos');
    expect(mac?.manifest).toMatchObject({ version: '2.10.0', platform: 'macos', channel: 'stable' });
    expect(mac?.manifest.releaseNotesUrl).toBeNull();
    expect(mac?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await latest('macos', 'beta'))?.manifest.version).toBe('2.11.0-beta.1');
    expect(await latest('windows')).toBeUndefined();

    await admin.caller.releases.unpublish({ id: 'macos:stable:2.10.0' });
    const back = await latest('macos');
    expect(back?.manifest.version).toBe('2.9.0');
    expect(back?.etag).not.toBe(mac?.etag);
  });

  it('links the changelog entry of the version once it is published', async () => {
    const entry = await admin.caller.changelog.create({
      version: '2.9.0',
      title: 'Faster sync',
      body: 'Sync is faster.',
      category: 'improvement',
      platforms: ['desktop'],
    });
    expect((await latest('macos'))?.manifest.releaseNotesUrl).toBeNull();
    await admin.caller.changelog.publish({ id: entry.id });
    expect((await latest('macos'))?.manifest.releaseNotesUrl).toMatch(/\/changelog#v2\.9\.0$/);
  });

  it('refuses a taken version, a missing upload and a non-semver version, naming the field', async () => {
    const dup = await trpcErrorOf(() => register('2.9.0', 'macos'));
    expect(dup.code).toBe('CONFLICT');
    await expectFieldError(
      () => admin.caller.releases.create({ version: '4.0.0', platform: 'linux', key: 'builds/none.bin' }),
      'key',
    );
    await expectFieldError(
      () => admin.caller.releases.create({ version: 'latest', platform: 'linux', key: 'builds/x.bin' }),
      'version',
    );
  });
});
