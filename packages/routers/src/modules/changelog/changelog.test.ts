import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';

const PRODUCT = 'platform';
const MINUTE = 60_000;

/** The changelog through the app router on a real sqlite store: drafts, publishing, scheduling, clients. */
describe('changelog', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  let root: Awaited<ReturnType<TestHarness['root']>>['caller'];

  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    root = (await h.root()).caller;
    await h.services.jobRunner.tick();
  });
  afterAll(async () => h.close());

  const tick = async () => {
    await h.services.jobRunner.tick();
    await h.services.jobRunner.whenIdle();
  };
  const draft = (version: string, extra: { platforms?: ('ios' | 'android' | 'desktop' | 'web')[] } = {}) =>
    admin.caller.changelog.create({
      version,
      title: `Release ${version}`,
      body: `Notes for **${version}**`,
      category: 'feature',
      platforms: extra.platforms ?? ['ios', 'android'],
    });
  const publish = async (version: string, extra: Parameters<typeof draft>[1] = {}) =>
    admin.caller.changelog.publish({ id: (await draft(version, extra)).id });
  const clientList = async (
    input: { since?: string; platform?: 'ios' | 'android' | 'desktop' | 'web' } = {},
  ) => (await (await h.anonymous()).changelog.list({ ...input, limit: 100 })).items.map((e) => e.version);
  /** Events of `type` with their payloads, oldest first. */
  const eventsOf = async (type: string) => {
    const { items } = await root.events.list({ productId: PRODUCT, type });
    const details = await Promise.all(items.map((e) => root.events.get({ id: e.id, productId: PRODUCT })));
    return details.sort((a, b) => a.seq.localeCompare(b.seq));
  };

  it('refuses a malformed version (400 naming version) and a duplicate one (409 naming version)', async () => {
    for (const version of ['1.2', 'v1.2.0', '01.2.0', '1.2.0-', 'latest']) {
      await expectFieldError(
        () =>
          admin.caller.changelog.create({
            version,
            title: 'x',
            body: '',
            category: 'bugfix',
            platforms: ['web'],
          }),
        'version',
      );
    }
    await expectFieldError(
      () =>
        admin.caller.changelog.create({
          version: '0.1.0',
          title: 'x',
          body: '',
          category: 'bugfix',
          platforms: [],
        }),
      'platforms',
    );
    const first = await draft('0.1.0');
    expect(first).toMatchObject({ id: 'v0.1.0', state: 'draft', isDraft: true, publishedAt: null });
    expect(first.createdBy).toBe(admin.user.id);
    for (const version of ['0.1.0', '0.1.0+build.7']) {
      const error = await trpcErrorOf(() => draft(version));
      expect(error.code).toBe('CONFLICT');
      const shape = shapeOf(error) as { data: { fields?: { path: string }[] } };
      expect(shape.data.fields?.map((f) => f.path)).toEqual(['version']);
    }
    // Moving a draft onto a taken version is the same conflict; the draft stays where it was.
    const other = await draft('0.2.0');
    const moved = await trpcErrorOf(() => admin.caller.changelog.update({ id: other.id, version: '0.1.0' }));
    expect(moved.code).toBe('CONFLICT');
    expect((await admin.caller.changelog.get({ id: 'v0.2.0' })).version).toBe('0.2.0');
    // A draft moves to a free version under its new id.
    const renamed = await admin.caller.changelog.update({ id: other.id, version: '0.3.0' });
    expect(renamed.id).toBe('v0.3.0');
    await expect(admin.caller.changelog.get({ id: 'v0.2.0' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await admin.caller.changelog.delete({ id: 'v0.1.0' });
    await admin.caller.changelog.delete({ id: 'v0.3.0' });
  });

  it('stores sanitised HTML and previews exactly what clients get', async () => {
    const body =
      '# Hi\n\n<script>alert(1)</script><img src="https://x.test/a.png" onerror="alert(2)"> [x](javascript:alert(3))';
    const preview = await admin.caller.changelog.preview({ body });
    expect(preview.html).toContain('<h1>Hi</h1>');
    expect(preview.html).not.toMatch(/<script|alert\(1\)|onerror|href="javascript:/i);
    const entry = await admin.caller.changelog.create({
      version: '0.5.0',
      title: 'Sanitised',
      body,
      category: 'security',
      platforms: ['web'],
    });
    expect(entry.html).toBe(preview.html);
    expect(entry.body).toBe(body);
    await admin.caller.changelog.delete({ id: entry.id });
  });

  it('lists published entries for clients in semver order, filtered by since and platform', async () => {
    await publish('1.9.0');
    await publish('1.10.0', { platforms: ['desktop'] });
    await publish('1.10.0-beta.2');
    await publish('1.10.0-beta.10', { platforms: ['web'] });
    await publish('2.0.0-rc.1');
    await draft('3.0.0'); // a draft is never listed
    expect(await clientList()).toEqual(['2.0.0-rc.1', '1.10.0', '1.10.0-beta.10', '1.10.0-beta.2', '1.9.0']);
    expect(await clientList({ since: '1.9.0' })).toEqual([
      '2.0.0-rc.1',
      '1.10.0',
      '1.10.0-beta.10',
      '1.10.0-beta.2',
    ]);
    expect(await clientList({ since: '1.10.0-beta.2' })).toEqual(['2.0.0-rc.1', '1.10.0', '1.10.0-beta.10']);
    expect(await clientList({ since: '1.10.0' })).toEqual(['2.0.0-rc.1']);
    expect(await clientList({ since: '2.0.0' })).toEqual([]);
    expect(await clientList({ platform: 'ios' })).toEqual(['2.0.0-rc.1', '1.10.0-beta.2', '1.9.0']);
    expect(await clientList({ platform: 'desktop' })).toEqual(['1.10.0']);
    // Paged: two at a time, the cursor goes on in order.
    const anonymous = await h.anonymous();
    const first = await anonymous.changelog.list({ limit: 2 });
    expect(first.items.map((e) => e.version)).toEqual(['2.0.0-rc.1', '1.10.0']);
    const second = await anonymous.changelog.list({ limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((e) => e.version)).toEqual(['1.10.0-beta.10', '1.10.0-beta.2']);
    // Clients see the public fields only.
    expect(Object.keys(first.items[0] ?? {}).sort()).toEqual(
      ['body', 'category', 'html', 'id', 'platforms', 'publishedAt', 'title', 'version'].sort(),
    );
    // A malformed since is a 400 naming it.
    await expectFieldError(() => anonymous.changelog.list({ since: 'one' }), 'since');
  });

  it('publishes a scheduled entry by the job at its time, dated then, and records each step', async () => {
    const at = new Date(h.clock() + 10 * MINUTE).toISOString();
    const entry = await draft('4.0.0');
    const scheduled = await admin.caller.changelog.publish({ id: entry.id, at });
    expect(scheduled).toMatchObject({
      state: 'scheduled',
      isDraft: true,
      scheduledAt: at,
      publishedAt: null,
    });
    h.advance(9 * MINUTE);
    await tick();
    expect((await admin.caller.changelog.get({ id: entry.id })).state).toBe('scheduled');
    expect(await clientList({ since: '3.0.0' })).toEqual([]);
    h.advance(MINUTE);
    await tick();
    const published = await admin.caller.changelog.get({ id: entry.id });
    expect(published).toMatchObject({
      state: 'published',
      isDraft: false,
      publishedAt: at,
      scheduledAt: null,
    });
    expect(await clientList({ since: '3.0.0' })).toEqual(['4.0.0']);
    const runs = await root.jobs.listRuns({ jobName: 'changelog-publish', limit: 20 });
    expect(runs.items.filter((run) => run.metrics.published === 1)).toHaveLength(1);
    await h.services.bus.drain();
    const [event] = await eventsOf('changelog.published').then((items) =>
      items.filter((e) => (e.data as { version: string }).version === '4.0.0'),
    );
    expect(event).toMatchObject({
      actorId: null,
      data: { state: 'published', publishedAt: at, announced: false },
    });
    expect((await eventsOf('changelog.scheduled')).length).toBe(1);
    // The admin's steps are audited with the entry as target.
    const audit = await root.audit.list({ actorId: admin.user.id, limit: 100 });
    expect(audit.items.map((e) => e.action)).toContain('changelog.publish');
  });

  it('unpublishes back to draft: clients stop seeing it and a second unpublish conflicts', async () => {
    const before = await clientList();
    expect(before).toContain('1.9.0');
    const draftAgain = await admin.caller.changelog.unpublish({ id: 'v1.9.0' });
    expect(draftAgain).toMatchObject({ state: 'draft', isDraft: true, publishedAt: null });
    expect(await clientList()).toEqual(before.filter((v) => v !== '1.9.0'));
    await expect(admin.caller.changelog.unpublish({ id: 'v1.9.0' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // A published entry keeps its version (409 naming version).
    const kept = await trpcErrorOf(() => admin.caller.changelog.update({ id: 'v1.10.0', version: '1.11.0' }));
    expect(kept.code).toBe('CONFLICT');
    expect((shapeOf(kept) as { data: { fields?: { path: string }[] } }).data.fields?.[0]?.path).toBe(
      'version',
    );
    await h.services.bus.drain();
    expect(
      (await eventsOf('changelog.unpublished')).map((e) => (e.data as { version: string }).version),
    ).toEqual(['1.9.0']);
  });

  it('changes the client ETag only when clients can see a difference', async () => {
    const svc = h.services.changelog;
    const tag = () => svc.etag(PRODUCT, { since: '1.0.0' });
    const initial = await tag();
    expect(initial).toMatch(/^"[0-9a-f]{32}"$/);
    await draft('5.0.0');
    await admin.caller.changelog.update({ id: 'v5.0.0', title: 'Still a draft' });
    expect(await tag()).toBe(initial);
    await admin.caller.changelog.publish({ id: 'v5.0.0' });
    const afterPublish = await tag();
    expect(afterPublish).not.toBe(initial);
    await admin.caller.changelog.update({ id: 'v5.0.0', title: 'Edited after publishing' });
    expect(await tag()).not.toBe(afterPublish);
    expect(await svc.etag(PRODUCT, { since: '2.0.0' })).not.toBe(await tag());
  });

  it("keeps the user's last seen version in their settings, moving forward only", async () => {
    const user = await h.signIn(['user']);
    expect(await user.caller.changelog.updateLastSeenMine({ version: '1.10.0' })).toEqual({
      lastSeenVersion: '1.10.0',
    });
    expect(await user.caller.changelog.updateLastSeenMine({ version: '1.9.0' })).toEqual({
      lastSeenVersion: '1.10.0',
    });
    expect(await user.caller.changelog.updateLastSeenMine({ version: '2.0.0-rc.1' })).toEqual({
      lastSeenVersion: '2.0.0-rc.1',
    });
    const settings = await user.caller.settings.getMine();
    expect(settings.values['changelog.lastSeenVersion']).toBe('2.0.0-rc.1');
    await expectFieldError(() => user.caller.changelog.updateLastSeenMine({ version: 'soon' }), 'version');
  });

  it('announces a publication to its segment through delivery: push and the changelog-announcement mail', async () => {
    const phone = await h.signIn(['user']);
    await h.services.notifications.devices.register(PRODUCT, phone.user.id, {
      deviceId: 'phone-1',
      platform: 'ios',
      pushToken: 'ios-token-phone-1-0123456789abcdef',
      appVersion: '2.0.0',
      locale: 'en-US',
      timeZone: 'UTC',
    });
    const entry = await admin.caller.changelog.create({
      version: '6.0.0',
      title: 'Live captions',
      body: '## Captions\n\nEvery meeting, **live**.',
      category: 'feature',
      platforms: ['ios'],
    });
    await admin.caller.changelog.publish({ id: entry.id, announce: { platforms: ['ios'] } });
    await h.services.bus.drain();
    const mails = (await h.services.delivery.list(PRODUCT, { template: 'changelog-announcement', limit: 10 }))
      .items;
    expect(mails.map((m) => [m.userId, m.channel])).toEqual([[phone.user.id, 'email']]);
    const pushes = (await h.services.delivery.list(PRODUCT, { template: 'feature_announcement', limit: 10 }))
      .items;
    expect(pushes.map((m) => m.userId)).toEqual([phone.user.id]);
  });

  it('refuses anonymous and plain users on every admin procedure', async () => {
    const user = (await h.signIn(['user'])).caller;
    const anonymous = await h.anonymous();
    for (const caller of [user, anonymous]) {
      const refused = [
        () => caller.changelog.listAll(),
        () =>
          caller.changelog.create({
            version: '9.0.0',
            title: 'x',
            body: '',
            category: 'bugfix',
            platforms: ['web'],
          }),
        () => caller.changelog.publish({ id: 'v5.0.0' }),
        () => caller.changelog.unpublish({ id: 'v5.0.0' }),
        () => caller.changelog.preview({ body: 'x' }),
        () => caller.changelog.delete({ id: 'v5.0.0' }),
      ];
      for (const call of refused) {
        const error = await trpcErrorOf(call);
        expect(error.code).toBe(caller === anonymous ? 'UNAUTHORIZED' : 'FORBIDDEN');
      }
    }
    await expect(anonymous.changelog.updateLastSeenMine({ version: '1.0.0' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
