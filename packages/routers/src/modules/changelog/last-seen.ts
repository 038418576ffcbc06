import { compare, valid } from 'semver';
import type { ValuesService } from '../settings/values-service';
import { LAST_SEEN_SETTING } from './schema';

/** The version whose notes a user has seen, kept in their settings (`changelog.lastSeenVersion`). */
export const createLastSeen = (settings: Pick<ValuesService, 'forUser' | 'patchUser'>) => {
  const read = (values: Record<string, unknown>): string | null => {
    const value = values[LAST_SEEN_SETTING];
    return typeof value === 'string' && valid(value) ? value : null;
  };
  return {
    async get(productId: string, userId: string) {
      return { lastSeenVersion: read((await settings.forUser(productId, userId)).values) };
    },
    /**
     * Moves forward only: a device still on an older build that marks its notes seen must not bring back
     * notes a newer device already dismissed.
     */
    async update(productId: string, userId: string, version: string) {
      const current = read((await settings.forUser(productId, userId)).values);
      if (current && compare(current, version) >= 0) return { lastSeenVersion: current };
      const next = await settings.patchUser(productId, userId, { [LAST_SEEN_SETTING]: version });
      return { lastSeenVersion: read(next.values) };
    },
  };
};
