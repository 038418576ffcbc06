import { z } from 'zod';
import { def } from './def';

/**
 * Localization (roadmap §2.20). Internal: the bundle's version moves in the same write, so clients learn of a
 * change through `GET /v1/i18n/{locale}`'s ETag, not a webhook.
 */

const ZLocaleTag = z.string().min(2).max(35);

export const I18N_EVENTS = {
  'i18n.updated': def({
    version: 1,
    public: false,
    description:
      'Strings of one locale changed (an edit, a status, a deletion or an import); `keys` lists up to 100 of them, `count` all.',
    payload: z.object({
      locale: ZLocaleTag,
      change: z.enum(['upsert', 'status', 'delete', 'import']),
      keys: z.array(z.string()).max(100),
      count: z.number().int().min(0),
    }),
    example: { locale: 'de', change: 'upsert', keys: ['onboarding.title'], count: 1 },
  }),
  'i18n.locales_changed': def({
    version: 1,
    public: false,
    description:
      "A product's locales changed: one added or removed (its strings go with it), or the default moved.",
    payload: z.object({
      change: z.enum(['added', 'removed', 'default']),
      locale: ZLocaleTag,
      locales: z.array(ZLocaleTag),
      defaultLocale: ZLocaleTag,
    }),
    example: { change: 'added', locale: 'de', locales: ['en', 'de'], defaultLocale: 'en' },
  }),
} as const;
