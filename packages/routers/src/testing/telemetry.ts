import type { TClientEventInput } from '../modules/telemetry/schema';
import type { TestHarness } from './harness';

/** A client event at the harness's current time, overridable field by field. */
export const clientEvent = (h: TestHarness, over: Partial<TClientEventInput> = {}): TClientEventInput => ({
  name: 'app.start',
  level: 'info',
  at: new Date(h.clock()).toISOString(),
  platform: 'ios',
  appVersion: '1.2.3',
  ...over,
});

export const errorEvent = (h: TestHarness, over: Partial<TClientEventInput> = {}): TClientEventInput =>
  clientEvent(h, {
    name: 'error.unhandled',
    level: 'error',
    message: 'Cannot read properties of undefined (reading "id") at item 42',
    stack:
      'TypeError: Cannot read properties of undefined\n    at render (https://app.example.com/main.js?v=9:10:5)\n' +
      '    at commit (https://app.example.com/vendor.js:200:17)',
    ...over,
  });

/** Event payloads of one type, as the bus persisted them (read through the admin API). */
export const emitted = async (
  caller: Awaited<ReturnType<TestHarness['signIn']>>['caller'],
  type: string,
): Promise<Record<string, unknown>[]> => {
  const page = await caller.events.list({ type, limit: 200 });
  const details = await Promise.all(page.items.map((e) => caller.events.get({ id: e.id })));
  return details.map((d) => d.data);
};
