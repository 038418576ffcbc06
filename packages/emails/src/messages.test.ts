import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { createTranslate, EMAIL_MESSAGE_DESCRIPTIONS, EMAIL_MESSAGES } from './messages';
import { renderEmail } from './render';
import { TEMPLATE_PREVIEW_PROPS } from './templates';

describe('localized mail strings', () => {
  it('are valid ICU messages, each with a description for translators', () => {
    for (const [key, message] of Object.entries(EMAIL_MESSAGES)) {
      expect(() => new IntlMessageFormat(message, 'en'), key).not.toThrow();
      expect(EMAIL_MESSAGE_DESCRIPTIONS[key as keyof typeof EMAIL_MESSAGES].length, key).toBeGreaterThan(10);
    }
  });

  it('render the built-in English without strings, exactly as the template read before', async () => {
    const mail = await renderEmail('welcome', TEMPLATE_PREVIEW_PROPS.welcome);
    expect(mail.subject).toBe('Welcome to LysnrAI');
    expect(mail.text).toContain('Hi Ada,');
    expect(mail.text).toContain('Your account is ready.');
    expect(mail.html).toContain('Get started');
  });

  it('render the given locale, and fall back to English per key and on a translation that cannot format', async () => {
    const mail = await renderEmail('welcome', TEMPLATE_PREVIEW_PROPS.welcome, {
      locale: 'de',
      messages: {
        'email.welcome.subject': 'Willkommen bei {productName}',
        'email.welcome.title': 'Schön, dass du da bist',
        'email.common.greeting': 'Hallo {name},',
        // References an argument the template never passes: formatting fails, English is used.
        'email.welcome.cta': 'Los geht es, {nobody}',
      },
    });
    expect(mail.subject).toBe('Willkommen bei LysnrAI');
    expect(mail.html).toContain('Schön, dass du da bist');
    expect(mail.text).toContain('Hallo Ada,');
    expect(mail.html).toContain('Get started');
    expect(mail.text).toContain('Your account is ready.');
  });

  it('format plurals by the locale', () => {
    const t = createTranslate({
      locale: 'de',
      messages: { 'x.n': '{n, plural, one {# Tag} other {# Tage}}' },
    });
    expect(t('x.n', { n: 1 })).toBe('1 Tag');
    expect(t('x.n', { n: 3 })).toBe('3 Tage');
  });
});
