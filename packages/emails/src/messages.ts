import { IntlMessageFormat } from 'intl-messageformat';

/**
 * Localized mail strings. A template names each of its strings by a key of the `email` namespace and carries
 * the English text as the default; the i18n module stores translations under the same keys, and delivery hands
 * the merged messages of the recipient's locale to the render. A key missing there, or a translation that
 * fails to format, falls back to the built-in English, so a mail always renders.
 */

export type MessageArgs = Record<string, string | number>;
/** Formats the message at `key` with `args`: the template's way to every string a reader sees. */
export type Translate = (key: string, args?: MessageArgs) => string;
/** What the render takes: the locale (for plurals, numbers) and the messages merged along its fallback chain. */
export type EmailStrings = { locale: string; messages: Readonly<Record<string, string>> };

/** Every built-in English string of the templates, by key: the `email.*` source strings of i18n. */
export const EMAIL_MESSAGES = {
  'email.common.greeting': 'Hi {name},',
  'email.common.greetingAnonymous': 'Hi there,',
  'email.welcome.subject': 'Welcome to {productName}',
  'email.welcome.preview': 'Your {productName} account is ready',
  'email.welcome.title': 'Welcome to {productName}',
  'email.welcome.body':
    'Your account is ready. Set up your first workspace and you will be up and running in a couple of minutes.',
  'email.welcome.cta': 'Get started',
} as const satisfies Record<string, string>;

export type EmailMessageKey = keyof typeof EMAIL_MESSAGES;

/** What translators read beside each key (the i18n source's description). */
export const EMAIL_MESSAGE_DESCRIPTIONS: Record<EmailMessageKey, string> = {
  'email.common.greeting': "First line of most mails; {name} is the recipient's name.",
  'email.common.greetingAnonymous': 'First line when the recipient has no name on record.',
  'email.welcome.subject': 'Subject of the welcome mail, sent right after sign-up.',
  'email.welcome.preview': "The welcome mail's preview line in the inbox list.",
  'email.welcome.title': 'Heading of the welcome mail.',
  'email.welcome.body': 'Main paragraph of the welcome mail.',
  'email.welcome.cta': 'Button of the welcome mail that opens the app.',
};

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
  return (key, args = {}) => {
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
};

/** The built-in English: what a template uses when the render was given no strings. */
export const ENGLISH: Translate = createTranslate();

/** The greeting line in the reader's language. */
export const greetingOf = (t: Translate, name: string | undefined) =>
  name ? t('email.common.greeting', { name }) : t('email.common.greetingAnonymous');
