import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from './circuit-breaker';

const manualClock = (start = 1_000_000) => {
  let now = start;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
};

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures, not before', () => {
    const time = manualClock();
    const breaker = createCircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, clock: time.clock });
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state()).toBe('closed');
    expect(breaker.canTry()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state()).toBe('open');
    expect(breaker.canTry()).toBe(false);
  });

  it('counts only consecutive failures: a success resets the count', () => {
    const time = manualClock();
    const breaker = createCircuitBreaker({ failureThreshold: 2, clock: time.clock });
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.state()).toBe('closed');
    breaker.recordFailure();
    expect(breaker.state()).toBe('open');
  });

  it('defaults to 5 failures and a 60 s cooldown', () => {
    const time = manualClock();
    const breaker = createCircuitBreaker({ clock: time.clock });
    for (let i = 0; i < 4; i += 1) breaker.recordFailure();
    expect(breaker.state()).toBe('closed');
    breaker.recordFailure();
    expect(breaker.state()).toBe('open');
    time.advance(59_999);
    expect(breaker.canTry()).toBe(false);
    time.advance(1);
    expect(breaker.state()).toBe('half_open');
  });

  it('lets exactly one trial through after the cooldown; its success closes the circuit', () => {
    const time = manualClock();
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 1000, clock: time.clock });
    breaker.recordFailure();
    time.advance(1000);
    expect(breaker.state()).toBe('half_open');
    expect(breaker.canTry()).toBe(true);
    expect(breaker.canTry()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state()).toBe('closed');
    expect(breaker.canTry()).toBe(true);
    expect(breaker.canTry()).toBe(true);
  });

  it('re-opens for a full cooldown when the trial fails', () => {
    const time = manualClock();
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 1000, clock: time.clock });
    breaker.recordFailure();
    time.advance(1500);
    expect(breaker.canTry()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state()).toBe('open');
    time.advance(999);
    expect(breaker.canTry()).toBe(false);
    time.advance(1);
    expect(breaker.canTry()).toBe(true);
  });

  it('does not extend the cooldown for failures recorded while open', () => {
    const time = manualClock();
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 1000, clock: time.clock });
    breaker.recordFailure();
    time.advance(500);
    breaker.recordFailure();
    time.advance(500);
    expect(breaker.state()).toBe('half_open');
  });
});
