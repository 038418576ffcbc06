import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { canTransition, PRODUCT_TRANSITIONS } from './lifecycle';

describe('products', () => {
  let h: TestHarness;
  let root: Awaited<ReturnType<TestHarness['root']>>['caller'];
  beforeAll(async () => {
    h = await createTestHarness();
    root = (await h.root()).caller;
  });
  afterAll(async () => h.close());

  it('walks the whole lifecycle and records history', async () => {
    const created = await root.products.create({ id: 'lysnrai', name: 'LysnrAI' });
    expect(created.status).toBe('draft');
    let product = created;
    for (const to of ['pre_launch', 'beta', 'active', 'sunset', 'disabled', 'sunset'] as const) {
      product = await root.products.transition({ id: 'lysnrai', to, ifMatch: product.etag });
      expect(product.status).toBe(to);
    }
    expect(product.statusHistory.map((c) => c.to)).toEqual([
      'draft',
      'pre_launch',
      'beta',
      'active',
      'sunset',
      'disabled',
      'sunset',
    ]);
    expect(product.statusHistory[1]).toMatchObject({ from: 'draft', to: 'pre_launch' });
  });

  it('refuses illegal transitions with BAD_REQUEST naming `to`', async () => {
    await root.products.create({ id: 'mindlyst', name: 'MindLyst', status: 'active' });
    const error = await trpcErrorOf(() => root.products.transition({ id: 'mindlyst', to: 'draft' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(canTransition('active', 'beta')).toBe(false);
    expect(PRODUCT_TRANSITIONS.disabled).toEqual(['sunset']);
  });

  it('refuses a stale ifMatch on update and transition', async () => {
    const p = await root.products.create({ id: 'stale-one', name: 'Stale' });
    await root.products.update({ id: 'stale-one', name: 'Fresh', ifMatch: p.etag });
    const e1 = await trpcErrorOf(() =>
      root.products.update({ id: 'stale-one', name: 'Again', ifMatch: p.etag }),
    );
    expect(e1.code).toBe('PRECONDITION_FAILED');
    const e2 = await trpcErrorOf(() =>
      root.products.transition({ id: 'stale-one', to: 'pre_launch', ifMatch: p.etag }),
    );
    expect(e2.code).toBe('PRECONDITION_FAILED');
    expect((await root.products.get({ id: 'stale-one' })).name).toBe('Fresh');
  });

  it('validates slugs, refuses duplicates, deletes only draft or disabled', async () => {
    expect((await trpcErrorOf(() => root.products.create({ id: 'Bad Slug', name: 'x' }))).code).toBe(
      'BAD_REQUEST',
    );
    await root.products.create({ id: 'dup', name: 'Dup' });
    expect((await trpcErrorOf(() => root.products.create({ id: 'dup', name: 'Dup' }))).code).toBe('CONFLICT');
    await root.products.delete({ id: 'dup' });
    expect((await trpcErrorOf(() => root.products.get({ id: 'dup' }))).code).toBe('NOT_FOUND');
    expect((await trpcErrorOf(() => root.products.delete({ id: 'mindlyst' }))).code).toBe(
      'PRECONDITION_FAILED',
    );
    expect((await trpcErrorOf(() => root.products.delete({ id: 'platform' }))).code).toBe('FORBIDDEN');
  });

  it('current is public and shows only id, name and status', async () => {
    const anon = await h.anonymous('mindlyst');
    expect(await anon.products.getCurrent()).toEqual({ id: 'mindlyst', name: 'MindLyst', status: 'active' });
    const list = await root.products.list();
    expect(list.items.map((p) => p.id)).toContain('platform');
  });

  it('an admin may read but not change the registry', async () => {
    const admin = await h.callerFor('admin');
    expect((await admin.products.get({ id: 'platform' })).status).toBe('active');
    const error = await trpcErrorOf(() => admin.products.create({ id: 'nope', name: 'Nope' }));
    expect(error.code).toBe('FORBIDDEN');
  });

  it('resolves the product: unknown header is NOT_FOUND, disabled refuses all but super_admin', async () => {
    const unknown = await trpcErrorOf(() => h.contextFor({ productId: 'no-such' }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toContain('x-product-id');
    expect((await trpcErrorOf(() => h.contextFor({ productId: '../Etc' }))).code).toBe('BAD_REQUEST');
    await root.products.create({ id: 'gone', name: 'Gone', status: 'active' });
    await root.products.transition({ id: 'gone', to: 'disabled' });
    const anon = await trpcErrorOf(() => h.contextFor({ productId: 'gone' }));
    expect(anon.code).toBe('FORBIDDEN');
    const { auth } = await h.root();
    const ctx = await h.contextFor({ bearer: auth.accessToken, productId: 'gone' });
    expect(ctx.productId).toBe('gone');
  });
});
