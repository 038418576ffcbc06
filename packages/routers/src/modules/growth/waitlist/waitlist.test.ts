import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../../../testing/billing';
import { trpcErrorOf } from '../../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../../testing/harness';

describe('waitlist', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  let anon: Awaited<ReturnType<TestHarness['anonymous']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    anon = await h.anonymous();
  });
  afterAll(async () => h.close());

  it('joins with a position and a token; a second join with the same email answers the same entry', async () => {
    const first = await anon.waitlist.join({ email: 'Ada@Example.com', name: 'Ada', source: 'landing' });
    expect(first).toMatchObject({ position: 1, status: 'waiting', alreadyJoined: false });
    expect(first.token).toMatch(/^wlt_/);
    const again = await anon.waitlist.join({ email: 'ada@example.COM' });
    expect(again).toEqual({ id: first.id, position: 1, status: 'waiting', token: null, alreadyJoined: true });
    const second = await anon.waitlist.join({ email: 'bob@example.com' });
    expect(second.position).toBe(2);
    expect(await anon.waitlist.getPosition({ token: second.token ?? '' })).toMatchObject({
      position: 2,
      status: 'waiting',
      ahead: 1,
      totalWaiting: 2,
    });
    expect((await trpcErrorOf(() => anon.waitlist.getPosition({ token: 'wlt_nope' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await trpcErrorOf(() => anon.waitlist.join({ email: 'not-an-email' }))).code).toBe('BAD_REQUEST');
    const joined = await eventsOf(h, 'waitlist.joined');
    expect(joined.map((e) => e.data)).toEqual([
      { email: 'Ada@Example.com', position: 1 },
      { email: 'bob@example.com', position: 2 },
    ]);
  });

  it('assigns distinct positions to parallel joins, and one entry to a racing duplicate', async () => {
    const emails = Array.from({ length: 25 }, (_, i) => `rush-${i}@example.com`);
    const results = await Promise.all([
      ...emails.map((email) => anon.waitlist.join({ email })),
      ...Array.from({ length: 5 }, () => anon.waitlist.join({ email: 'twin@example.com' })),
    ]);
    const rush = results.slice(0, 25).map((r) => r.position);
    expect(new Set(rush).size).toBe(25);
    const twins = results.slice(25);
    expect(new Set(twins.map((t) => t.id)).size).toBe(1);
    expect(twins.filter((t) => !t.alreadyJoined)).toHaveLength(1);
    const list = await admin.caller.waitlist.list({ limit: 100 });
    const positions = list.items.map((e) => e.position);
    expect(new Set(positions).size).toBe(list.items.length);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(list.total).toBe(28);
  });

  it('lists with filters, search, date range, sort and paging', async () => {
    h.advance(60_000);
    const late = await anon.waitlist.join({ email: 'late@other.org' });
    const search = await admin.caller.waitlist.list({ search: 'OTHER.ORG' });
    expect(search.items.map((e) => e.id)).toEqual([late.id]);
    const recent = await admin.caller.waitlist.list({
      createdFrom: new Date(h.clock() - 1000).toISOString(),
    });
    expect(recent.items.map((e) => e.id)).toEqual([late.id]);
    const before = await admin.caller.waitlist.list({ createdTo: new Date(h.clock() - 1000).toISOString() });
    expect(before.total).toBe(28);
    const desc = await admin.caller.waitlist.list({ sort: 'position', direction: 'desc', limit: 2 });
    expect(desc.items[0]?.id).toBe(late.id);
    const next = await admin.caller.waitlist.list({
      sort: 'position',
      direction: 'desc',
      limit: 2,
      cursor: desc.nextCursor ?? '',
    });
    expect(next.items[0]?.position).toBeLessThan(desc.items[1]?.position ?? 0);
    expect((await admin.caller.waitlist.list({ status: 'invited' })).total).toBe(0);
  });

  it('updates, removes and restores entries', async () => {
    const { id } = await anon.waitlist.join({ email: 'edit@example.com' });
    expect(await admin.caller.waitlist.update({ id, name: 'Edith', note: 'VIP' })).toMatchObject({
      name: 'Edith',
      note: 'VIP',
    });
    const removed = await admin.caller.waitlist.remove({ id });
    expect(removed).toMatchObject({ status: 'removed' });
    expect(removed.removedAt).toBe(new Date(h.clock()).toISOString());
    expect((await admin.caller.waitlist.update({ id, status: 'waiting' })).status).toBe('waiting');
    expect((await trpcErrorOf(() => admin.caller.waitlist.get({ id: 'nope' }))).code).toBe('NOT_FOUND');
    await admin.caller.waitlist.remove({ id });
  });

  it('invites the next N in position order and chosen ids, each with a single-use code', async () => {
    const result = await admin.caller.waitlist.inviteNext({ count: 2 });
    expect(result.invited.map((e) => e.position)).toEqual([1, 2]);
    const [ada] = result.invited;
    expect(ada).toMatchObject({ status: 'invited', email: 'Ada@Example.com' });
    const invitation = await admin.caller.invitations.get({ id: ada?.invitationId ?? '' });
    expect(invitation).toMatchObject({ maxUses: 1, code: ada?.invitationCode, waitlistEntryId: ada?.id });
    const third = (await admin.caller.waitlist.list({ status: 'waiting', limit: 1 })).items[0];
    const chosen = await admin.caller.waitlist.invite({ ids: [third?.id ?? '', ada?.id ?? '', 'missing'] });
    expect(chosen.invited.map((e) => e.id)).toEqual([third?.id]);
    expect(chosen.skipped).toEqual([ada?.id, 'missing']);
    const invited = await eventsOf(h, 'waitlist.invited');
    expect(invited.map((e) => e.data.position)).toEqual([1, 2, third?.position]);
    expect(invited[0]?.data).toMatchObject({ entryId: ada?.id, code: ada?.invitationCode });
    const racing = await Promise.all([
      admin.caller.waitlist.inviteNext({ count: 3 }),
      admin.caller.waitlist.inviteNext({ count: 3 }),
    ]);
    const ids = racing.flatMap((r) => r.invited.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(6);
    expect((await admin.caller.invitations.list({ limit: 100 })).total).toBe(9);
  });

  it('marks entries joined on registration or on redeeming their invitation; stats count them', async () => {
    const bob = (await admin.caller.waitlist.list({ search: 'bob@' })).items[0];
    const ada = (await admin.caller.waitlist.list({ search: 'ada@' })).items[0];
    const someone = await h.signIn(['user']);
    await someone.caller.invitations.redeem({ code: ada?.invitationCode ?? '' });
    const registered = await h.signIn(['user'], { email: 'BOB@example.com' });
    await h.services.bus.drain();
    expect(await admin.caller.waitlist.get({ id: ada?.id ?? '' })).toMatchObject({
      status: 'joined',
      userId: someone.user.id,
    });
    expect(await admin.caller.waitlist.get({ id: bob?.id ?? '' })).toMatchObject({
      status: 'joined',
      userId: registered.user.id,
    });
    expect(await admin.caller.waitlist.stats()).toEqual({
      waiting: 20,
      invited: 7,
      joined: 2,
      removed: 1,
      total: 30,
      conversionRate: 2 / 9,
    });
  });

  it('tracks the referral code an entry joined with', async () => {
    const referrer = await h.signIn(['user']);
    const { code } = await referrer.caller.referrals.getMine();
    await anon.waitlist.join({ email: 'referred@example.com', referralCode: code.toLowerCase() });
    await anon.waitlist.join({ email: 'bogus-ref@example.com', referralCode: 'UNKNOWN1' });
    expect(await referrer.caller.referrals.statsMine()).toMatchObject({ pending: 1 });
    const entry = (await admin.caller.waitlist.list({ search: 'referred@' })).items[0];
    expect(entry?.referralCode).toBe(code);
  });

  it('exports every matching entry page by page in position order', async () => {
    const pages: number[][] = [];
    for await (const page of h.services.growth.waitlist.exportPages('platform', { status: 'waiting' })) {
      pages.push(page.map((e) => e.position));
    }
    const positions = pages.flat();
    expect(positions.length).toBe((await admin.caller.waitlist.stats()).waiting);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('commits a join and an invitation with their events: racing repeats record one each', async () => {
    const twins = await Promise.all(
      Array.from({ length: 4 }, () => anon.waitlist.join({ email: 'atomic@example.com' })),
    );
    const id = twins[0]?.id ?? '';
    await Promise.all([
      admin.caller.waitlist.invite({ ids: [id] }),
      admin.caller.waitlist.invite({ ids: [id] }),
    ]);
    await h.services.bus.drain();
    const joined = (await eventsOf(h, 'waitlist.joined')).filter(
      (e) => e.data.email === 'atomic@example.com',
    );
    expect(joined).toHaveLength(1);
    const entry = await admin.caller.waitlist.get({ id });
    const invited = (await eventsOf(h, 'waitlist.invited')).filter((e) => e.data.entryId === id);
    expect(invited.map((e) => e.data.invitationId)).toEqual([entry.invitationId]);
  });
});
