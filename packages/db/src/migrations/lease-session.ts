import type { LeaseManager } from '../leases';
import type { MigrationLogger } from './definition';

/** The one lease every runner of every instance contends for. */
export const MIGRATIONS_LEASE = 'migrations:runner';

export type LeaseSession = {
  /** Set when a renewal failed: the lease may be someone else's now, so no further migration may start. */
  readonly lost: boolean;
};

export type LeaseHolder = {
  /**
   * Runs `work` while holding the lease, renewed in the background and released after. `wait`: keep trying
   * (every `pollMs`) until the lease is free or `timeoutMs` passed; otherwise give up at once. Resolves to
   * null when the lease was not had.
   */
  hold<R>(
    work: (session: LeaseSession) => Promise<R>,
    wait: { pollMs: number; timeoutMs: number } | null,
  ): Promise<{ result: R; waitedMs: number } | null>;
  /** Who holds it now, if anyone. */
  holder(): Promise<{ holder: string; expiresAt: number } | null>;
};

export const createLeaseHolder = (deps: {
  leases: LeaseManager;
  instanceId: string;
  ttlMs: number;
  logger: MigrationLogger;
  sleep: (ms: number) => Promise<void>;
}): LeaseHolder => {
  const { leases, instanceId, ttlMs, logger } = deps;
  // The lease manager lets its holder take it again; one process must still run one session at a time.
  let busy = false;

  const acquire = async (wait: { pollMs: number; timeoutMs: number } | null) => {
    let waitedMs = 0;
    for (;;) {
      if (!busy) {
        busy = true;
        let lease = null;
        try {
          lease = await leases.acquire(MIGRATIONS_LEASE, instanceId, ttlMs);
        } finally {
          if (!lease) busy = false;
        }
        if (lease) return waitedMs;
      }
      if (!wait || waitedMs >= wait.timeoutMs) return null;
      if (waitedMs === 0) {
        const current = await leases.current(MIGRATIONS_LEASE);
        logger.info(
          { holder: current?.holder ?? instanceId },
          'migrations are being run by another runner; waiting for it to finish',
        );
      }
      await deps.sleep(wait.pollMs);
      waitedMs += wait.pollMs;
    }
  };

  return {
    async hold(work, wait) {
      const waitedMs = await acquire(wait);
      if (waitedMs === null) return null;
      const session = { lost: false };
      const renewal = setInterval(
        () => {
          leases.renew(MIGRATIONS_LEASE, instanceId, ttlMs).then(
            (lease) => {
              if (lease || session.lost) return;
              session.lost = true;
              logger.error({ instanceId }, 'migrations lease lost; no further migration starts here');
            },
            (error: unknown) => logger.warn({ err: error }, 'migrations lease renewal failed'),
          );
        },
        Math.max(10, Math.floor(ttlMs / 3)),
      );
      renewal.unref?.();
      try {
        return { result: await work(session), waitedMs };
      } finally {
        clearInterval(renewal);
        await leases.release(MIGRATIONS_LEASE, instanceId).catch(() => false);
        busy = false;
      }
    },
    async holder() {
      const lease = await leases.current(MIGRATIONS_LEASE);
      return lease ? { holder: lease.holder, expiresAt: lease.expiresAt } : null;
    },
  };
};
