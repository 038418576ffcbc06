import { CONTAINERS } from '@bytelyst/db/containers';
import { EVENT_DEFINITIONS, isEventType } from '@bytelyst/events/catalogue';
import type { EventDoc } from '@bytelyst/events/event-doc';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from '../../testing/harness';
import { auditSubscriber } from '../audit/handlers';

const codeOf = (error: unknown) => (error instanceof TRPCError ? error.code : String(error));

describe('events', () => {
  let h: TestHarness;
  let brokenSink = true;
  beforeAll(async () => {
    h = await createTestHarness();
    h.services.bus.subscribe({
      name: 'sink',
      events: ['user.deleted'],
      maxAttempts: 1,
      handle: async () => {
        if (brokenSink) throw new Error('sink refused the event');
      },
    });
  });
  afterAll(async () => h.close());

  it('identity changes emit typed events, and admin actions reach the audit log through the bus', async () => {
    const admin = await h.signIn(['admin']);
    const user = await admin.caller.users.create({
      email: 'evented@example.com',
      name: 'Evented',
      password: TEST_PASSWORD,
      roles: ['user'],
    });
    await admin.caller.users.setRoles({ id: user.id, roles: ['user', 'admin'] });
    await admin.caller.users.delete({ id: user.id });
    await h.services.bus.drain();

    const created = await admin.caller.events.list({ type: 'user.created' });
    const details = await Promise.all(
      created.items
        .filter((e) => e.actorId === admin.user.id)
        .map((e) => admin.caller.events.get({ id: e.id })),
    );
    const detail = details.find((d) => d.data.userId === user.id);
    expect(detail).toMatchObject({ type: 'user.created', productId: 'platform', status: 'delivered' });
    expect(detail?.data).toEqual({
      userId: user.id,
      email: 'evented@example.com',
      roles: ['user'],
      plan: null,
    });

    const actions = await admin.caller.events.list({ type: 'admin.action' });
    const setRoles = actions.items.find((e) => e.actorId === admin.user.id);
    // Its two subscribers: the audit log, and the search index that follows it.
    expect(setRoles?.deliveries).toEqual({ total: 2, succeeded: 2, open: 0, dead: 0 });
    const audit = await admin.caller.audit.list({ actorId: admin.user.id });
    expect(audit.items.map((e) => e.action).sort()).toEqual([
      'users.create',
      'users.delete',
      'users.setRoles',
    ]);
    // The audit entry is written under the event's id: one action, one entry, however often delivered.
    expect(actions.items.map((e) => e.id)).toEqual(expect.arrayContaining(audit.items.map((e) => e.id)));

    const types = (await admin.caller.events.list({})).items.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['user.created', 'user.updated', 'user.deleted']));
  });

  it('a redelivered admin.action leaves one audit entry', async () => {
    const admin = await h.signIn(['admin']);
    await admin.caller.tokens.create({ name: 'twice' });
    await h.services.bus.drain();
    // Events of one moment share a timestamp, so the newest one need not be this admin's: pick it by actor.
    const mine = (await admin.caller.events.list({ type: 'admin.action', limit: 200 })).items.filter(
      (e) => e.actorId === admin.user.id,
    );
    expect(mine).toHaveLength(1);
    const [action] = mine;
    const doc = await h.store.container<EventDoc>(CONTAINERS.events.name).read(action?.id ?? '', 'platform');
    const subscriber = auditSubscriber(h.services.audit);
    const event = { ...doc, type: 'admin.action' } as unknown as Parameters<typeof subscriber.handle>[0];
    const ctx = {
      attempt: 2,
      signal: new AbortController().signal,
      subscriber: 'audit',
      idempotencyKey: 'k',
    };
    await subscriber.handle(event, ctx);
    const entries = await admin.caller.audit.list({ actorId: admin.user.id, action: 'tokens.create' });
    expect(entries.items.map((e) => e.id)).toEqual([action?.id]);
  });

  it('lists dead letters, replays one, and replays all that match a filter', async () => {
    const admin = await h.signIn(['admin']);
    const victims = [];
    for (let i = 0; i < 3; i += 1) {
      victims.push(
        await admin.caller.users.create({
          email: `dead-${i}@example.com`,
          name: `Dead ${i}`,
          password: TEST_PASSWORD,
          roles: ['user'],
        }),
      );
    }
    for (const v of victims) await admin.caller.users.delete({ id: v.id });
    await h.services.bus.drain();

    const dead = await admin.caller.events.listDeadLetters({ subscriber: 'sink' });
    // These three deletions and the one of the first test.
    expect(dead.items).toHaveLength(4);
    expect(dead.items[0]).toMatchObject({ type: 'user.deleted', subscriber: 'sink', attempts: 1 });
    expect(dead.items[0]?.lastError).toContain('sink refused the event');
    const stats = await admin.caller.events.stats();
    expect(stats.deadLettered).toBe(4);

    const root = await h.root();
    const sweep = await root.caller.jobs.trigger({ name: 'dead-letter-sweep' });
    await h.services.jobRunner.whenIdle();
    await h.services.bus.drain();
    const run = await root.caller.jobs.getRun({ id: sweep.id });
    expect(run.status).toBe('succeeded');
    expect(run.metrics.deadLetters).toBe(4);
    const reports = await root.caller.events.list({ productId: '*', type: 'bus.dead_letters_reported' });
    const report = await root.caller.events.get({ id: reports.items[0]?.id ?? '', productId: '*' });
    expect(report.data).toMatchObject({ bySubscriber: { sink: run.metrics.deadLetters } });

    brokenSink = false;
    const first = dead.items[0]?.eventId ?? '';
    const replayed = await admin.caller.events.replay({ id: first, subscriber: 'sink' });
    expect(replayed.replayed).toEqual(['sink']);
    expect(replayed.event.status).toBe('pending');
    await expect(admin.caller.events.replay({ id: first, subscriber: 'nobody' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await h.services.bus.pollOnce();
    await h.services.bus.drain();
    expect((await admin.caller.events.get({ id: first })).status).toBe('delivered');

    const all = await admin.caller.events.replayDeadLetters({ type: 'user.deleted', subscriber: 'sink' });
    expect(all).toMatchObject({ more: false });
    expect(all.events).toBe(dead.items.length - 1);
    await h.services.bus.pollOnce();
    await h.services.bus.drain();
    expect((await admin.caller.events.listDeadLetters({ subscriber: 'sink' })).items).toEqual([]);
    await expect(admin.caller.events.replay({ id: first })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(admin.caller.events.get({ id: 'no-such-event' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('describes the catalogue with JSON Schemas and who subscribes to what', async () => {
    const admin = await h.signIn(['admin']);
    const { events } = await admin.caller.events.getCatalogue();
    const action = events.find((e) => e.type === 'admin.action');
    expect(action).toMatchObject({ public: false, subscribers: ['audit', 'search.index-audit'] });
    expect(events.find((e) => e.type === 'user.deleted')?.subscribers).toContain('sink');
    expect(events.find((e) => e.type === 'payment.failed')?.schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['invoiceId', 'amount', 'userId', 'retryCount']),
    });
    // Every public event comes with an example its payload schema accepts; internal ones may have none.
    const publicEvents = events.filter((e) => e.public);
    expect(publicEvents.map((e) => e.type)).toContain('payment.failed');
    for (const entry of publicEvents) {
      expect(entry.example, entry.type).not.toBeNull();
      const definition = isEventType(entry.type) ? EVENT_DEFINITIONS[entry.type] : undefined;
      expect(definition?.payload.parse(entry.example), entry.type).toStrictEqual(entry.example);
    }
    expect(events.find((e) => e.type === 'payment.failed')?.example).toMatchObject({
      invoiceId: expect.any(String),
      amount: 4900,
    });
    expect(action?.example).toBeNull();
    const subscribers = await admin.caller.events.listSubscribers();
    expect(subscribers.items.find((s) => s.name === 'audit')).toMatchObject({
      priority: 100,
      sequential: false,
    });
  });

  it('keeps a product admin to their product; a super_admin sees all', async () => {
    const admin = await h.signIn(['admin']);
    const error = await admin.caller.events.list({ allProducts: true }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('FORBIDDEN');
    const other = await admin.caller.events.list({ productId: 'elsewhere' }).catch((e: unknown) => e);
    expect(codeOf(other)).toBe('FORBIDDEN');
    const root = await h.root();
    await root.caller.products.create({ id: 'elsewhere', name: 'Elsewhere', status: 'active' });
    const outsider = await h.signIn(['user'], { productId: 'elsewhere' });
    await h.services.bus.drain();
    const everything = await root.caller.events.list({ allProducts: true, limit: 200 });
    expect(everything.nextCursor).toBeNull();
    // All products at once is exactly the union of each product's (and the platform's own) events.
    const scopes = ['platform', 'elsewhere', '*'];
    const perProduct = await Promise.all(
      scopes.map((productId) => root.caller.events.list({ productId, limit: 200 })),
    );
    const union = perProduct.flatMap((page) => page.items.map((e) => `${e.productId} ${e.id}`));
    expect(everything.items.map((e) => `${e.productId} ${e.id}`).sort()).toEqual(union.sort());
    expect(new Set(everything.items.map((e) => e.productId))).toEqual(new Set(scopes));
    const outsiderCreated = everything.items.filter(
      (e) => e.productId === 'elsewhere' && e.type === 'user.created',
    );
    expect(outsiderCreated).toHaveLength(1);
    const detail = await root.caller.events.get({ id: outsiderCreated[0]?.id ?? '', productId: 'elsewhere' });
    expect(detail.data).toMatchObject({ userId: outsider.user.id });
    expect((await admin.caller.events.list({ limit: 200 })).items.map((e) => e.id)).not.toContain(detail.id);
    await expect(admin.caller.events.list({ status: 'bogus' as 'pending' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
