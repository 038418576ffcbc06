import { CONTAINERS } from '@bytelyst/db/containers';
import type { DocumentStore, Filter, Stored } from '@bytelyst/db/document-store';
import { sha256 } from '../../lib/crypto';
import type { TRole, TUser, TUserStatus } from './schema';

export type UserDoc = Omit<TUser, 'roles'> & {
  kind: 'user';
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
  const users = () => store.container<UserDoc>(CONTAINERS.users.name);
  const guards = () => store.container<EmailGuardDoc>(CONTAINERS.users.name);
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
    /** Race-safe: the guard's create conflicts for a second user with the same email. */
    async create(doc: UserDoc): Promise<Stored<UserDoc>> {
      const guard = { id: emailGuardId(doc.emailLower), kind: 'email' as const, productId: doc.productId };
      await guards().create({ ...guard, emailLower: doc.emailLower, userId: doc.id });
      try {
        return await users().create(doc);
      } catch (error) {
        await guards().delete(guard.id, doc.productId);
        throw error;
      }
    },
    replace: (doc: UserDoc, ifMatch?: string) => users().replace(doc, ifMatch ? { ifMatch } : undefined),
    async delete(doc: UserDoc): Promise<void> {
      await users().delete(doc.id, doc.productId);
      await guards().delete(emailGuardId(doc.emailLower), doc.productId);
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
