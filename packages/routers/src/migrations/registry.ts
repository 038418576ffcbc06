import type { Migration } from '@bytelyst/db/migrations/definition';
import { usersEmailVerified } from './001-users-email-verified';
import { productsSettings } from './002-products-settings';
import { trackerRoadmapFields } from './003-tracker-roadmap-fields';

/**
 * The platform's migrations, the one list the runner applies at start-up (in version order, whatever the order
 * here). A new migration is a file beside this one (`NNN-name.ts`, idempotent, `reversible` with a `down`
 * unless it cannot be undone) and a line here; a shipped one is never edited or renumbered.
 */
export const PLATFORM_MIGRATIONS: readonly Migration[] = [
  usersEmailVerified,
  productsSettings,
  trackerRoadmapFields,
];
