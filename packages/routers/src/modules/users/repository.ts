import type { DocumentStore, Filter, Outbox, Stored } from '@bytelyst/db/document-store';
import { isStoreError } from '@bytelyst/db/document-store';
import { sha256 } from '../../lib/crypto';
import type { AvatarRef } from './avatar';
import { USERS_CONTAINERS } from './containers';
import type { TRole, TUser, TUserStatus } from './schema';

export type UserDoc = Omit<TUser, 'roles' | 'emailVerified' | 'avatar'> & {
  /** Absent until an avatar's variants are made (the assets module sets it). */
  avatar?: AvatarRef;
  kind: 'user';
  /** Absent on users stored before verification existed: unverified. */
  emailVerified?: boolean;
  emailVerifiedAt?: string;
  emailLower: string;
  /** Lowercased `email name`, so one `contains` covers a search over both. */
  searchText: string;
  passwordHash: string;
  roles: TRole[];
};

/** Uniqueness guard: one per (product, email), created before the user; a second create conflicts. */
export type EmailGuardDoc = {
  id: string;
  kind: 'email';
  productId: string;
  emailLower: string;
  userId: string;
};

export const emailGuardId = (emailLower: string): string => `email-${sha256(emailLower)}`;

export const createUsersRepository = (store: DocumentStore) => {
  const users = () => store.container<UserDoc>(USERS_CONTAINERS.users.name);
  const guards = () => store.container<EmailGuardDoc>(USERS_CONTAINERS.users.name);
  const userDocs = () => store.container<UserDoc | EmailGuardDoc>(USERS_CONTAINERS.users.name);
  const onlyUsers = (where: Filter<UserDoc> = {}): Filter<UserDoc> => ({ ...where, kind: { eq: 'user' } });
  const get = async (productId: string, id: string): Promise<Stored<UserDoc> | undefined> => {
    const doc = await users().read(id, productId);
    return doc?.kind === 'user' ? doc : undefined;
  };

  return {
    get,
    async findByEmail(productId: string, emailLower: string): Promise<Stored<UserDoc> | undefined> {
      const guard = await guards().read(emailGuardId(emailLower), productId);
      return guard?.kind === 'email' ? get(productId, guard.userId) : undefined;
    },
    /**
     * The user and its email guard in one batch (same partition), so a second user with the same email
     * conflicts and no crash leaves a guard without its user. Undefined when the email is taken.
     */
    async create(doc: UserDoc, outbox?: Outbox): Promise<Stored<UserDoc> | undefined> {
      const guard: EmailGuardDoc = {
        id: emailGuardId(doc.emailLower),
        kind: 'email',
        productId: doc.productId,
        emailLower: doc.emailLower,
        userId: doc.id,
      };
      try {
        const [, user] = await userDocs().batch(
          doc.productId,
          [
            { op: 'create', doc: guard },
            { op: 'create', doc },
          ],
          outbox ? { outbox } : {},
        );
        return user as Stored<UserDoc> | undefined;
      } catch (error) {
        if (isStoreError(error, 'conflict')) return undefined;
        throw error;
      }
    },
    /**
     * The user under a new address and the email guards swapped, in one batch guarded by the user's etag:
     * undefined when the new address is taken.
     */
    async moveEmail(current: Stored<UserDoc>, next: UserDoc, outbox?: Outbox) {
      const guard: EmailGuardDoc = {
        id: emailGuardId(next.emailLower),
        kind: 'email',
        productId: next.productId,
        emailLower: next.emailLower,
        userId: next.id,
      };
      try {
        // The batch answers the documents it wrote (the guard, the user); a delete writes none.
        const [, user] = await userDocs().batch(
          next.productId,
          [
            { op: 'create', doc: guard },
            { op: 'delete', id: emailGuardId(current.emailLower) },
            { op: 'replace', doc: next, ifMatch: current._etag },
          ],
          outbox ? { outbox } : {},
        );
        return user as Stored<UserDoc> | undefined;
      } catch (error) {
        if (isStoreError(error, 'conflict')) return undefined;
        throw error;
      }
    },
    replace: (doc: UserDoc, ifMatch?: string, outbox?: Outbox) =>
      users().replace(doc, { ...(ifMatch ? { ifMatch } : {}), ...(outbox ? { outbox } : {}) }),
    async delete(doc: UserDoc, outbox?: Outbox): Promise<void> {
      await userDocs().batch(
        doc.productId,
        [
          { op: 'delete', id: doc.id },
          { op: 'delete', id: emailGuardId(doc.emailLower) },
        ],
        outbox ? { outbox } : {},
      );
    },
    list: (
      productId: string,
      where: Filter<UserDoc>,
      page: { limit: number; continuation?: string | undefined },
    ) =>
      users().query({
        partitionKey: productId,
        where: onlyUsers(where),
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit: page.limit,
        ...(page.continuation ? { continuation: page.continuation } : {}),
      }),
    count: (productId: string | undefined, where: Filter<UserDoc> = {}) =>
      users().count({ ...(productId ? { partitionKey: productId } : {}), where: onlyUsers(where) }),
    /** Platform-wide: super_admin is not bound to one product. */
    countWithRole: (role: TRole, status?: TUserStatus) =>
      users().count({
        where: onlyUsers({ roles: { contains: role }, ...(status ? { status: { eq: status } } : {}) }),
      }),
  };
};

export type UsersRepository = ReturnType<typeof createUsersRepository>;
