import { type BatchOperation, type Clock, withoutSystemFields } from '@bytelyst/db/document-store';
import { EMAIL_MESSAGE_DESCRIPTIONS, EMAIL_MESSAGES } from '@bytelyst/emails/messages';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { argsDiff, parseMessage } from './icu';
import { LAST_RESORT } from './locale-chain';
import type { I18nRepository, StringDoc } from './repository';
import { STRINGS_PER_BATCH } from './repository';
import {
  DONE_STATUSES,
  type TArgsWarning,
  type TLocalesView,
  type TTranslation,
  type TTranslationStatus,
  type TUpsertInput,
} from './schema';

type Change = 'upsert' | 'status' | 'delete' | 'import';

/** The mail templates' English strings: source keys of every product, served even when nobody stored them. */
export const BUILT_IN: Readonly<Record<string, string>> = EMAIL_MESSAGES;
const BUILT_IN_DESCRIPTIONS: Readonly<Record<string, string>> = EMAIL_MESSAGE_DESCRIPTIONS;

export const namespaceOf = (key: string) => key.slice(0, key.indexOf('.'));

export const toTranslation = (doc: StringDoc): TTranslation => {
  const { id: _, kind: __, productId: ___, namespace, ...rest } = withoutSystemFields(doc);
  return { ...rest, namespace };
};

/** A 400 naming the field, with the key and the parser's reason in the message. */
export const invalidMessage = (key: string, reason: string, path = 'message') =>
  new AppError('VALIDATION', `Invalid ICU message for '${key}': ${reason}`, {
    fields: [{ path, message: `${key}: ${reason}` }],
  });

