import type { TUser } from '../../users/schema';
import type { UsersService } from '../../users/service';
import type { SearchEntity } from './entity';

/** What the index reads of a user (the stored document and the API's shape both have it). */
type UserRecord = Pick<TUser, 'id' | 'email' | 'name' | 'roles' | 'status' | 'createdAt'>;

/** Users by email and name; a query equal to an email (or a user id) finds that user first. */
export const userEntity = (
  users: Pick<UsersService, 'find' | 'scan' | 'count'>,
): SearchEntity<UserRecord> => ({
  type: 'user',
  label: 'Users',
  events: [
    'user.created',
    'user.updated',
    'user.disabled',
    'user.enabled',
    'user.email_verified',
    'user.deleted',
  ],
  recordId: (event) => ('userId' in event.data ? String(event.data.userId) : null),
  find: (productId, id) => users.find(productId, id),
  page: (productId, cursor, limit) => users.scan(productId, { limit, cursor }),
  count: (productId) => users.count(productId),
  entry: (user) => ({
    id: user.id,
    owner: user.id,
    primary: `${user.email} ${user.name}`,
    secondary: user.roles.join(' '),
    keys: [user.email, user.id],
    title: user.name || user.email,
    subtitle: `${user.email}${user.status === 'disabled' ? ' · disabled' : ''}`,
    at: user.createdAt,
    ref: { id: user.id },
  }),
  ordered: true,
  erasedWithOwner: true,
});
