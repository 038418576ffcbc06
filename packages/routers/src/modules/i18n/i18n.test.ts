import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../app-error';
import { ALL_CONTAINERS } from '../../services';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { createI18nBundles } from './bundle';
import { createI18nRepository } from './repository';
import { createI18nCore } from './service';

const PRODUCT = 'platform';

/** Localization through the app router on a real store (sqlite, or Cosmos with ROUTERS_TEST_DRIVER=cosmos). */
describe('i18n', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  let adminId: string;

  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
    adminId = admin.user.id;
    for (const locale of ['de', 'pt', 'pt-BR']) await admin.caller.i18n.createLocale({ locale });
    // The Cosmos-compatible server takes a while to start.
  }, 60_000);
  afterAll(async () => h.close());

  const set = (key: string, locale: string, message: string, status?: 'draft' | 'translated' | 'reviewed') =>
    admin.caller.i18n.setString({ key, locale, message, ...(status ? { status } : {}) });
  const bundle = async (locale: string, ns?: string) =>
    (await h.anonymous()).i18n.getBundle({ locale, ...(ns ? { ns } : {}) });

  it('refuses a malformed ICU message with a 400 naming the key and the reason', async () => {
    const message = await expectFieldError(
      () => set('cart.items', 'en', '{count, plural, one {# item}}'),
      'message',
    );
    expect(message).toContain('cart.items');
    expect(message).toContain('MISSING_OTHER_CLAUSE');
    await expectFieldError(() => set('cart.title', 'en', 'Hello {name'), 'message');
    await expectFieldError(() => set('nonamespace', 'en', 'x'), 'key');
    await expectFieldError(() => set('cart.title', 'en_US', 'x'), 'locale');
    // A valid tag the product has not added.
    await expectFieldError(() => set('cart.title', 'fr', 'x'), 'locale');
  });

  it('stores plural, select and nested messages, and warns when a translation differs in arguments', async () => {
    const source = await set(
      'cart.summary',
      'en',
      '{name} has {count, plural, one {# item} other {# items}} {kind, select, gift {as a gift} other {}}',
    );
    expect(source.translation.args).toEqual(['count', 'kind', 'name']);
    expect(source.warnings).toEqual([]);
    const off = await set(
      'cart.summary',
      'de',
      '{user} hat {count, plural, one {# Artikel} other {# Artikel}}',
    );
    expect(off.warnings).toEqual([
      expect.objectContaining({
        key: 'cart.summary',
        locale: 'de',
        missing: ['kind', 'name'],
        extra: ['user'],
      }),
    ]);
    expect(off.translation).toMatchObject({ status: 'translated', updatedBy: adminId });
    const list = await admin.caller.i18n.list({ search: 'cart.summary' });
    expect(list.items.map((r) => r.key)).toEqual(['cart.summary']);
    expect(list.items[0]?.cells.de).toMatchObject({ status: 'translated', argsWarning: true });
    expect(list.items[0]?.cells.en).toMatchObject({ argsWarning: false });
  });

  it('merges along requested → base → English, filling missing keys from the base, by namespace', async () => {
    await set('app.hello', 'en', 'Hello');
    await set('app.bye', 'en', 'Bye');
    await set('app.only', 'en', 'Only in English');
    await set('app.hello', 'pt', 'Olá');
    await set('app.bye', 'pt', 'Tchau');
    await set('app.bye', 'pt-BR', 'Falou');
    await set('app.only', 'pt-BR', 'Rascunho', 'draft');
    await set('other.thing', 'en', 'Other');

    const br = await bundle('pt-br', 'app');
    expect(br.locale).toBe('pt-BR');
    expect(br.chain).toEqual(['pt-BR', 'pt', 'en']);
    // The draft is not served: English fills it.
    expect(br.messages).toEqual({ 'app.bye': 'Falou', 'app.hello': 'Olá', 'app.only': 'Only in English' });
    const two = await bundle('pt-BR', 'app,other');
    expect(two.messages['other.thing']).toBe('Other');
    expect(Object.keys(two.messages).some((k) => k.startsWith('email.'))).toBe(false);
    // Without namespaces: everything, the mail templates' built-in English included.
    const all = await bundle('pt-BR');
    expect(all.messages['email.welcome.cta']).toBe('Get started');
    expect(all.messages['app.hello']).toBe('Olá');
    await expectFieldError(() => bundle('pt_BR'), 'locale');
    await expectFieldError(() => bundle('de', 'ok,bad ns'), 'ns');
  });

  it("falls back to the product's default locale before English", async () => {
    await set('app.hello', 'de', 'Hallo');
    await admin.caller.i18n.setDefaultLocale({ locale: 'de' });
    const pt = await bundle('pt-BR', 'app');
    expect(pt.chain).toEqual(['pt-BR', 'pt', 'de', 'en']);
    expect(pt.messages['app.hello']).toBe('Olá');
    const fr = await bundle('fr', 'app');
    expect(fr.chain).toEqual(['fr', 'de', 'en']);
    expect(fr.messages['app.hello']).toBe('Hallo');
    expect(fr.messages['app.only']).toBe('Only in English');
    await admin.caller.i18n.setDefaultLocale({ locale: 'en' });
  });

  it('moves the version with every visible change, seen by another instance over the same store', async () => {
    const first = await bundle('de', 'app');
    expect((await bundle('de', 'app')).version).toBe(first.version);
    const other = h.openStore();
    await other.init(ALL_CONTAINERS);
    try {
      const repo = createI18nRepository(other);
      const bundles = createI18nBundles({
        repo,
        core: createI18nCore({ repo, clock: h.clock, bus: h.services.bus }),
      });
      const before = await bundles.get(PRODUCT, 'de', ['app']);
      expect(before.version).toBe(first.version);
      await set('app.hello', 'de', 'Servus');
      const after = await bundles.versionOf(PRODUCT, 'de', ['app']);
      expect(after.version).not.toBe(first.version);
      expect((await bundles.get(PRODUCT, 'de', ['app'])).messages['app.hello']).toBe('Servus');
      // A change to a locale outside the chain leaves this bundle's version alone.
      await set('app.hello', 'pt', 'Oi');
      expect((await bundles.versionOf(PRODUCT, 'de', ['app'])).version).toBe(after.version);
    } finally {
      await other.close();
    }
  });

  it('sets status, reports coverage and deletes keys', async () => {
    await set('cov.a', 'en', 'A');
    await set('cov.a', 'de', 'A-de', 'draft');
    const before = await admin.caller.i18n.stats();
    const de = before.locales.find((l) => l.locale === 'de');
    await admin.caller.i18n.setStatus({ key: 'cov.a', locale: 'de', status: 'reviewed' });
    const after = await admin.caller.i18n.stats();
    const deAfter = after.locales.find((l) => l.locale === 'de');
    expect(deAfter?.done).toBe((de?.done ?? 0) + 1);
    expect(deAfter?.draft).toBe((de?.draft ?? 0) - 1);
    expect(deAfter?.ratio).toBeCloseTo((deAfter?.done ?? 0) / after.sourceKeys);
    expect(after.locales.find((l) => l.locale === 'en')?.ratio).toBe(1);
    const missingInDe = await admin.caller.i18n.list({ missingIn: 'de', namespace: 'app', limit: 500 });
    expect(missingInDe.items.map((r) => r.key)).toEqual(['app.bye', 'app.only']);

    expect(await admin.caller.i18n.delete({ key: 'cov.a' })).toEqual({
      key: 'cov.a',
      deleted: true,
      locales: 2,
    });
    expect((await admin.caller.i18n.list({ namespace: 'cov' })).total).toBe(0);
    const { items } = await (await h.root()).caller.events.list({ productId: PRODUCT, type: 'i18n.updated' });
    expect(items.length).toBeGreaterThan(10);
  });

  it('imports JSON all or nothing, with created, updated, unchanged and invalid by key', async () => {
    const transfer = h.services.i18n.transfer;
    const bad = await transfer.import(
      PRODUCT,
      {
        locale: 'de',
        format: 'json-nested',
        content: JSON.stringify({ imp: { a: 'A', b: '{x, plural, one {#}}' } }),
      },
      adminId,
    );
    expect(bad).toMatchObject({ applied: false, created: 1, invalid: [{ key: 'imp.b' }] });
    expect(bad.invalid[0]?.reason).toContain('MISSING_OTHER_CLAUSE');
    expect((await admin.caller.i18n.list({ namespace: 'imp' })).total).toBe(0);

    await set('imp.same', 'de', 'Gleich');
    await set('imp.old', 'de', 'Alt');
    const good = await transfer.import(
      PRODUCT,
      {
        locale: 'de',
        format: 'json-flat',
        content: JSON.stringify({ 'imp.same': 'Gleich', 'imp.old': 'Neu', 'imp.new': 'Frisch' }),
      },
      adminId,
    );
    expect(good).toMatchObject({ applied: true, created: 1, updated: 1, unchanged: 1, invalid: [] });
    expect((await bundle('de', 'imp')).messages).toEqual({
      'imp.new': 'Frisch',
      'imp.old': 'Neu',
      'imp.same': 'Gleich',
    });
  });

  it('round-trips a locale through XLIFF: states kept, the source as source', async () => {
    const transfer = h.services.i18n.transfer;
    await set('xl.title', 'en', 'Hello {name}');
    await set('xl.title', 'de', 'Hallo {name}', 'reviewed');
    const file = await transfer.export(PRODUCT, { locale: 'de', format: 'xliff', namespace: 'xl' });
    expect(file.content).toContain('<source>Hello {name}</source>');
    expect(file.content).toContain('<segment state="reviewed">');
    await admin.caller.i18n.delete({ key: 'xl.title' });
    await set('xl.title', 'en', 'Hello {name}');
    const report = await transfer.import(PRODUCT, { format: 'xliff', content: file.content }, adminId);
    expect(report).toMatchObject({ locale: 'de', created: 1, applied: true });
    const row = (await admin.caller.i18n.list({ namespace: 'xl' })).items[0];
    expect(row?.cells.de).toMatchObject({ message: 'Hallo {name}', status: 'reviewed' });
    const again = await transfer.import(PRODUCT, { format: 'xliff', content: file.content }, adminId);
    expect(again).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
    const mismatch = await transfer
      .import(PRODUCT, { locale: 'pt', format: 'xliff', content: file.content }, adminId)
      .catch((error: unknown) => error);
    expect(mismatch).toBeInstanceOf(AppError);
    expect((mismatch as AppError).fields?.map((f) => f.path)).toEqual(['locale']);
  });

  it('removes a locale with its strings, but never the default', async () => {
    await admin.caller.i18n.createLocale({ locale: 'it' });
    await set('app.hello', 'it', 'Ciao');
    const view = await admin.caller.i18n.deleteLocale({ locale: 'it' });
    expect(view.locales).not.toContain('it');
    expect((await bundle('it', 'app')).messages['app.hello']).toBe('Hello');
    const refused = await trpcErrorOf(() => admin.caller.i18n.deleteLocale({ locale: 'en' }));
    expect(refused.code).toBe('CONFLICT');
  });
});
