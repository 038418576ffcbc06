import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { SchedulerError } from '@bytelyst/scheduler/errors';
import { createJobRegistry } from '@bytelyst/scheduler/registry';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../app-error';
import { toAppError, withAppErrors } from './service';

const def = (over: Partial<JobDefinition> = {}): JobDefinition => ({
  name: 'nightly-report',
  cron: '0 3 * * *',
  run: async () => undefined,
  ...over,
});

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('scheduler errors on the API', () => {
  it('a bad definition is a VALIDATION error with the same message and field', () => {
    const error = thrown(() => withAppErrors(createJobRegistry()).register(def({ timeoutMs: 0 })));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: "Job 'nightly-report': timeoutMs must be an integer >= 1",
      fields: [{ path: 'nightly-report', message: 'timeoutMs must be an integer >= 1' }],
    });
  });

  it('a duplicate name is a CONFLICT; the wrapped registry still lists and gets jobs', () => {
    const registry = withAppErrors(createJobRegistry());
    const job = registry.register(def());
    expect(thrown(() => registry.register(def()))).toMatchObject({
      code: 'CONFLICT',
      message: "Job 'nightly-report' is already registered",
    });
    expect(registry.get('nightly-report')).toBe(job);
    expect(registry.size()).toBe(1);
  });

  it.each([
    ['unknown_job', 'NOT_FOUND'],
    ['already_running', 'CONFLICT'],
    ['stopping', 'UNAVAILABLE'],
  ] as const)('%s becomes %s with the message kept', (code, appCode) => {
    expect(toAppError(new SchedulerError(code, 'why'))).toMatchObject({ code: appCode, message: 'why' });
  });

  it('passes other errors through', () => {
    const error = new Error('disk full');
    expect(toAppError(error)).toBe(error);
  });
});