export const createI18nCore = (deps: { repo: I18nRepository; clock: Clock; bus: EventBus }) => {
  const { repo, clock, bus } = deps;

  const locales = async (productId: string): Promise<TLocalesView> => {
    const config = await repo.config(productId);
    return config
      ? { defaultLocale: config.defaultLocale, locales: config.locales }
      : { defaultLocale: LAST_RESORT, locales: [LAST_RESORT] };
  };

  const requireLocale = async (productId: string, locale: string) => {
    const view = await locales(productId);
    if (!view.locales.includes(locale)) {
      throw new AppError('VALIDATION', `The product has no locale ${locale}; add it first`, {
        fields: [
          { path: 'locale', message: `Not one of the product's locales (${view.locales.join(', ')})` },
        ],
      });
    }
    return view;
  };

  /** The source strings (the default locale's, then the built-in English), by key. */
  const sourceStrings = async (productId: string, defaultLocale: string) => {
    const source = new Map<string, { message: string; args: string[]; description: string | null }>();
    for (const [key, message] of Object.entries(BUILT_IN)) {
      const parsed = parseMessage(message);
      source.set(key, {
        message,
        args: parsed.ok ? parsed.args.map((a) => a.name) : [],
        description: BUILT_IN_DESCRIPTIONS[key] ?? null,
      });
    }
    const stored = await repo.all(productId, defaultLocale);
    for (const doc of stored) {
      if (doc.status === 'missing') continue;
      source.set(doc.key, {
        message: doc.message,
        args: doc.args,
        description: doc.description ?? source.get(doc.key)?.description ?? null,
      });
    }
    return source;
  };

  const warningOf = (
    key: string,
    locale: string,
    args: readonly string[],
    source: { args: string[] } | undefined,
  ): TArgsWarning | null => {
    if (!source) return null;
    const { missing, extra } = argsDiff(source.args, args);
    if (missing.length === 0 && extra.length === 0) return null;
    const parts = [
      missing.length ? `lacks ${missing.map((a) => `{${a}}`).join(', ')}` : '',
      extra.length ? `adds ${extra.map((a) => `{${a}}`).join(', ')}` : '',
    ].filter(Boolean);
    return {
      key,
      locale,
      missing,
      extra,
      message: `The translation ${parts.join(' and ')} compared with the source`,
    };
  };

  /** Writes string operations of one locale in batches, each with its revision and its `i18n.updated`. */
  const commitStrings = async (
    productId: string,
    locale: string,
    operations: BatchOperation<StringDoc>[],
    change: Change,
    actorId: string | null,
  ) => {
    for (let i = 0; i < operations.length; i += STRINGS_PER_BATCH) {
      const chunk = operations.slice(i, i + STRINGS_PER_BATCH);
      const keys = chunk.map((op) => (op.op === 'delete' ? op.id : op.doc.key));
      const at = isoNow(clock);
      await repo.commit(productId, locale, chunk, {
        at,
        outbox: bus.stage(
          'i18n.updated',
          { locale, change, keys: keys.slice(0, 100), count: keys.length },
          { productId, actorId },
        ),
      });
    }
  };

  /** Parses and checks one string against the source; throws the 400 naming `path` when it is malformed. */
  const check = (
    key: string,
    locale: string,
    message: string,
    source: Map<string, { args: string[] }>,
    defaultLocale: string,
    path = 'message',
  ) => {
    const parsed = parseMessage(message, locale);
    if (!parsed.ok) throw invalidMessage(key, parsed.reason, path);
    const args = parsed.args.map((a) => a.name);
    const warning = locale === defaultLocale ? null : warningOf(key, locale, args, source.get(key));
    return { args, warning };
  };

  return {
    locales,
    requireLocale,
    sourceStrings,
    commitStrings,
    check,
    warningOf,

    async upsert(productId: string, input: TUpsertInput, actorId: string) {
      const view = await requireLocale(productId, input.locale);
      const source = await sourceStrings(productId, view.defaultLocale);
      const { args, warning } = check(input.key, input.locale, input.message, source, view.defaultLocale);
      const current = await repo.get(productId, input.locale, input.key);
      const doc: StringDoc = {
        id: input.key,
        kind: 'string',
        productId,
        locale: input.locale,
        key: input.key,
        namespace: namespaceOf(input.key),
        message: input.message,
        status: input.status ?? 'translated',
        args,
        description: input.description !== undefined ? input.description : (current?.description ?? null),
        context: input.context !== undefined ? input.context : (current?.context ?? null),
        updatedBy: actorId,
        updatedAt: isoNow(clock),
      };
      await commitStrings(productId, input.locale, [{ op: 'upsert', doc }], 'upsert', actorId);
      return { translation: toTranslation(doc), warnings: warning ? [warning] : [] };
    },

    async setStatus(
      productId: string,
      input: { key: string; locale: string; status: TTranslationStatus },
      actorId: string,
    ) {
      const current = await repo.get(productId, input.locale, input.key);
      if (!current) throw new AppError('NOT_FOUND', `No string ${input.key} in ${input.locale}`);
      const doc: StringDoc = {
        ...withoutSystemFields(current),
        status: input.status,
        updatedBy: actorId,
        updatedAt: isoNow(clock),
      };
      await commitStrings(
        productId,
        input.locale,
        [{ op: 'replace', doc, ifMatch: current._etag }],
        'status',
        actorId,
      );
      return toTranslation(doc);
    },

    /** Deletes the key in every locale of the product; the built-in English of an `email.*` key stays. */
    async deleteKey(productId: string, key: string, actorId: string) {
      const view = await locales(productId);
      let deleted = 0;
      for (const locale of view.locales) {
        if (!(await repo.get(productId, locale, key))) continue;
        await commitStrings(productId, locale, [{ op: 'delete', id: key }], 'delete', actorId);
        deleted += 1;
      }
      if (deleted === 0 && !(key in BUILT_IN)) throw new AppError('NOT_FOUND', `No key ${key}`);
      return { key, deleted: true as const, locales: deleted };
    },

    async addLocale(productId: string, locale: string, actorId: string) {
      return mutateConfig(productId, actorId, 'added', locale, (view) => {
        if (view.locales.includes(locale)) return null;
        return { ...view, locales: [...view.locales, locale].sort() };
      });
    },

    async setDefaultLocale(productId: string, locale: string, actorId: string) {
      return mutateConfig(productId, actorId, 'default', locale, (view) => {
        if (view.defaultLocale === locale) return null;
        return {
          defaultLocale: locale,
          locales: view.locales.includes(locale) ? view.locales : [...view.locales, locale].sort(),
        };
      });
    },

    /** Removes a locale and every string it holds; the default locale cannot go. */
    async removeLocale(productId: string, locale: string, actorId: string) {
      const view = await locales(productId);
      if (locale === view.defaultLocale) {
        throw new AppError('CONFLICT', 'The default locale cannot be removed; choose another default first', {
          fields: [{ path: 'locale', message: 'This is the default locale' }],
        });
      }
      const strings = await repo.all(productId, locale);
      await commitStrings(
        productId,
        locale,
        strings.map((doc) => ({ op: 'delete' as const, id: doc.id })),
        'delete',
        actorId,
      );
      return mutateConfig(productId, actorId, 'removed', locale, (current) =>
        current.locales.includes(locale)
          ? { ...current, locales: current.locales.filter((l) => l !== locale) }
          : null,
      );
    },
  };

  async function mutateConfig(
    productId: string,
    actorId: string,
    change: 'added' | 'removed' | 'default',
    locale: string,
    apply: (view: TLocalesView) => TLocalesView | null,
  ): Promise<TLocalesView> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const current = await repo.config(productId);
      const view = current
        ? { defaultLocale: current.defaultLocale, locales: current.locales }
        : { defaultLocale: LAST_RESORT, locales: [LAST_RESORT] };
      const next = apply(view);
      if (!next) return view;
      const written = await repo.putConfig(
        { id: 'config', kind: 'config', productId, locale: '*', ...next, updatedAt: isoNow(clock) },
        current?._etag,
        bus.stage('i18n.locales_changed', { change, locale, ...next }, { productId, actorId }),
      );
      if (written) return next;
    }
    throw new AppError('CONFLICT', "The product's locales keep changing; try again");
  }
};

export type I18nCore = ReturnType<typeof createI18nCore>;

export { DONE_STATUSES };
