import { setTimeout as delay } from 'node:timers/promises';
import type { Clock, Filter, Outbox, Stored } from '@bytelyst/db/document-store';
import { isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { LeaseManager } from '@bytelyst/db/leases';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { assertPasswordAllowed } from '../../lib/password-policy';
import { hashPassword } from '../../lib/passwords';
import { isoNow } from '../../lib/time';
import type { SessionsService } from '../sessions/service';
import { type AssetUrl, type AvatarRef, avatarView } from './avatar';
import type { UserDoc, UsersRepository } from './repository';
import {
  type Actor,
  assertKeepsSuperAdmin,
  assertMayManage,
  assertNotSelf,
  assertNotSelfDemotion,
} from './rules';
import type { TRole, TUser, TUserCreateInput, TUserDetail, TUserListInput } from './schema';

const SUPER_ADMIN_LEASE = 'users:super-admin-removal';
/** Long enough for a count and a write; a crashed holder blocks such changes for at most this long. */
const SUPER_ADMIN_LEASE_MS = 10_000;

export const toUser = (doc: UserDoc, assetUrl: AssetUrl): TUser => ({
  id: doc.id,
  productId: doc.productId,
  email: doc.email,
  name: doc.name,
  roles: doc.roles,
  status: doc.status,
  emailVerified: doc.emailVerified ?? false,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
  lastLoginAt: doc.lastLoginAt,
  avatar: avatarView(doc.avatar, assetUrl),
});

export const createUsersService = (deps: {
  repo: UsersRepository;
  sessions: SessionsService;
  clock: Clock;
  deleteTokensOf: (productId: string, userId: string) => Promise<number>;
  onInvalidate: (userId: string) => void;
  leases: LeaseManager;
  bus: EventBus;
  /** Turns a stored avatar variant key into its public URL. */
  assetUrl: AssetUrl;
}) => {
  const { repo, clock } = deps;
  const view = (doc: UserDoc): TUser => toUser(doc, deps.assetUrl);
  const activeSuperAdmins = () => repo.countWithRole('super_admin', 'active');
  /**
   * Runs a change that may take an active super_admin away while holding one platform-wide lease, so two
   * such changes (on any instances) cannot both count "two left" and leave none.
   */
  const guardingLastSuperAdmin = async <T>(
    targetRoles: readonly TRole[],
    stillSuperAdmin: boolean,
    change: () => Promise<T>,
  ): Promise<T> => {
    if (!targetRoles.includes('super_admin') || stillSuperAdmin) return change();
    const holder = randomId(12);
    for (let attempt = 0; ; attempt += 1) {
      if (await deps.leases.acquire(SUPER_ADMIN_LEASE, holder, SUPER_ADMIN_LEASE_MS)) break;
      if (attempt >= 40)
        throw new AppError('CONFLICT', 'Another super_admin change is in progress; try again');
      await delay(25);
    }
    try {
      await assertKeepsSuperAdmin(targetRoles, stillSuperAdmin, activeSuperAdmins);
      return await change();
    } finally {
      await deps.leases.release(SUPER_ADMIN_LEASE, holder);
    }
  };

  const load = async (productId: string, id: string): Promise<Stored<UserDoc>> => {
    const doc = await repo.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', 'User not found');
    return doc;
  };

  const save = async (doc: Stored<UserDoc>, patch: Partial<UserDoc>, outbox?: Outbox): Promise<TUser> => {
    const next = { ...withoutSystemFields(doc), ...patch, updatedAt: isoNow(clock) };
    const saved = await repo.replace(next, doc._etag, outbox);
    deps.onInvalidate(doc.id);
    return view(saved);
  };

  return {
    load,
    /** The user as clients see it (avatar URLs resolved); for modules that load a user document themselves. */
    present: view,
    /** The user, or undefined when there is none (a one-time token may outlive its user). */
    find: (productId: string, id: string): Promise<Stored<UserDoc> | undefined> => repo.get(productId, id),
    /** Whether the user exists in the product, for modules that take a user id from an admin. */
    exists: async (productId: string, id: string): Promise<boolean> =>
      (await repo.get(productId, id)) !== undefined,
    findByEmail: (productId: string, email: string) =>
      repo.findByEmail(productId, email.trim().toLowerCase()),
    /**
     * `emailVerified`: set by flows that already proved the address (an SSO provider, the bootstrap).
     * `passwordPolicy: false` only for the bootstrap admin, whose password the operator set in the environment
     * (env.ts holds it to 12+ characters): a policy change must not stop a deployment from starting.
     */
    async create(
      productId: string,
      input: TUserCreateInput & { emailVerified?: boolean; passwordPolicy?: false },
      actor?: Actor,
    ): Promise<TUser> {
      if (actor) assertMayManage(actor, [], input.roles);
      const email = input.email.trim().toLowerCase();
      if (input.passwordPolicy !== false) await assertPasswordAllowed(input.password, email, 'password');
      const now = isoNow(clock);
      const doc: UserDoc = {
        id: randomId(12),
        kind: 'user',
        productId,
        email,
        emailLower: email,
        name: input.name,
        searchText: `${email} ${input.name.toLowerCase()}`,
        passwordHash: await hashPassword(input.password),
        roles: input.roles,
        status: 'active',
        emailVerified: input.emailVerified ?? false,
        ...(input.emailVerified ? { emailVerifiedAt: now } : {}),
        createdAt: now,
        updatedAt: now,
        lastLoginAt: null,
      };
      const created = await repo.create(
        doc,
        deps.bus.stage(
          'user.created',
          { userId: doc.id, email: doc.email, roles: doc.roles, plan: null },
          { productId, actorId: actor?.userId ?? doc.id },
        ),
      );
      if (!created) {
        throw new AppError('CONFLICT', 'A user with this email already exists', {
          fields: [{ path: 'email', message: 'Already registered' }],
        });
      }
      return view(created);
    },
    async get(productId: string, id: string): Promise<TUserDetail> {
      const doc = await load(productId, id);
      return { ...view(doc), activeSessions: await deps.sessions.countActive({ userId: id }) };
    },
    async list(productId: string, input: TUserListInput) {
      const where: Filter<UserDoc> = {
        ...(input.search ? { searchText: { contains: input.search.toLowerCase() } } : {}),
        ...(input.role ? { roles: { contains: input.role } } : {}),
        ...(input.status ? { status: { eq: input.status } } : {}),
      };
      const page = await repo.list(productId, where, {
        limit: input.limit ?? 25,
        continuation: input.cursor,
      });
      return {
        items: page.items.map(view),
        nextCursor: page.continuation,
        total: await repo.count(productId, where),
      };
    },
    count: (productId: string) => repo.count(productId),
    /** Every user of a product, a page at a time, newest first, without the total `list` counts per page. */
    async scan(productId: string, page: { limit: number; cursor?: string | undefined }) {
      const found = await repo.list(productId, {}, { limit: page.limit, continuation: page.cursor });
      return { items: found.items.map(view), nextCursor: found.continuation };
    },
    countWithRole: (role: TRole) => repo.countWithRole(role),
    async setRoles(productId: string, actor: Actor, id: string, roles: TRole[]): Promise<TUser> {
      const doc = await load(productId, id);
      assertMayManage(actor, doc.roles, roles);
      assertNotSelfDemotion(actor, id, roles);
      return guardingLastSuperAdmin(doc.roles, roles.includes('super_admin'), () =>
        save(
          doc,
          { roles },
          deps.bus.stage(
            'user.updated',
            { userId: id, changes: ['roles'] },
            { productId, actorId: actor.userId },
          ),
        ),
      );
    },
    async setStatus(
      productId: string,
      actor: Actor,
      id: string,
      status: 'active' | 'disabled',
    ): Promise<TUser> {
      const doc = await load(productId, id);
      assertMayManage(actor, doc.roles);
      if (status === 'disabled') assertNotSelf(actor, id, 'disable');
      const outbox =
        doc.status === status
          ? undefined
          : deps.bus.stage(
              status === 'disabled' ? 'user.disabled' : 'user.enabled',
              { userId: id },
              { productId, actorId: actor.userId },
            );
      const user = await guardingLastSuperAdmin(doc.roles, status === 'active', () =>
        save(doc, { status }, outbox),
      );
      if (status === 'disabled') await deps.sessions.revokeAll(id, 'user_disabled');
      return user;
    },
    async delete(productId: string, actor: Actor, id: string): Promise<{ id: string; deleted: true }> {
      const doc = await load(productId, id);
      assertMayManage(actor, doc.roles);
      assertNotSelf(actor, id, 'delete');
      // Sessions and tokens live in other partitions; the user.deleted event commits with the user's removal,
      // and the sessions and tokens go right after (a crash in between leaves sessions of a deleted user,
      // which authentication refuses because it reads the user).
      await guardingLastSuperAdmin(doc.roles, false, () =>
        repo.delete(
          doc,
          deps.bus.stage('user.deleted', { userId: id }, { productId, actorId: actor.userId }),
        ),
      );
      await deps.sessions.deleteAll(id);
      await deps.deleteTokensOf(productId, id);
      deps.onInvalidate(id);
      return { id, deleted: true };
    },
    /** The user's own name (account self-service), with `user.updated` committed alongside. */
    async setName(productId: string, id: string, name: string): Promise<TUser> {
      const doc = await load(productId, id);
      if (doc.name === name) return view(doc);
      return save(
        doc,
        { name, searchText: `${doc.emailLower} ${name.toLowerCase()}` },
        deps.bus.stage('user.updated', { userId: id, changes: ['name'] }, { productId, actorId: id }),
      );
    },
    /** Marks the user's current address verified; a no-op when it already is. */
    async markEmailVerified(productId: string, id: string, outbox?: Outbox): Promise<TUser> {
      const doc = await load(productId, id);
      if (doc.emailVerified) return view(doc);
      return save(doc, { emailVerified: true, emailVerifiedAt: isoNow(clock) }, outbox);
    },
    /**
     * Sets a new password (checked against the policy, the 400 naming `field`); `outbox` carries the events
     * that report it, committed with the new hash.
     */
    async setPassword(
      productId: string,
      id: string,
      password: string,
      opts: { field: string; outbox?: (user: TUser) => Outbox },
    ): Promise<TUser> {
      const doc = await load(productId, id);
      await assertPasswordAllowed(password, doc.email, opts.field);
      return save(doc, { passwordHash: await hashPassword(password) }, opts.outbox?.(view(doc)));
    },
    /**
     * Moves the user to another address: the email guard moves with it in one batch (a taken address is a 409
     * naming `email`), and the new address is unverified until its owner proves it.
     */
    async setEmail(
      productId: string,
      actor: Actor,
      id: string,
      email: string,
      /** The user's own confirmed change: the new address is verified, and `outbox` reports it. */
      confirmed?: { outbox: (previousEmail: string) => Outbox },
    ): Promise<TUser> {
      const doc = await load(productId, id);
      assertMayManage(actor, doc.roles);
      const next = email.trim().toLowerCase();
      if (next === doc.emailLower) return view(doc);
      const { emailVerifiedAt: _verifiedAt, ...rest } = withoutSystemFields(doc);
      const now = isoNow(clock);
      const moved: UserDoc = {
        ...rest,
        email: next,
        emailLower: next,
        searchText: `${next} ${doc.name.toLowerCase()}`,
        emailVerified: confirmed !== undefined,
        ...(confirmed ? { emailVerifiedAt: now } : {}),
        updatedAt: now,
      };
      const saved = await repo.moveEmail(
        doc,
        moved,
        confirmed?.outbox(doc.email) ??
          deps.bus.stage(
            'user.updated',
            { userId: id, changes: ['email'] },
            { productId, actorId: actor.userId },
          ),
      );
      if (!saved) {
        throw new AppError('CONFLICT', 'A user with this email already exists', {
          fields: [{ path: 'email', message: 'Already registered' }],
        });
      }
      deps.onInvalidate(id);
      return view(saved);
    },
    /**
     * Sets the avatar whose variants the assets module made, or removes it (`null`), with `avatar.updated` in the
     * same write. Uploads may finish out of order: one confirmed before the current avatar's is dropped
     * (`undefined`), so a slow old upload never replaces a newer picture.
     */
    async setAvatar(
      productId: string,
      id: string,
      next: AvatarRef | null,
      actorId: string | null,
    ): Promise<TUser | undefined> {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const doc = await load(productId, id);
        if (next && doc.avatar && doc.avatar.confirmedAt > next.confirmedAt) return undefined;
        const { avatar: _previous, ...rest } = withoutSystemFields(doc);
        const patched: UserDoc = { ...rest, ...(next ? { avatar: next } : {}), updatedAt: isoNow(clock) };
        const outbox = deps.bus.stage(
          'avatar.updated',
          { userId: id, uploadId: next?.uploadId ?? null },
          { productId, actorId },
        );
        try {
          const saved = await repo.replace(patched, doc._etag, outbox);
          deps.onInvalidate(id);
          return view(saved);
        } catch (error) {
          if (!isStoreError(error, 'precondition_failed')) throw error;
        }
      }
      throw new AppError('CONFLICT', 'The user changed while their avatar was saved; try again');
    },
    /** Best effort: a concurrent write to the user wins over the login timestamp. */
    async recordLogin(doc: Stored<UserDoc>): Promise<TUser> {
      try {
        return await save(doc, { lastLoginAt: isoNow(clock) });
      } catch (error) {
        if (isStoreError(error, 'precondition_failed')) return view(doc);
        throw error;
      }
    },
  };
};

export type UsersService = ReturnType<typeof createUsersService>;
