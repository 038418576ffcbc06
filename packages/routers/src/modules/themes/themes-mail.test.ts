import { DEFAULT_THEME } from '@bytelyst/design-tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import type { EmailDriver, OutgoingEmail } from '../delivery/channels/email';

const PRODUCT = 'platform';

/** Mail is rendered in the product's published theme: the dispatcher's sends and the console's preview. */
describe('themes in mail', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  const sent: OutgoingEmail[] = [];
  const capture: EmailDriver = {
    name: 'outbox',
    send: async (email) => {
      sent.push(email);
      return { provider: 'outbox', providerMessageId: null };
    },
  };

  beforeAll(async () => {
    h = await createTestHarness({ config: { delivery: { emailDriver: capture } } });
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  const welcomeTo = async (email: string) => {
    await h.services.users.create(PRODUCT, {
      email,
      name: 'Ada',
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    await h.services.bus.drain();
    const mail = sent.find((m) => m.to.email === email);
    expect(mail, email).toBeDefined();
    return mail?.html ?? '';
  };

  it("uses the platform colours before a publish and the published theme's after", async () => {
    const before = await welcomeTo('before@example.com');
    expect(before).toContain(`background-color:${DEFAULT_THEME.colors.light.primary}`);

    const tokens = structuredClone(DEFAULT_THEME);
    tokens.colors.light.primary = '#9d174d';
    tokens.colors.dark.primary = '#f9a8d4';
    tokens.colors.light.surface = '#fffbf5';
    await admin.caller.themes.setDraft({ tokens });
    // A draft is not what mail uses.
    expect(await welcomeTo('draft@example.com')).not.toContain('#9d174d');
    await admin.caller.themes.publish({});

    const after = await welcomeTo('after@example.com');
    expect(after).toContain('background-color:#9d174d');
    expect(after).toContain('border-top:4px solid #9d174d');
    expect(after).toContain('background-color:#fffbf5');
    expect(after).toContain('.em-link{color:#f9a8d4 !important}');
    expect(after).not.toContain(DEFAULT_THEME.colors.light.primary);

    const preview = await admin.caller.delivery.previewTemplate({ template: 'password-reset' });
    expect(preview.html).toContain('background-color:#9d174d');
  });
});
