import { DEFAULT_THEME, type ThemeTokens } from '@bytelyst/design-tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';

const PRODUCT = 'platform';

const withColors = (
  light: Partial<ThemeTokens['colors']['light']>,
  dark: Partial<ThemeTokens['colors']['dark']> = {},
) => {
  const tokens = structuredClone(DEFAULT_THEME);
  Object.assign(tokens.colors.light, light);
  Object.assign(tokens.colors.dark, dark);
  return tokens;
};

/** Themes through the app router on each store driver: draft, validation, publish, versions, revert, clients. */
describe.each(['sqlite', 'cosmos'] as const)('themes on %s', (driver) => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  let root: Awaited<ReturnType<TestHarness['root']>>['caller'];

  beforeAll(async () => {
    h = await createTestHarness({ driver });
    admin = await h.signIn(['admin']);
    root = (await h.root()).caller;
  });
  afterAll(async () => h.close());

  const anonymous = async () => (await h.anonymous()).themes;
  /** Events of `type` with their payloads, oldest first. */
  const eventsOf = async (type: string) => {
    const { items } = await root.events.list({ productId: PRODUCT, type });
    const details = await Promise.all(items.map((e) => root.events.get({ id: e.id, productId: PRODUCT })));
    return details.sort((a, b) => a.seq.localeCompare(b.seq));
  };

  it('starts from the default theme, which clients get as version 0', async () => {
    const theme = await admin.caller.themes.get();
    expect(theme).toMatchObject({
      draft: DEFAULT_THEME,
      publishedVersion: null,
      hasUnpublishedChanges: true,
    });
    const current = await (await anonymous()).getCurrent({ platform: 'android' });
    expect(current).toMatchObject({ productId: PRODUCT, version: 0, publishedAt: null });
    expect(current.colors.light.primary).toBe(DEFAULT_THEME.colors.light.primary);
    expect(current.spacing.md).toBe('12dp');
    expect(current.typography.fontSize.base).toBe('16sp');
    // Nothing published: the published file does not exist, the draft's does.
    expect(
      (await trpcErrorOf(() => admin.caller.themes.getFile({ format: 'css', source: 'published' }))).code,
    ).toBe('NOT_FOUND');
    const draftCss = await admin.caller.themes.getFile({ format: 'css', source: 'draft' });
    expect(draftCss).toMatchObject({
      filename: 'platform-theme.css',
      contentType: 'text/css; charset=utf-8',
    });
    expect(draftCss.content).toContain(`--color-primary: ${DEFAULT_THEME.colors.light.primary};`);
  });

  it('refuses bad tokens with a 400 naming the token path', async () => {
    // The wire schema: a malformed colour.
    await expectFieldError(
      () => admin.caller.themes.setDraft({ tokens: withColors({ primary: 'teal' }) }),
      'tokens.colors.light.primary',
    );
    // The package's validator: a weight off the 100 grid, a font stack that could break out of CSS.
    const tokens = structuredClone(DEFAULT_THEME);
    tokens.typography.fontWeight.bold = 750;
    await expectFieldError(
      () => admin.caller.themes.setDraft({ tokens }),
      'tokens.typography.fontWeight.bold',
    );
    const stack = structuredClone(DEFAULT_THEME);
    stack.typography.fontFamily.sans = 'Inter; } body { display: none';
    await expectFieldError(
      () => admin.caller.themes.setDraft({ tokens: stack }),
      'tokens.typography.fontFamily.sans',
    );
    // An unknown token is named rather than dropped.
    const extra = {
      ...DEFAULT_THEME,
      colors: { ...DEFAULT_THEME.colors, light: { ...DEFAULT_THEME.colors.light, accent: '#000000' } },
    };
    await expectFieldError(
      () => admin.caller.themes.setDraft({ tokens: extra as unknown as ThemeTokens }),
      'tokens.colors.light',
    );
    expect((await admin.caller.themes.get()).draftUpdatedAt).toBeNull();
  });

  it('keeps drafts from clients, refuses to publish a failing contrast pair, then publishes version 1', async () => {
    // A pale primary under white text: the button label fails AA in light mode.
    const bad = withColors({ primary: '#7dd3fc' });
    const saved = await admin.caller.themes.setDraft({ tokens: bad });
    expect(saved).toMatchObject({ publishedVersion: null, draftUpdatedBy: admin.user.id });
    expect((await (await anonymous()).getCurrent({})).version).toBe(0);
    const message = await expectFieldError(
      () => admin.caller.themes.publish({}),
      'tokens.colors.light.onPrimary',
    );
    expect(message).toMatch(/^onPrimary on primary \(light\) is 1\.\d\d:1; AA needs 4\.5:1$/);
    expect(await eventsOf('theme.published')).toHaveLength(0);

    const good = withColors(
      { primary: '#0f766e', focus: '#0f766e' },
      { primary: '#5eead4', focus: '#5eead4' },
    );
    await admin.caller.themes.setDraft({ tokens: good });
    const published = await admin.caller.themes.publish({ note: 'Teal' });
    expect(published).toMatchObject({ publishedVersion: 1, published: good, hasUnpublishedChanges: false });
    const current = await (await anonymous()).getCurrent({ platform: 'web' });
    expect(current).toMatchObject({ version: 1, publishedAt: published.publishedAt });
    expect(current.colors.light.primary).toBe('#0f766e');
    expect(current.colors.dark.primary).toBe('#5eead4');
    expect(current.typography.fontSize.base).toBe('1rem');
    expect(current.spacing.md).toBe('12px');
    expect((await (await anonymous()).getCurrent({ platform: 'ios' })).spacing.md).toBe(12);

    const [event] = await eventsOf('theme.published');
    expect(event?.data).toEqual({
      version: 1,
      publishedAt: published.publishedAt,
      primary: { light: '#0f766e', dark: '#5eead4' },
    });
    expect(event?.actorId).toBe(admin.user.id);
    // Publishing again without a change would only mint a copy.
    expect((await trpcErrorOf(() => admin.caller.themes.publish({}))).code).toBe('CONFLICT');
  });

  it('lists versions, reverts the draft to one, and publishing that makes a new version', async () => {
    const violet = withColors({ primary: '#6d28d9' });
    await admin.caller.themes.setDraft({ tokens: violet });
    expect((await admin.caller.themes.publish({})).publishedVersion).toBe(2);
    const versions = await admin.caller.themes.listVersions({});
    expect(versions.items.map((v) => [v.version, v.primary.light])).toEqual([
      [2, '#6d28d9'],
      [1, '#0f766e'],
    ]);
    expect(versions.items[1]?.note).toBe('Teal');

    const reverted = await admin.caller.themes.revert({ version: 1 });
    expect(reverted.draft.colors.light.primary).toBe('#0f766e');
    expect(reverted).toMatchObject({ publishedVersion: 2, hasUnpublishedChanges: true });
    // Clients still get version 2 until the revert is published.
    expect((await (await anonymous()).getCurrent({})).colors.light.primary).toBe('#6d28d9');
    const drafts = await eventsOf('theme.draft_updated');
    // Light and dark primary and focus differ between version 2 and version 1.
    expect(drafts.at(-1)?.data).toEqual({ revertedTo: 1, changedTokens: 4 });

    expect((await admin.caller.themes.publish({})).publishedVersion).toBe(3);
    expect((await admin.caller.themes.getVersion({ version: 3 })).tokens).toEqual(
      (await admin.caller.themes.getVersion({ version: 1 })).tokens,
    );
    expect((await trpcErrorOf(() => admin.caller.themes.revert({ version: 9 }))).code).toBe('NOT_FOUND');
    const kt = await admin.caller.themes.getFile({ format: 'kt', source: 'published' });
    expect(kt.filename).toBe('PlatformTheme.kt');
    expect(kt.content).toContain('val Primary = Color(0xFF0F766E)');
  });

  it('audits publishing, and keeps each product to its own theme', async () => {
    const audit = await root.audit.list({ action: 'themes.publish' });
    expect(audit.items.length).toBeGreaterThanOrEqual(3);
    expect(audit.items[0]).toMatchObject({ actorId: admin.user.id, targetType: 'theme' });

    await h.services.products.create(
      { id: 'mindlyst', name: 'MindLyst', description: '', status: 'active' },
      'test',
    );
    const other = await (await anonymous()).getCurrent({ productId: 'mindlyst' });
    expect(other).toMatchObject({ productId: 'mindlyst', version: 0 });
    expect(other.colors.light.primary).toBe(DEFAULT_THEME.colors.light.primary);
  });
});
