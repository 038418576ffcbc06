import { describe, expect, it } from 'vitest';
import type { JobDefinition } from './definition';
import { isSchedulerError } from './errors';
import { createJobRegistry } from './registry';

const def = (over: Partial<JobDefinition> = {}): JobDefinition => ({
  name: 'nightly-report',
  cron: '0 3 * * *',
  run: async () => undefined,
  ...over,
});

describe('job registry', () => {
  it('applies the defaults and lists and gets jobs', () => {
    const registry = createJobRegistry();
    const job = registry.register(def());
    expect(job).toMatchObject({
      timezone: 'UTC',
      description: '',
      timeoutMs: 300_000,
      retry: { maxAttempts: 3, backoffMs: 1000, factor: 2 },
      missedRunPolicy: 'once',
      maxCatchUp: 10,
      enabledByDefault: true,
      productId: '*',
    });
    expect(registry.get('nightly-report')).toBe(job);
    expect(registry.list().map((j) => j.name)).toEqual(['nightly-report']);
    expect(registry.register(def({ name: 'partial-retry', retry: { maxAttempts: 5 } })).retry).toEqual({
      maxAttempts: 5,
      backoffMs: 1000,
      factor: 2,
    });
  });

  it('refuses a duplicate name', () => {
    const registry = createJobRegistry();
    registry.register(def());
    expect(() => registry.register(def())).toThrow("Job 'nightly-report' is already registered");
  });

  it.each([
    [{ name: 'Nightly_Report' }, /kebab-case/],
    [{ name: 'runs' }, /reserved/],
    [{ cron: '0 3 * *' }, /invalid cron '0 3 \* \*'/],
    [{ cron: '0 0 3 * * * 2030' }, /invalid cron/],
    [{ cron: '0 61 * * *' }, /invalid cron/],
    [{ timezone: 'Mars/Olympus_Mons' }, /timezone 'Mars\/Olympus_Mons'/],
    [{ cron: '0 0 30 2 *' }, /never fires/],
    [{ timeoutMs: 0 }, /timeoutMs must be an integer >= 1/],
    [{ retry: { maxAttempts: 0 } }, /retry.maxAttempts/],
    [{ retry: { factor: 0.5 } }, /retry.factor/],
    [{ maxCatchUp: 1.5 }, /maxCatchUp/],
    [{ productId: 'Not A Slug' }, /productId/],
  ] as const)('refuses %o at register time', (over, message) => {
    expect(() => createJobRegistry().register(def(over as Partial<JobDefinition>))).toThrow(message);
  });

  it('refuses with a SchedulerError: invalid_definition naming the job, duplicate_job', () => {
    const registry = createJobRegistry();
    registry.register(def());
    const refusal = (over: Partial<JobDefinition>) => {
      try {
        registry.register(def(over));
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const invalid = refusal({ name: 'bad-timeout', timeoutMs: -1 });
    expect(isSchedulerError(invalid, 'invalid_definition')).toBe(true);
    expect(invalid).toMatchObject({
      fields: [{ path: 'bad-timeout', message: 'timeoutMs must be an integer >= 1' }],
    });
    expect(isSchedulerError(refusal({}), 'duplicate_job')).toBe(true);
  });

  it('accepts a seconds field, a product-scoped job and an IANA zone', () => {
    const job = createJobRegistry().register(
      def({ cron: '*/10 * * * * *', productId: 'lysnrai', timezone: 'Europe/London' }),
    );
    expect(
      job.schedule.nextN(2, Date.parse('2026-06-01T12:00:05Z')).map((t) => new Date(t).toISOString()),
    ).toEqual(['2026-06-01T12:00:10.000Z', '2026-06-01T12:00:20.000Z']);
  });
});
