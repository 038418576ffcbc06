import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { createTtlCache } from '../../lib/ttl-cache';
import { compareVersions, parseVersion } from '../flags/semver';
import { KILL_SWITCH_ID, type KillSwitchDoc, type SettingsRepository } from './repository';
import type { TKillSwitch, TKillSwitchPublic, TSetKillSwitchInput } from './schema';

const OFF = (productId: string): TKillSwitch => ({
  productId,
  enabled: false,
  message: '',
  minAppVersion: null,
  updatedAt: null,
  updatedBy: null,
});

/**
 * The per-product kill switch. Every client polls it, so reads come from memory for `ttlMs` (another
 * instance's change shows within that window; this instance's at once).
 */
export const createKillSwitchService = (deps: {
  repo: SettingsRepository;
  clock: Clock;
  bus: EventBus;
  ttlMs: number;
}) => {
  const { repo, clock } = deps;
  const cache = createTtlCache<TKillSwitch>({ ttlMs: deps.ttlMs, clock, maxEntries: 1000 });

  const current = async (productId: string): Promise<TKillSwitch> => {
    const hit = cache.get(productId);
    if (hit) return hit;
    const doc = await repo.readKillSwitch(productId);
    const state: TKillSwitch = doc
      ? {
          productId,
          enabled: doc.enabled,
          message: doc.message,
          minAppVersion: doc.minAppVersion,
          updatedAt: doc.updatedAt,
          updatedBy: doc.updatedBy,
        }
      : OFF(productId);
    cache.set(productId, state);
    return state;
  };

  /** Blocks every client when no minimum is set; otherwise those older than it, or that do not say. */
  const blocks = (state: TKillSwitch, appVersion: string | undefined): boolean => {
    if (!state.enabled) return false;
    if (state.minAppVersion === null) return true;
    const min = parseVersion(state.minAppVersion);
    const version = appVersion ? parseVersion(appVersion) : null;
    return min === null || version === null || compareVersions(version, min) < 0;
  };

  return {
    current,
    async forClient(productId: string, appVersion?: string): Promise<TKillSwitchPublic> {
      const state = await current(productId);
      return {
        enabled: state.enabled,
        blocked: blocks(state, appVersion),
        message: state.message,
        minAppVersion: state.minAppVersion,
        updatedAt: state.updatedAt,
      };
    },
    async set(productId: string, input: TSetKillSwitchInput, actorId: string): Promise<TKillSwitch> {
      if (input.enabled && input.message.length === 0) {
        throw new AppError('VALIDATION', 'Say why: clients show this message while the switch is on', {
          fields: [{ path: 'message', message: 'Required while the kill switch is on' }],
        });
      }
      // Judged against the stored switch, not this instance's cached copy, so the event reports a real change.
      const stored = await repo.readKillSwitch(productId);
      const before = stored ?? OFF(productId);
      const doc: KillSwitchDoc = {
        id: KILL_SWITCH_ID,
        productId,
        scope: 'product',
        ownerId: null,
        enabled: input.enabled,
        message: input.message,
        minAppVersion: input.minAppVersion,
        updatedAt: isoNow(clock),
        updatedBy: actorId,
      };
      const changed =
        before.enabled !== doc.enabled ||
        before.message !== doc.message ||
        before.minAppVersion !== doc.minAppVersion;
      const staged = changed
        ? deps.bus.stage(
            'settings.kill_switch_changed',
            { enabled: doc.enabled, message: doc.message, minAppVersion: doc.minAppVersion },
            { productId, actorId },
          )
        : undefined;
      await repo.upsertKillSwitch(doc, staged);
      cache.delete(productId);
      const { id: _id, scope: _scope, ownerId: _owner, ...state } = doc;
      return state;
    },
  };
};

export type KillSwitchService = ReturnType<typeof createKillSwitchService>;
