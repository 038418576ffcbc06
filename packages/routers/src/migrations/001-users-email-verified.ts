import { updateEach } from '@bytelyst/db/migrations/backfill';
import type { Migration } from '@bytelyst/db/migrations/definition';
import { USERS_CONTAINERS } from '../modules/users/containers';
import type { UserDoc } from '../modules/users/repository';

const users = USERS_CONTAINERS.users.name;

/**
 * Users stored before email verification existed have no `emailVerified`; reads take that as false. This writes
 * the false into them, so every stored user says what it is. `down` takes the false out again where no
 * verification was ever recorded, which reads the same.
 */
export const usersEmailVerified: Migration = {
  version: 1,
  name: 'users_email_verified',
  description: 'Users stored before email verification existed get emailVerified: false',
  reversible: true,
  async up(ctx) {
    await updateEach<UserDoc>(
      ctx,
      users,
      { kind: { eq: 'user' }, emailVerified: { exists: false } },
      (doc) =>
        doc.kind !== 'user' || doc.emailVerified !== undefined ? null : { ...doc, emailVerified: false },
    );
  },
  async down(ctx) {
    await updateEach<UserDoc>(
      ctx,
      users,
      { kind: { eq: 'user' }, emailVerified: { eq: false }, emailVerifiedAt: { exists: false } },
      (doc) => {
        if (doc.emailVerified !== false || doc.emailVerifiedAt !== undefined) return null;
        const { emailVerified: _unset, ...rest } = doc;
        return rest;
      },
    );
  },
};
