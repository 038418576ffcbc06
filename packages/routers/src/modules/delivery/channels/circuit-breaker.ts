export type CircuitState = 'closed' | 'open' | 'half_open';

export type CircuitBreakerOptions = {
  /** consecutive failures that open the circuit (default 5) */
  failureThreshold?: number;
  /** how long the circuit stays open before one trial call is let through (default 60 s) */
  cooldownMs?: number;
  clock: () => number;
};

export type CircuitBreaker = {
  /** Whether a call may go through now; in half_open only the first caller gets the trial. */
  canTry(): boolean;
  recordSuccess(): void;
  recordFailure(): void;
  state(): CircuitState;
};

/**
 * closed: calls go through; `failureThreshold` consecutive failures open it.
 * open: calls are refused until `cooldownMs` has passed, then it is half_open.
 * half_open: one trial call; its success closes the circuit, its failure opens it for another cooldown.
 * Callers record only the failures that say the dependency is unwell (timeouts, 5xx), not refusals of one call.
 */
export const createCircuitBreaker = (opts: CircuitBreakerOptions): CircuitBreaker => {
  const failureThreshold = opts.failureThreshold ?? 5;
  const cooldownMs = opts.cooldownMs ?? 60_000;
  let current: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let trialTaken = false;

  const refresh = () => {
    if (current === 'open' && opts.clock() - openedAt >= cooldownMs) {
      current = 'half_open';
      trialTaken = false;
    }
  };

  const open = () => {
    current = 'open';
    openedAt = opts.clock();
    trialTaken = false;
  };

  return {
    canTry: () => {
      refresh();
      if (current === 'closed') return true;
      if (current === 'open' || trialTaken) return false;
      trialTaken = true;
      return true;
    },
    recordSuccess: () => {
      current = 'closed';
      failures = 0;
      trialTaken = false;
    },
    recordFailure: () => {
      refresh();
      if (current === 'half_open') {
        open();
        return;
      }
      if (current === 'open') return;
      failures += 1;
      if (failures >= failureThreshold) open();
    },
    state: () => {
      refresh();
      return current;
    },
  };
};
