import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../lib/time';
import { triggerJob } from '../../testing/billing';
import { expectFieldError, shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from '../../testing/harness';
import { documentsHolding, tokenInMail } from '../../testing/mailbox';
import { DEFAULT_IDENTITY_CONFIG } from '../auth/config';
import { SETTINGS_CONTAINERS } from '../settings/containers';
import { consolePage } from './config';

const PRODUCT = 'platform';
const NEW_PASSWORD = 'another-long-passphrase-9';
const CONFIRM_URL = consolePage(DEFAULT_IDENTITY_CONFIG.emailVerifyUrlBase, 'confirm-email-change');

type SignedIn = Awaited<ReturnType<TestHarness['signIn']>>;

/** A user's own account on a real platform over sqlite: every procedure of `account`, their mails and events. */
describe('account self-service', () => {
  let h: TestHarness;

  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h?.close());

  const eventsOf = async (type: string) => {
    await h.services.bus.drain();
    const { items } = await h.services.events.list({ productId: PRODUCT }, { type, limit: 200 });
    const details = await Promise.all(items.map((e) => h.services.events.get(PRODUCT, e.id)));
    return details.map((e) => ({ actorId: e.actorId, data: e.data as Record<string, unknown> }));
  };
  const mailsTo = async (email: string) => {
    await h.services.bus.drain();
    const { items } = await h.services.delivery.list(PRODUCT, { email, template: 'account-notice' });
    return Promise.all(items.map((item) => h.services.delivery.get(PRODUCT, item.id)));
  };
  const login = (email: string, password = TEST_PASSWORD) =>
    h.services.auth.login(PRODUCT, { email, password }, { ip: '127.0.0.1', userAgent: 'vitest' });

  it('getMine and updateProfile: the own profile, a name change evented as user.updated', async () => {
    const ada = await h.signIn(['user']);
    expect(await ada.caller.account.getMine()).toMatchObject({
      id: ada.user.id,
      email: ada.user.email,
      emailVerified: false,
      deletionScheduledFor: null,
    });
    expect(await ada.caller.account.updateProfile({ name: 'Ada Lovelace' })).toMatchObject({
      name: 'Ada Lovelace',
    });
    const updated = (await eventsOf('user.updated')).find((e) => e.data.userId === ada.user.id);
    expect(updated).toMatchObject({ actorId: ada.user.id, data: { changes: ['name'] } });
    await expectFieldError(() => ada.caller.account.updateProfile({ name: ' ' }), 'name');
    await h.services.bus.drain();
    const root = await h.root();
    const audit = await root.caller.audit.list({ action: 'account.updateProfile', actorId: ada.user.id });
    expect(audit.items).toMatchObject([{ targetType: 'user', targetId: ada.user.id }]);
    expect(await trpcErrorOf(async () => (await h.anonymous()).account.getMine())).toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('changePassword: refuses a wrong current password, keeps this session, ends the others, mails', async () => {
    const grace = await h.signIn(['user']);
    const other = await login(grace.user.email);
    await expectFieldError(
      () =>
        grace.caller.account.changePassword({
          currentPassword: 'wrong-password-1',
          newPassword: NEW_PASSWORD,
        }),
      'currentPassword',
    );
    // The policy still applies: the address itself is refused as a password.
    await expectFieldError(
      () =>
        grace.caller.account.changePassword({
          currentPassword: TEST_PASSWORD,
          newPassword: grace.user.email,
        }),
      'newPassword',
    );
    expect(
      await grace.caller.account.changePassword({
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
      }),
    ).toEqual({ changed: true, revokedSessions: 1 });
    await expect(
      h.services.auth.refresh(other.refreshToken, { ip: '1.1.1.1', userAgent: 'x' }),
    ).rejects.toThrow();
    expect((await grace.caller.account.getMine()).id).toBe(grace.user.id);
    await expect(login(grace.user.email)).rejects.toThrow();
    expect((await login(grace.user.email, NEW_PASSWORD)).user.id).toBe(grace.user.id);
    const changed = (await eventsOf('user.password_changed')).find((e) => e.data.userId === grace.user.id);
    expect(changed?.data).toMatchObject({ via: 'self' });
    const { items } = await h.services.delivery.list(PRODUCT, {
      email: grace.user.email,
      template: 'password-changed',
    });
    expect(items).toHaveLength(1);
  });

  it('email change: link to the new address, single use, old address told, taken address 409', async () => {
    const alan = await h.signIn(['user']);
    const taken = await h.signIn(['user']);
    await expectFieldError(
      () =>
        alan.caller.account.requestEmailChange({ newEmail: 'alan.new@example.com', password: 'nope-nope-1' }),
      'password',
    );
    const conflict = await trpcErrorOf(() =>
      alan.caller.account.requestEmailChange({ newEmail: taken.user.email, password: TEST_PASSWORD }),
    );
    expect(conflict.code).toBe('CONFLICT');
    expect(shapeOf(conflict)).toMatchObject({ data: { fields: [{ path: 'newEmail' }] } });

    await alan.caller.account.requestEmailChange({
      newEmail: 'Alan.New@example.com',
      password: TEST_PASSWORD,
    });
    const [mail] = await mailsTo('alan.new@example.com');
    if (!mail) throw new Error('no confirmation mail');
    const token = tokenInMail(mail, CONFIRM_URL);
    expect(await documentsHolding(h.store, token)).toEqual([`delivery_log/${mail.id}`]);
    // Nothing changes until the link is followed.
    expect((await alan.caller.account.getMine()).email).toBe(alan.user.email);

    const visitor = await h.anonymous();
    expect(await visitor.account.confirmEmailChange({ token })).toEqual({
      changed: true,
      email: 'alan.new@example.com',
    });
    expect(await alan.caller.account.getMine()).toMatchObject({
      email: 'alan.new@example.com',
      emailVerified: true,
    });
    await expectFieldError(() => visitor.account.confirmEmailChange({ token }), 'token');
    const [notice] = await mailsTo(alan.user.email);
    expect(notice?.text).toContain('was changed to alan.new@example.com');
    const changed = (await eventsOf('user.email_changed')).find((e) => e.data.userId === alan.user.id);
    expect(changed?.data).toEqual({
      userId: alan.user.id,
      previousEmail: alan.user.email,
      email: 'alan.new@example.com',
    });
  });

  it('email change: an expired link is refused', async () => {
    const kay = await h.signIn(['user']);
    await kay.caller.account.requestEmailChange({ newEmail: 'kay.new@example.com', password: TEST_PASSWORD });
    const [mail] = await mailsTo('kay.new@example.com');
    if (!mail) throw new Error('no confirmation mail');
    h.advance(DAY_MS + 1000);
    await expectFieldError(
      async () => (await h.anonymous()).account.confirmEmailChange({ token: tokenInMail(mail, CONFIRM_URL) }),
      'token',
    );
    expect((await kay.caller.account.getMine()).email).toBe(kay.user.email);
  });

  it("licenses.deactivateDeviceMine: frees a device of the caller's license; another user's is 404", async () => {
    const root = await h.root();
    const owner = await h.signIn(['user']);
    const stranger = await h.signIn(['user']);
    const { key, item } = await root.caller.licenses.create({ userId: owner.user.id, maxDevices: 2 });
    await (await h.anonymous()).licenses.activate({ key, deviceId: 'laptop-1' });
    const refused = await trpcErrorOf(() =>
      stranger.caller.licenses.deactivateDeviceMine({ licenseId: item.id, deviceId: 'laptop-1' }),
    );
    expect(refused.code).toBe('NOT_FOUND');
    const freed = await owner.caller.licenses.deactivateDeviceMine({
      licenseId: item.id,
      deviceId: 'laptop-1',
    });
    expect(freed.devices).toEqual([]);
  });

  describe('data export', () => {
    let mine: SignedIn;
    let theirs: SignedIn;

    beforeAll(async () => {
      mine = await h.signIn(['user']);
      theirs = await h.signIn(['user']);
      for (const who of [mine, theirs]) {
        await who.caller.memory.create({ text: `note of ${who.user.email}` });
        await who.caller.settings.updateMine({ values: { theme: `dark-${who.user.id}` } });
      }
    });

    it('writes everything about the user and nothing about others; progress reaches the total; mails a link', async () => {
      const requested = await mine.caller.account.requestDataExport();
      expect(requested).toMatchObject({ status: 'pending', downloadUrl: null });
      const second = await trpcErrorOf(() => mine.caller.account.requestDataExport());
      expect(second.code).toBe('CONFLICT');
      await h.services.exports.engine.drain();
      const ready = await mine.caller.account.getDataExport({ id: requested.id });
      expect(ready.status).toBe('ready');
      expect(ready.processed).toBe(ready.estimatedTotal);
      expect(ready.processed).toBeGreaterThanOrEqual(4);
      if (!ready.downloadUrl) throw new Error('no download URL');

      const archive = JSON.parse(await fetchBlob(ready.downloadUrl));
      expect(archive.profile).toMatchObject({ id: mine.user.id, email: mine.user.email });
      expect(archive.profile.passwordHash).toBeUndefined();
      expect(archive.sections.memoryItems).toHaveLength(1);
      expect(archive.sections.settings[0].values).toMatchObject({ theme: `dark-${mine.user.id}` });
      expect(archive.sections.sessions.length).toBeGreaterThanOrEqual(1);
      expect(archive.sections.sessions[0].refreshTokenHash).toBeUndefined();
      const text = JSON.stringify(archive);
      expect(text).not.toContain(theirs.user.id);
      expect(text).not.toContain(theirs.user.email);

      const [mail] = await mailsTo(mine.user.email);
      expect(mail?.text).toContain('/backups/platform/exports/');
      expect(await mine.caller.account.listDataExports()).toMatchObject({ items: [{ id: requested.id }] });
      // Another user never sees it, nor the admin-only exports list through this face.
      expect((await trpcErrorOf(() => theirs.caller.account.getDataExport({ id: requested.id }))).code).toBe(
        'NOT_FOUND',
      );
      expect((await theirs.caller.account.listDataExports()).items).toEqual([]);
      // A new one may start once the first is done.
      expect((await mine.caller.account.requestDataExport()).status).toBe('pending');
      await h.services.exports.engine.drain();
    });

    it('starts one export when two requests arrive at once', async () => {
      const twice = await h.signIn(['user']);
      const outcomes = await Promise.allSettled([
        twice.caller.account.requestDataExport(),
        twice.caller.account.requestDataExport(),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = outcomes.find((o) => o.status === 'rejected');
      expect((refused as PromiseRejectedResult).reason.code).toBe('CONFLICT');
      expect((await twice.caller.account.listDataExports()).items).toHaveLength(1);
      await h.services.exports.engine.drain();
    });

    /** Reads a signed fs-driver URL back through the blob store (the harness serves no HTTP). */
    const fetchBlob = async (url: string) => {
      const { pathname } = new URL(url);
      const path = decodeURIComponent(pathname.slice(pathname.indexOf('/backups/') + '/backups/'.length));
      const blob = await h.services.blob.get('backups', path);
      if (!blob) throw new Error(`no blob at ${path}`);
      return blob.body.toString('utf8');
    };
  });

  describe('deletion', () => {
    it('is scheduled, then cancelled by signing in, with mails and events', async () => {
      const zoe = await h.signIn(['user']);
      await expectFieldError(
        () => zoe.caller.account.requestDeletion({ password: 'wrong-one-11' }),
        'password',
      );
      const { deletionScheduledFor } = await zoe.caller.account.requestDeletion({ password: TEST_PASSWORD });
      expect(Date.parse(deletionScheduledFor ?? '') - h.clock()).toBe(14 * DAY_MS);
      expect((await zoe.caller.account.getMine()).deletionScheduledFor).toBe(deletionScheduledFor);
      await login(zoe.user.email);
      await h.services.bus.drain();
      expect((await zoe.caller.account.getMine()).deletionScheduledFor).toBeNull();
      const cancelled = (await eventsOf('account.deletion_cancelled')).find(
        (e) => e.data.userId === zoe.user.id,
      );
      expect(cancelled?.data).toEqual({ userId: zoe.user.id, via: 'login' });
      const mails = await mailsTo(zoe.user.email);
      expect(mails.map((m) => m.subject).sort()).toEqual([
        'Platform: Your account deletion was cancelled',
        'Platform: Your account will be deleted',
      ]);
    });

    it('cancelDeletion calls it off', async () => {
      const sam = await h.signIn(['user']);
      await sam.caller.account.requestDeletion({ password: TEST_PASSWORD });
      expect(await sam.caller.account.cancelDeletion()).toEqual({ deletionScheduledFor: null });
      expect((await sam.caller.account.getMine()).deletionScheduledFor).toBeNull();
    });

    it("the daily job deletes the account after the grace period, erasing the user's documents", async () => {
      const leaver = await h.signIn(['user']);
      const stayer = await h.signIn(['user']);
      await leaver.caller.memory.create({ text: 'to be erased' });
      await leaver.caller.settings.updateMine({ values: { theme: 'light' } });
      await leaver.caller.account.requestDeletion({ password: TEST_PASSWORD });
      await stayer.caller.account.requestDeletion({ password: TEST_PASSWORD });
      await stayer.caller.account.cancelDeletion();
      h.advance(13 * DAY_MS);
      await triggerJob(h, 'account-deletions');
      expect(await h.services.users.find(PRODUCT, leaver.user.id)).toBeDefined();
      h.advance(DAY_MS + 1000);
      const run = await triggerJob(h, 'account-deletions');
      expect(run).toMatchObject({ status: 'succeeded', metrics: { deleted: 1, failed: 0 } });
      await h.services.bus.drain();
      expect(await h.services.users.find(PRODUCT, leaver.user.id)).toBeUndefined();
      expect(await h.services.users.find(PRODUCT, stayer.user.id)).toBeDefined();
      const deleted = (await eventsOf('user.deleted')).find((e) => e.data.userId === leaver.user.id);
      expect(deleted).toBeDefined();
      const root = await h.root();
      expect((await root.caller.memory.list({ userId: leaver.user.id })).items).toEqual([]);
      const settings = await h.store
        .container<{ id: string }>(SETTINGS_CONTAINERS.settings.name)
        .query({ partitionKey: PRODUCT, where: { ownerId: { eq: leaver.user.id } } });
      expect(settings.items).toEqual([]);
    });
  });
});
