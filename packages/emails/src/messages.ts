import { IntlMessageFormat } from 'intl-messageformat';
import { ACCOUNT_MESSAGES } from './catalogue/account';
import { BILLING_MESSAGES } from './catalogue/billing';
import { NOTICE_MESSAGES } from './catalogue/notices';
import { ORG_MESSAGES } from './catalogue/orgs';
import { SELF_SERVICE_MESSAGES } from './catalogue/self-service';

/**
 * Localized mail strings. A template names each of its strings by a key of the `email` namespace and carries
 * the English text as the default; the i18n module stores translations under the same keys, and delivery hands
 * the merged messages of the recipient's locale to the render. A key missing there, or a translation that
 * fails to format, falls back to the built-in English, so a mail always renders.
 */

export type MessageArgs = Record<string, string | number>;
/**
 * Formats the message at `key` with `args`: the template's way to every string a reader sees. `locale` is the
 * reader's (the mail's `lang`); absent, English.
 */
export type Translate = ((key: string, args?: MessageArgs) => string) & { readonly locale?: string };
/** What the render takes: the locale (for plurals, numbers) and the messages merged along its fallback chain. */
export type EmailStrings = { locale: string; messages: Readonly<Record<string, string>> };

const CATALOGUE = {
  ...ACCOUNT_MESSAGES,
  ...BILLING_MESSAGES,
  ...NOTICE_MESSAGES,
  ...ORG_MESSAGES,
  ...SELF_SERVICE_MESSAGES,
};

export type EmailMessageKey = keyof typeof CATALOGUE;

const column = (index: 0 | 1) =>
  Object.fromEntries(Object.entries(CATALOGUE).map(([key, pair]) => [key, pair[index]])) as Record<
    EmailMessageKey,
    string
  >;

/** Every built-in English string of the templates, by key: the `email.*` source strings of i18n. */
export const EMAIL_MESSAGES: Readonly<Record<EmailMessageKey, string>> = column(0);

/** What translators read beside each key (the i18n source's description). */
export const EMAIL_MESSAGE_DESCRIPTIONS: Readonly<Record<EmailMessageKey, string>> = column(1);

const defaults: Readonly<Record<string, string>> = EMAIL_MESSAGES;

// Compiled formats are reused across mails; the bound keeps a product with many edits from growing it forever.
const compiled = new Map<string, IntlMessageFormat>();
const COMPILED_MAX = 2000;

const compile = (locale: string, message: string): IntlMessageFormat => {
  const id = `${locale}\u0000${message}`;
  const hit = compiled.get(id);
  if (hit) return hit;
  const format = new IntlMessageFormat(message, locale);
  if (compiled.size >= COMPILED_MAX) compiled.clear();
  compiled.set(id, format);
  return format;
};

const format = (locale: string, message: string, args: MessageArgs): string => {
  const out = compile(locale, message).format(args);
  return Array.isArray(out) ? out.join('') : String(out);
};

/** A translator over `strings`; without them, the built-in English. */
export const createTranslate = (strings?: EmailStrings): Translate => {
  const locale = strings?.locale ?? 'en';
  const translate = (key: string, args: MessageArgs = {}) => {
    const fallback = defaults[key] ?? key;
    const message = strings?.messages[key];
    if (message !== undefined) {
      try {
        return format(locale, message, args);
      } catch {
        // A stored translation missing an argument the template passes: the English still reads right.
      }
    }
    return format('en', fallback, args);
  };
  return Object.assign(translate, { locale });
};

/** The built-in English: what a template uses when the render was given no strings. */
export const ENGLISH: Translate = createTranslate();

/** The greeting line in the reader's language. */
export const greetingOf = (t: Translate, name: string | undefined) =>
  name ? t('email.common.greeting', { name }) : t('email.common.greetingAnonymous');

/** A link's lifetime in the reader's language: whole days or hours when it divides evenly, else minutes. */
export function durationOf(t: Translate, minutes: number): string {
  if (minutes % 1440 === 0) return t('email.common.durationDays', { count: minutes / 1440 });
  if (minutes % 60 === 0) return t('email.common.durationHours', { count: minutes / 60 });
  return t('email.common.durationMinutes', { count: minutes });
}
