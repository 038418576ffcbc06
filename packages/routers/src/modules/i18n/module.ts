import { AppError } from '../../app-error';
import { defineModule } from '../../module';
import type { NotificationsService } from '../notifications/module';
import type { ProductsService } from '../products/service';
import type { ValuesService } from '../settings/values-service';
import { createI18nBundles } from './bundle';
import { createI18nCatalog } from './catalog';
import { I18N_CONTAINERS } from './containers';
import { parseLocaleTag } from './locale-chain';
import { createI18nRepository } from './repository';
import { i18nRoutes } from './routes';
import { ZNamespace } from './schema';
import { createI18nCore } from './service';
import { createI18nTransfer } from './transfer';

type Needs = {
  products: ProductsService;
  settings: ValuesService;
  notifications: NotificationsService;
};

/** The user setting a client writes (PATCH /v1/settings/me) to choose the language of its mail. */
export const LOCALE_SETTING = 'locale';

/**
 * Localization (roadmap §2.20): strings per product and locale in ICU MessageFormat, validated on save, with a
 * status per locale; the client bundle along the fallback chain with an ETag per version; import and export
 * for translators; the mail templates' strings, in the recipient's locale, for delivery.
 */
export const i18nModule = defineModule({
  name: 'i18n',
  containers: I18N_CONTAINERS,
  create: ({ store, clock, bus }, needs: Needs) => {
    const repo = createI18nRepository(store);
    const core = createI18nCore({ repo, clock, bus });
    const catalog = createI18nCatalog({ repo, core });
    const transfer = createI18nTransfer({ repo, core, clock });
    const bundles = createI18nBundles({ repo, core });
    const productOf = async (productId: string) => {
      const product = await needs.products.find(productId);
      if (!product) throw new AppError('NOT_FOUND', `Product '${productId}' not found`);
      return product.id;
    };

    /** The mail's locale: the user's `locale` setting, else their most recently seen device's, else the default. */
    const emailStrings = async (productId: string, userId: string | null) => {
      if (!userId) return bundles.emailStrings(productId, []);
      const [settings, devices] = await Promise.all([
        needs.settings.forUser(productId, userId),
        needs.notifications.devices.ofUser(productId, userId),
      ]);
      const setting = settings.values[LOCALE_SETTING];
      const latest = [...devices.items].sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : -1))[0];
      return bundles.emailStrings(productId, [typeof setting === 'string' ? setting : null, latest?.locale]);
    };

    return {
      service: {
        ...core,
        catalog,
        transfer,
        bundles,
        emailStrings,
        /** The tRPC face of the client bundle (the plain route answers REST, with 304s). */
        async bundle(productId: string, input: { locale: string; ns?: string | undefined }) {
          const locale = parseLocaleTag(input.locale);
          if (!locale) {
            throw new AppError('VALIDATION', `'${input.locale}' is not a BCP 47 locale`, {
              fields: [{ path: 'locale', message: 'Expected a BCP 47 locale such as de or pt-BR' }],
            });
          }
          const ns = input.ns ? [...new Set(input.ns.split(',').map((n) => n.trim()))].sort() : null;
          for (const name of ns ?? []) {
            if (!ZNamespace.safeParse(name).success) {
              throw new AppError('VALIDATION', `'${name}' is not a namespace`, {
                fields: [{ path: 'ns', message: `'${name.slice(0, 70)}' is not a namespace` }],
              });
            }
          }
          return bundles.get(await productOf(productId), locale, ns);
        },
      },
      routes: i18nRoutes({
        bundles,
        transfer,
        productOf: (request, fallback) => {
          const requested = typeof request.query.productId === 'string' ? request.query.productId : undefined;
          return productOf(requested || fallback);
        },
      }),
    };
  },
});

export type I18nModuleService = ReturnType<typeof i18nModule.create>['service'];
