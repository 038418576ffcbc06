import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../root';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from '../../testing/harness';

describe('audit', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  it('records every admin mutation with actor, action, target, product, time, request id and ip', async () => {
    const admin = await h.signIn(['admin'], { email: 'auditor@example.com' });
    const ctx = await h.contextFor({ bearer: admin.auth.accessToken, ip: '203.0.113.7' });
    const caller = createCaller(ctx);
    const created = await caller.users.create({
      email: 'target@example.com',
      name: 'Target',
      password: TEST_PASSWORD,
      roles: ['user'],
    });
    h.advance(1);
    await caller.users.setRoles({ id: created.id, roles: ['user', 'admin'] });
    await h.services.bus.drain();
    const { items } = await caller.audit.list({ targetId: created.id });
    expect(items.map((e) => e.action)).toEqual(['users.setRoles', 'users.create']);
    const entry = items[1];
    expect(entry).toMatchObject({
      productId: 'platform',
      actorId: admin.user.id,
      actorEmail: 'auditor@example.com',
      action: 'users.create',
      targetType: 'user',
      targetId: created.id,
      requestId: ctx.requestId,
      ip: '203.0.113.7',
      impersonatedBy: null,
      at: new Date(h.clock() - 1).toISOString(),
    });
    expect(JSON.stringify(entry)).not.toContain(TEST_PASSWORD);
  });

  it('does not record queries or failed mutations', async () => {
    const admin = await h.signIn(['admin']);
    await admin.caller.users.list();
    await admin.caller.users.setRoles({ id: 'missing', roles: ['user'] }).catch(() => undefined);
    // A successful mutation after them: proves the log is written for this actor, so its absence above counts.
    await admin.caller.tokens.create({ name: 'after-the-failure' });
    await h.services.bus.drain();
    const { items } = await admin.caller.audit.list({ actorId: admin.user.id });
    expect(items.map((e) => e.action)).toEqual(['tokens.create']);
  });

  it('does not record previews, which change nothing', async () => {
    const admin = await h.signIn(['admin']);
    const preview = await admin.caller.changelog.preview({ body: '**Faster** sync' });
    expect(preview.html).toContain('<strong>Faster</strong>');
    await admin.caller.i18n.preview({ message: 'Hello {name}', locale: 'en', args: { name: 'Ada' } });
    await admin.caller.tokens.create({ name: 'after-the-previews' });
    await h.services.bus.drain();
    const { items } = await admin.caller.audit.list({ actorId: admin.user.id });
    expect(items.map((e) => e.action)).toEqual(['tokens.create']);
  });

  it('filters by actor, action and date range, and pages newest first', async () => {
    const admin = await h.signIn(['admin']);
    const start = new Date(h.clock()).toISOString();
    const tokenIds: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      h.advance(60_000);
      tokenIds.push((await admin.caller.tokens.create({ name: `t${i}` })).item.id);
    }
    await h.services.bus.drain();
    const mine = await admin.caller.audit.list({ actorId: admin.user.id, action: 'tokens.create', limit: 2 });
    expect(mine.items).toHaveLength(2);
    expect(mine.items[0]?.at.localeCompare(mine.items[1]?.at ?? '')).toBe(1);
    const next = await admin.caller.audit.list({
      actorId: admin.user.id,
      action: 'tokens.create',
      limit: 2,
      cursor: mine.nextCursor ?? undefined,
    });
    expect(next.items).toHaveLength(2);
    expect(next.items.map((e) => e.id)).not.toContain(mine.items[0]?.id);
    const ranged = await admin.caller.audit.list({
      actorId: admin.user.id,
      from: new Date(Date.parse(start) + 90_000).toISOString(),
      to: new Date(Date.parse(start) + 210_000).toISOString().replace('.000', ''),
    });
    // Tokens were created 60, 120, ... 300 s after start: the range holds the second and third, newest first.
    expect(ranged.items.map((e) => [e.action, e.targetType, e.targetId])).toEqual([
      ['tokens.create', 'api_token', tokenIds[2]],
      ['tokens.create', 'api_token', tokenIds[1]],
    ]);
  });
});
