import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './root';
import { createTestHarness, type TestHarness } from './testing/harness';
import type { Meta } from './trpc';

/** Callable without credentials. Anything not listed here must answer 401 to an anonymous caller. */
const PUBLIC = new Set([
  'auth.register',
  'auth.login',
  'auth.refresh',
  'auth.requestPasswordReset',
  'auth.resetPassword',
  'auth.verifyEmail',
  'auth.resendVerification',
  'account.confirmEmailChange',
  'tokens.validate',
  'products.getCurrent',
  'flags.evaluate',
  'settings.getKillSwitch',
  'maintenance.get',
  'maintenance.getSchedule',
  'licenses.activate',
  'licenses.deactivate',
  'licenses.validate',
  'telemetry.ingest',
  'plans.list',
  'invitations.validate',
  'referrals.track',
  'waitlist.join',
  'waitlist.getPosition',
  'sso.listEnabled',
  'sso.start',
  'sso.finish',
  'sessions.report',
  'status.get',
  'status.getHistory',
  'status.subscribe',
  'status.confirm',
  'status.unsubscribe',
  'experiments.assign',
  'changelog.list',
  'roadmap.get',
  'roadmap.getItem',
  'i18n.getBundle',
  'themes.getCurrent',
  // The mailed token is the proof, as a verification link's is.
  'orgs.invitations.validate',
  'orgs.invitations.accept',
]);
/** Callable by any signed-in user. Anything not here nor in PUBLIC must answer 403 to a plain user. */
const AUTHED = new Set([
  'auth.getMine',
  'auth.logout',
  // With the shadow token it ends itself; an admin ends one naming it (a plain user is refused: 400 then 403).
  'auth.endImpersonation',
  'settings.getMine',
  'settings.updateMine',
  'settings.getDevice',
  'settings.updateDevice',
  'licenses.listMine',
  'licenses.deactivateDeviceMine',
  'account.getMine',
  'account.updateProfile',
  'account.changePassword',
  'account.requestEmailChange',
  'account.requestDataExport',
  'account.listDataExports',
  'account.getDataExport',
  'account.requestDeletion',
  'account.cancelDeletion',
  'usage.record',
  'usage.check',
  'usage.getMine',
  'tracker.items.get',
  'tracker.items.list',
  'tracker.items.create',
  'tracker.items.update',
  'tracker.comments.list',
  'tracker.comments.create',
  'tracker.comments.update',
  'tracker.comments.delete',
  'tracker.votes.vote',
  'tracker.votes.unvote',
  'tracker.votes.listMine',
  'blob.createUploadUrl',
  'blob.createDownloadUrl',
  'telemetry.eraseMine',
  'notifications.registerDevice',
  'notifications.listMine',
  'notifications.unregisterDevice',
  'notifications.getPreferencesMine',
  'notifications.updatePreferencesMine',
  'subscriptions.getMine',
  'subscriptions.cancelMine',
  'stripe.createPortalSession',
  'invitations.redeem',
  'referrals.getMine',
  'referrals.statsMine',
  'referrals.claim',
  'sessions.listMine',
  'sessions.revokeMine',
  'sessions.revokeAllMine',
  'feedback.create',
  'changelog.updateLastSeenMine',
  'roadmap.createSubmission',
  'roadmap.listSubmissionsMine',
  'roadmap.toggleVote',
  'roadmap.createComment',
  'avatars.getMine',
  'avatars.createUploadMine',
  'avatars.confirmMine',
  'avatars.deleteMine',
  // Memory items: the owner's own; get, update and delete also admit an admin, and answer 404 for anyone else.
  'memory.create',
  'memory.listMine',
  'memory.get',
  'memory.update',
  'memory.delete',
  'promos.validate',
  'promos.redeem',
  // Members manage their own orgs: the org and team roles are checked by org-access.ts
  // (org-access-matrix.test.ts walks them).
  'orgs.listMine',
  'orgs.create',
  'orgs.get',
  'orgs.update',
  'orgs.transfer',
  'orgs.leave',
  'orgs.getSubscription',
  'orgs.setSubscription',
  'orgs.getUsage',
  'orgs.members.list',
  'orgs.members.create',
  'orgs.members.update',
  'orgs.members.delete',
  'orgs.teams.list',
  'orgs.teams.create',
  'orgs.teams.update',
  'orgs.teams.delete',
  'orgs.teams.setMember',
  'orgs.teams.deleteMember',
  'orgs.invitations.list',
  'orgs.invitations.create',
  'orgs.invitations.revoke',
]);
/** The product registry is platform-wide: these must answer 403 to a product admin as well. */
const SUPER_ADMIN_ONLY = new Set([
  'products.create',
  'products.update',
  'products.transition',
  'products.delete',
  // Every registered job is platform-wide ('*'): changing one needs super_admin.
  'jobs.trigger',
  'jobs.pause',
  'jobs.resume',
  // An irreversible migration changes every product's data for good: its approval needs super_admin.
  'migrations.approve',
  // How long data is kept is a platform operator's decision; a run deletes in every product.
  'retention.setPolicy',
  'retention.trigger',
  // A restore rewrites every product's data from a backup.
  'backups.restore',
  // A secret's value is for a super_admin only, with a reason; re-encryption touches every product's secrets.
  'secrets.reveal',
  'secrets.reencrypt',
]);

