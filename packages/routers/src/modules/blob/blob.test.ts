import { verifyFsBlobUploadSignature } from '@bytelyst/db/blob-fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { eventsOf } from '../../testing/tracker';

const MiB = 1024 * 1024;

/** The grant a signed fs upload URL carries, as the API route would check it. */
const grantOf = (url: string, now: number) => {
  const u = new URL(url);
  const [, , , container = '', ...rest] = u.pathname.split('/');
  const q = (n: string) => u.searchParams.get(n) ?? '';
  return verifyFsBlobUploadSignature({
    signingSecret: 'test-signing-secret',
    container,
    key: rest.map(decodeURIComponent).join('/'),
    exp: q('exp'),
    contentType: q('ct'),
    maxBytes: q('max'),
    sig: q('sig'),
    now,
  });
};

describe('blob module', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  let alice: Awaited<ReturnType<TestHarness['signIn']>>;
  let bob: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    alice = await h.signIn(['user']);
    bob = await h.signIn(['user']);
  });
  afterAll(async () => h.close());

  it('lists the six containers with their rules (admins only)', async () => {
    const { items } = await admin.caller.blob.listContainers();
    expect(items.map((c) => c.name)).toEqual([
      'audio',
      'transcripts',
      'attachments',
      'avatars',
      'releases',
      'backups',
    ]);
    expect(items.find((c) => c.name === 'avatars')).toMatchObject({ access: 'user', maxBytes: 5 * MiB });
    expect(items.find((c) => c.name === 'backups')?.access).toBe('admin');
    expect((await trpcErrorOf(() => alice.caller.blob.listContainers())).code).toBe('FORBIDDEN');
  });

  it("signs a user's upload under users/<id>/, bound to the type and declared size", async () => {
    const res = await alice.caller.blob.createUploadUrl({
      container: 'avatars',
      fileName: 'my photo (1).PNG',
      contentType: 'image/png',
      size: 1234,
    });
    expect(res.key).toMatch(new RegExp(`^users/${alice.user.id}/[A-Za-z0-9_-]{11}-my_photo_1_.PNG$`));
    expect(res).toMatchObject({ container: 'avatars', maxBytes: 1234, contentType: 'image/png' });
    expect(res.upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'image/png' } });
    expect(res.upload.expiresAt).toBe(new Date(h.clock() + 15 * 60_000).toISOString());
    const grant = grantOf(res.upload.url, h.clock());
    expect(grant).toEqual({
      verdict: 'ok',
      grant: expect.objectContaining({
        container: 'avatars',
        key: `platform/${res.key}`,
        contentType: 'image/png',
        maxBytes: 1234,
      }),
    });
    const own = await alice.caller.blob.createUploadUrl({
      container: 'attachments',
      fileName: 'a.pdf',
      contentType: 'application/pdf; charset=binary',
      size: 10,
      key: `users/${alice.user.id}/docs/a.pdf`,
    });
    expect(own.key).toBe(`users/${alice.user.id}/docs/a.pdf`);
  });

  it('refuses uploads that break the rules with a 4xx naming the field', async () => {
    const base = { container: 'avatars' as const, fileName: 'a.png', contentType: 'image/png', size: 10 };
    const cases: [Parameters<typeof alice.caller.blob.createUploadUrl>[0], string, string][] = [
      [{ ...base, size: 5 * MiB + 1 }, 'PAYLOAD_TOO_LARGE', 'size'],
      [{ ...base, contentType: 'text/html' }, 'BAD_REQUEST', 'contentType'],
      [{ ...base, container: 'backups', contentType: 'application/gzip' }, 'FORBIDDEN', 'container'],
      [{ ...base, container: 'releases', contentType: 'application/zip' }, 'FORBIDDEN', 'container'],
      [{ ...base, key: `users/${bob.user.id}/a.png` }, 'FORBIDDEN', 'key'],
      [{ ...base, key: 'shared/a.png' }, 'FORBIDDEN', 'key'],
      [{ ...base, key: `users/${alice.user.id}/../x` }, 'BAD_REQUEST', 'key'],
      [{ ...base, container: 'nope' as 'avatars' }, 'BAD_REQUEST', 'container'],
      [{ ...base, fileName: 'a/b.png' }, 'BAD_REQUEST', 'fileName'],
      [{ ...base, size: -1 }, 'BAD_REQUEST', 'size'],
    ];
    for (const [input, code, path] of cases) {
      const error = await trpcErrorOf(() => alice.caller.blob.createUploadUrl(input));
      expect(error.code, JSON.stringify(input)).toBe(code);
      const text = `${error.message} ${JSON.stringify((error.cause as { fields?: unknown })?.fields ?? '')}`;
      expect(text, JSON.stringify(input)).toContain(path);
    }
    expect((await trpcErrorOf(async () => (await h.anonymous()).blob.createUploadUrl(base))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('lets admins upload anywhere, under any key', async () => {
    const res = await admin.caller.blob.createUploadUrl({
      container: 'releases',
      fileName: 'app.zip',
      contentType: 'application/zip',
      size: 100 * MiB,
      key: 'ios/1.2.0/app.zip',
    });
    expect(res.key).toBe('ios/1.2.0/app.zip');
    expect(grantOf(res.upload.url, h.clock()).verdict).toBe('ok');
  });

  it('signs downloads of own files for users, of any file for admins', async () => {
    const mine = `users/${alice.user.id}/notes.txt`;
    await h.services.blob.put('transcripts', `platform/${mine}`, 'hello', { contentType: 'text/plain' });
    const link = await alice.caller.blob.createDownloadUrl({
      container: 'transcripts',
      key: mine,
      downloadName: 'n.txt',
    });
    expect(link.url).toContain('/blobs/transcripts/platform/users/');
    expect(link.expiresAt).toBe(new Date(h.clock() + 3600_000).toISOString());
    const denied = await trpcErrorOf(() =>
      bob.caller.blob.createDownloadUrl({ container: 'transcripts', key: mine }),
    );
    expect(denied.code).toBe('FORBIDDEN');
    expect(JSON.stringify((denied.cause as { fields?: unknown }).fields)).toContain('key');
    expect(
      (
        await admin.caller.blob.createDownloadUrl({
          container: 'transcripts',
          key: mine,
          expiresInSeconds: 60,
        })
      ).url,
    ).toContain('exp=');
    const missing = await trpcErrorOf(() =>
      alice.caller.blob.createDownloadUrl({ container: 'transcripts', key: `users/${alice.user.id}/none` }),
    );
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('lets admins list by prefix with paging, read info and delete; other products stay invisible', async () => {
    for (let i = 0; i < 7; i++) {
      await h.services.blob.put('attachments', `platform/reports/r${i}.csv`, `row${i}`, {
        contentType: 'text/csv',
      });
    }
    await h.services.blob.put('attachments', 'lysnr/reports/secret.csv', 'other product');
    const first = await admin.caller.blob.list({ container: 'attachments', prefix: 'reports/', limit: 5 });
    expect(first.items.map((i) => i.key)).toEqual([
      'reports/r0.csv',
      'reports/r1.csv',
      'reports/r2.csv',
      'reports/r3.csv',
      'reports/r4.csv',
    ]);
    const second = await admin.caller.blob.list({
      container: 'attachments',
      prefix: 'reports/',
      limit: 5,
      cursor: first.nextCursor ?? '',
    });
    expect(second.items.map((i) => i.key)).toEqual(['reports/r5.csv', 'reports/r6.csv']);
    expect(second.nextCursor).toBeNull();
    expect(
      (await trpcErrorOf(() => admin.caller.blob.list({ container: 'attachments', cursor: 'garbage' }))).code,
    ).toBe('BAD_REQUEST');

    expect(
      await admin.caller.blob.getInfo({ container: 'attachments', key: 'reports/r3.csv' }),
    ).toMatchObject({
      container: 'attachments',
      key: 'reports/r3.csv',
      size: 4,
      contentType: 'text/csv',
    });
    expect(
      (await trpcErrorOf(() => admin.caller.blob.getInfo({ container: 'attachments', key: 'secret.csv' })))
        .code,
    ).toBe('NOT_FOUND');
    expect((await trpcErrorOf(() => alice.caller.blob.list({ container: 'attachments' }))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await trpcErrorOf(() => alice.caller.blob.delete({ container: 'attachments', key: 'reports/r3.csv' })))
        .code,
    ).toBe('FORBIDDEN');

    expect(await admin.caller.blob.delete({ container: 'attachments', key: 'reports/r3.csv' })).toEqual({
      container: 'attachments',
      key: 'reports/r3.csv',
      deleted: true,
    });
    expect(
      (await trpcErrorOf(() => admin.caller.blob.delete({ container: 'attachments', key: 'reports/r3.csv' })))
        .code,
    ).toBe('NOT_FOUND');
    expect(await h.services.blob.head('attachments', 'lysnr/reports/secret.csv')).toMatchObject({
      key: 'lysnr/reports/secret.csv',
      size: 'other product'.length,
    });
    await h.services.bus.drain();
    const [event] = await eventsOf(h, 'blob.deleted');
    expect(event).toMatchObject({
      actorId: admin.user.id,
      data: { container: 'attachments', key: 'reports/r3.csv' },
    });
  });

  it('reports a delete only once it happened: a refused or missing delete records no event', async () => {
    await h.services.blob.put('attachments', 'platform/once/a.txt', 'a', { contentType: 'text/plain' });
    const before = (await eventsOf(h, 'blob.deleted')).length;
    const ref = { container: 'attachments' as const, key: 'once/a.txt' };
    expect((await trpcErrorOf(() => alice.caller.blob.delete(ref))).code).toBe('FORBIDDEN');
    await admin.caller.blob.delete(ref);
    expect((await trpcErrorOf(() => admin.caller.blob.delete(ref))).code).toBe('NOT_FOUND');
    await h.services.bus.drain();
    const after = await eventsOf(h, 'blob.deleted');
    expect(after).toHaveLength(before + 1);
    expect(after.filter((e) => e.data.key === 'once/a.txt')).toHaveLength(1);
  });
});
