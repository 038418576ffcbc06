import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMAIL_MESSAGES } from './messages';
import { PREVIEW_VARIANTS } from './preview-variants';
import { renderEmail } from './render';
import { TEMPLATE_NAMES, TEMPLATE_PREVIEW_PROPS, type TemplateName } from './templates';

const KEYS = new Set(Object.keys(EMAIL_MESSAGES));
const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Messages that answer nothing but note every key the render asked for: the keys a mail really uses. */
function recorder() {
  const asked = new Set<string>();
  const messages = new Proxy({} as Record<string, string>, {
    get: (_target, key) => {
      if (typeof key === 'string') asked.add(key);
      return undefined;
    },
  });
  return { asked, strings: { locale: 'en', messages } };
}

async function keysOf(template: TemplateName): Promise<Set<string>> {
  const { asked, strings } = recorder();
  for (const variant of PREVIEW_VARIANTS.filter((v) => v.template === template)) {
    await renderEmail(template, variant.props, strings);
  }
  return asked;
}

describe('mail message keys', () => {
  it.each(TEMPLATE_NAMES)(
    '%s asks only for keys of its own, shared or layout namespace that exist',
    async (name) => {
      const asked = await keysOf(name);
      expect(asked.has(`email.${camel(name)}.subject`)).toBe(true);
      expect(asked.has('email.layout.questions')).toBe(true);
      for (const key of asked) {
        expect(KEYS.has(key), key).toBe(true);
        expect(key, key).toMatch(new RegExp(`^email\\.(common|layout|${camel(name)})\\.`));
      }
    },
  );

  it('every key written in a template or the layout is in the catalogue, including branches no variant reaches', () => {
    const dir = join(import.meta.dirname, 'templates');
    const sources = [
      ...readdirSync(dir).map((file) => readFileSync(join(dir, file), 'utf8')),
      readFileSync(join(import.meta.dirname, 'layout.tsx'), 'utf8'),
    ];
    const written = sources.flatMap((source) =>
      [...source.matchAll(/'(email\.[A-Za-z0-9_.-]+)'/g)].map((m) => m[1]),
    );
    expect(written.length).toBeGreaterThan(100);
    for (const key of written) expect(KEYS.has(key as string), key).toBe(true);
  });

  it('has no dead keys: the previews and their variants ask for every key of the catalogue', async () => {
    const used = new Set<string>();
    for (const name of TEMPLATE_NAMES) for (const key of await keysOf(name)) used.add(key);
    expect([...KEYS].filter((key) => !used.has(key))).toEqual([]);
  });

  it('renders a template in German: subject, body, plural, footer and button line', async () => {
    const mail = await renderEmail('password-reset', TEMPLATE_PREVIEW_PROPS['password-reset'], {
      locale: 'de',
      messages: {
        'email.passwordReset.subject': 'Setze dein {productName}-Passwort zurück',
        'email.passwordReset.body':
          'Wir haben eine Anfrage erhalten, das Passwort deines {productName}-Kontos zurückzusetzen.',
        'email.passwordReset.expiry': 'Dieser Link läuft in {expiry} ab und gilt einmal.',
        'email.common.durationHours': '{count, plural, one {einer Stunde} other {{count} Stunden}}',
        'email.layout.questions': 'Fragen? Schreib an {supportEmail}.',
        'email.layout.pasteLink': 'Oder füge diesen Link in deinen Browser ein:',
      },
    });
    expect(mail.subject).toBe('Setze dein LysnrAI-Passwort zurück');
    expect(mail.text).toContain(
      'Wir haben eine Anfrage erhalten, das Passwort deines LysnrAI-Kontos zurückzusetzen.',
    );
    expect(mail.text).toContain('Dieser Link läuft in einer Stunde ab und gilt einmal.');
    expect(mail.text).toContain('Fragen? Schreib an support@lysnrai.com.');
    expect(mail.html).toContain('Fragen? Schreib an <a');
    expect(mail.html).toContain('Oder füge diesen Link in deinen Browser ein:');
    expect(mail.html).toMatch(/<html[^>]* lang="de"/);
    expect((await renderEmail('password-reset', TEMPLATE_PREVIEW_PROPS['password-reset'])).html).toMatch(
      /<html[^>]* lang="en"/,
    );
    expect(mail.text).not.toContain('We received a request');
    // Keys without a German message stay English.
    expect(mail.text).toContain('If you did not request a password reset');
  });

  it('keeps the link where a translation moves it, and after the sentence where one drops it', async () => {
    const props = TEMPLATE_PREVIEW_PROPS['status-notice'];
    const moved = await renderEmail('status-notice', props, {
      locale: 'de',
      messages: { 'email.statusNotice.stop': '{stopLink}: ein Klick, ohne Anmeldung.' },
    });
    expect(moved.html).toMatch(
      /<a [^>]*href="https:\/\/console\.lysnrai\.com\/status\/unsubscribe[^"]*"[^>]*>Stop status emails<\/a>: ein Klick/,
    );
    const dropped = await renderEmail('status-notice', props, {
      locale: 'de',
      messages: { 'email.statusNotice.stop': 'Keine Mitteilungen mehr?' },
    });
    expect(dropped.html).toMatch(/Keine Mitteilungen mehr\? <a [^>]*>Stop status emails<\/a>/);
  });
});