/** Flat at runtime: dotted path -> procedure (the declared type is the nested record). */
const PROCEDURES = Object.keys(appRouter._def.procedures).sort();
const INPUTS = [{}, undefined] as const;
const levelOf = (path: string): Meta['level'] =>
  (appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>)[path]?._def.meta?.level;
/** The level the allow-lists above give a procedure. */
const expectedLevel = (path: string): Meta['level'] => {
  if (PUBLIC.has(path)) return 'public';
  if (AUTHED.has(path)) return 'authed';
  return SUPER_ADMIN_ONLY.has(path) ? 'superAdmin' : 'admin';
};
/**
 * What an allowed caller must never get. Anything else (OK, a 400 for the empty input, a 404, a 409 such as
 * "nothing to cancel", a 503 for a service this server has no credentials for) is the procedure answering.
 */
const REFUSALS = ['UNAUTHORIZED', 'FORBIDDEN', 'INTERNAL_SERVER_ERROR'];

const call = (caller: unknown, path: string, input: unknown): Promise<unknown> => {
  let target: unknown = caller;
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  if (typeof target !== 'function') throw new Error(`No procedure at ${path}`);
  return (target as (input: unknown) => Promise<unknown>)(input);
};

const codeOf = async (fn: () => Promise<unknown>): Promise<string> => {
  try {
    await fn();
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
};

describe('access matrix (every procedure of appRouter)', () => {
  let h: TestHarness;
  let anonymous: unknown;
  let plainUser: unknown;
  let admin: unknown;
  beforeAll(async () => {
    h = await createTestHarness();
    anonymous = await h.callerFor('anonymous');
    plainUser = await h.callerFor('user');
    admin = await h.callerFor('admin');
  });
  afterAll(async () => h.close());

  it('knows the procedures and its allow-lists name only real ones', () => {
    expect(PROCEDURES.length).toBeGreaterThanOrEqual(25);
    for (const path of [...PUBLIC, ...AUTHED, ...SUPER_ADMIN_ONLY]) expect(PROCEDURES).toContain(path);
  });

  it.each([...SUPER_ADMIN_ONLY])('%s refuses a product admin', async (path) => {
    for (const input of INPUTS) expect(await codeOf(() => call(admin, path, input))).toBe('FORBIDDEN');
  });

  it.each(PROCEDURES)('%s refuses the callers it must', async (path) => {
    for (const input of INPUTS) {
      const anon = await codeOf(() => call(anonymous, path, input));
      const user = await codeOf(() => call(plainUser, path, input));
      if (PUBLIC.has(path)) {
        expect(REFUSALS, `anonymous ${path}`).not.toContain(anon);
      } else {
        expect(anon, `anonymous ${path}`).toBe('UNAUTHORIZED');
      }
      if (!PUBLIC.has(path) && !AUTHED.has(path)) {
        expect(user, `plain user ${path}`).toBe('FORBIDDEN');
      } else {
        expect(REFUSALS, `plain user ${path}`).not.toContain(user);
      }
    }
  });

  // The level in a procedure's meta (which gives the REST face its security) is the access it enforces.
  it.each(PROCEDURES)('%s declares the level it enforces', async (path) => {
    const level = levelOf(path);
    expect(level).toBe(expectedLevel(path));
    const anon = await codeOf(() => call(anonymous, path, {}));
    const user = await codeOf(() => call(plainUser, path, {}));
    const productAdmin = await codeOf(() => call(admin, path, {}));
    expect(anon === 'UNAUTHORIZED', `anonymous ${path}`).toBe(level !== 'public');
    expect(user === 'FORBIDDEN', `plain user ${path}`).toBe(level === 'admin' || level === 'superAdmin');
    expect(productAdmin === 'FORBIDDEN', `product admin ${path}`).toBe(level === 'superAdmin');
  });
});
