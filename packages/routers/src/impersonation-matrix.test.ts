import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEntry } from './modules/audit/schema';
import { IMPERSONATION_READ_ONLY } from './modules/auth/impersonation-schema';
import { appRouter, createCaller } from './root';
import { createTestHarness, type TestHarness } from './testing/harness';
import type { Meta } from './trpc';

/**
 * Admin shadow mode is read-only on every procedure of appRouter, found by walking the router (nothing listed
 * here): each mutation called with a shadow token is refused with 403 naming impersonation, whatever its input
 * (so before any validation), except the one that ends the impersonation; every call is audited.
 */

type Procedure = { _def: { type: string; meta?: Meta } };
/** Flat at runtime: dotted path -> procedure (the declared type is the nested record). */
const PROCEDURES = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>).sort(
  ([a], [b]) => a.localeCompare(b),
);
const MUTATIONS = PROCEDURES.filter(([, p]) => p._def.type === 'mutation').map(([path]) => path);
const QUERIES = PROCEDURES.filter(([, p]) => p._def.type === 'query').map(([path]) => path);
/** Procedures a shadow token may call as a change: exactly the one that ends it. */
const ENDS = PROCEDURES.filter(([, p]) => p._def.meta?.impersonation === 'ends').map(([path]) => path);

const call = (caller: unknown, path: string, input: unknown): Promise<unknown> => {
  let target: unknown = caller;
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  if (typeof target !== 'function') throw new Error(`No procedure at ${path}`);
  return (target as (input: unknown) => Promise<unknown>)(input);
};

const refusalOf = async (fn: () => Promise<unknown>): Promise<{ code: string; message: string }> => {
  try {
    await fn();
    return { code: 'OK', message: '' };
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
};

describe('impersonation is read-only on every procedure of appRouter', () => {
  let h: TestHarness;
  let shadow: ReturnType<typeof createCaller>;
  let sessionId = '';
  let adminId = '';
  let userId = '';
  beforeAll(async () => {
    h = await createTestHarness();
    const admin = await h.signIn(['admin']);
    const target = await h.signIn(['user']);
    adminId = admin.user.id;
    userId = target.user.id;
    const started = await admin.caller.auth.impersonate({ targetUserId: target.user.id });
    sessionId = started.sessionId;
    shadow = createCaller(await h.contextFor({ bearer: started.accessToken }));
  });
  afterAll(async () => h.close());

  it('finds the mutations and queries, and exactly one procedure that a shadow token may call to change', () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(60);
    expect(QUERIES.length).toBeGreaterThanOrEqual(40);
    expect(ENDS).toEqual(['auth.endImpersonation']);
  });

  it.each(MUTATIONS.filter((path) => !ENDS.includes(path)))(
    '%s refuses a shadow token with 403 naming impersonation, whatever the input',
    async (path) => {
      for (const input of [{}, undefined, { id: 'x', values: { theme: 'dark' } }]) {
        expect(await refusalOf(() => call(shadow, path, input))).toEqual({
          code: 'FORBIDDEN',
          message: IMPERSONATION_READ_ONLY,
        });
      }
    },
  );

  it.each(QUERIES)('%s is never refused as a change', async (path) => {
    const { message } = await refusalOf(() => call(shadow, path, {}));
    expect(message).not.toBe(IMPERSONATION_READ_ONLY);
  });

  it('audits every call made with the shadow token, refused or read, with the admin and the session', async () => {
    h.advance(1000); // newest first: these two come before the walk's own calls
    await call(shadow, 'auth.getMine', undefined);
    await call(shadow, 'tracker.items.list', { limit: 5 });
    await call(shadow, 'settings.updateMine', { values: { theme: 'dark' } }).catch(() => undefined);
    await h.services.bus.drain();
    const root = await h.root();
    const items: TAuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await root.caller.audit.list({ impersonatedBy: adminId, limit: 200, cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const byAction = new Map<string, TAuditEntry[]>();
    for (const entry of items) byAction.set(entry.action, [...(byAction.get(entry.action) ?? []), entry]);
    // Every mutation walked above, and every query, left its entry.
    for (const path of [...MUTATIONS.filter((p) => !ENDS.includes(p)), ...QUERIES]) {
      expect(byAction.get(path)?.length ?? 0, path).toBeGreaterThan(0);
    }
    expect(byAction.get('auth.getMine')?.[0]).toMatchObject({
      actorId: userId,
      impersonatedBy: adminId,
      targetType: 'user',
      targetId: userId,
      details: { sessionId, outcome: 'ok' },
    });
    // A read keeps what was asked for; a refused change does not keep what it carried (it may be a secret).
    expect(byAction.get('tracker.items.list')?.[0]?.details).toMatchObject({
      outcome: 'ok',
      input: { limit: 5 },
    });
    const refused = byAction.get('settings.updateMine')?.[0];
    expect(refused).toMatchObject({
      actorId: userId,
      impersonatedBy: adminId,
      details: { sessionId, outcome: 'refused' },
    });
    expect(refused?.details).not.toHaveProperty('input');
    expect((await h.services.settings.forUser('platform', userId)).values.theme).toBeUndefined();
  });
});
