import type { BrandThemes } from '../../lib/brand-themes';
import type { EmailStringsSource } from '../../lib/email-strings';
import { defineModule } from '../../module';
import type { BillingService } from '../billing/module';
import type { GrowthService } from '../growth/module';
import type { LicensesService } from '../licenses/service';
import type { NotificationsService } from '../notifications/module';
import type { ProductsService } from '../products/service';
import type { SessionsService } from '../sessions/service';
import type { UsersService } from '../users/service';
import { createEmailDriver } from './channels/email-drivers';
import { createOutboxEmailDriver } from './channels/email-outbox';
import { createPushDriver } from './channels/push-drivers';
import { DELIVERY_DEFAULTS } from './config';
import { DELIVERY_CONTAINERS } from './containers';
import { createDispatcher } from './dispatcher';
import { deliverySubscribers } from './handlers';
import { createMaintenanceHold, createReleaseJob } from './held';
import { toDetail } from './log-entry';
import { createProviderEvents } from './provider-events';
import { createDeliveryRecovery } from './recovery';
import { createDictationReminderJob } from './reminder-job';
import { createDeliveryRepository } from './repository';
import { deliveryRoutes } from './routes';
import { createDeliveryService } from './service';

type Needs = {
  users: UsersService;
  products: ProductsService;
  notifications: NotificationsService;
  billing: BillingService;
  licenses: LicensesService;
  growth: GrowthService;
  sessions: SessionsService;
  /** The recipient's locale and the i18n strings of the mail templates (bound after i18n is built). */
  emailStrings: EmailStringsSource;
  brandThemes: BrandThemes;
};

/**
 * Delivery: transactional email (outbox, SendGrid or SMTP, with failover) and push (FCM, APNs), persisted
 * before sending, routed by the user's preferences, cap and quiet hours, tracked to the provider's last word.
 */
export const deliveryModule = defineModule({
  name: 'delivery',
  containers: DELIVERY_CONTAINERS,
  create: ({ store, clock, bus, config, logger, secretBox }, needs: Needs) => {
    const settings = config.delivery ?? {};
    const repo = createDeliveryRepository(store);
    const fromAddress = settings.fromAddress ?? DELIVERY_DEFAULTS.fromAddress;
    const appUrl = settings.appUrl ?? DELIVERY_DEFAULTS.appUrl;
    const log = logger ?? { info: () => undefined, warn: () => undefined, error: () => undefined };
    const email =
      settings.emailDriver ??
      (settings.email
        ? createEmailDriver({
            ...settings.email,
            clock,
            onFallback: (info) =>
              log.warn(
                { deliveryId: info.deliveryId, reason: info.reason },
                'email went through the fallback',
              ),
          })
        : createOutboxEmailDriver());
    const push =
      settings.pushDriver ??
      createPushDriver({
        driver: 'log',
        ...settings.push,
        clock,
        logger: { info: (obj, msg) => log.info(obj, msg) },
      });
    const entitlements = needs.billing.entitlements;
    // Every message reads its product's brand: through the products' short cache, as requests do.
    const products = {
      get: async (id: string) => (await needs.products.find(id)) ?? needs.products.get(id),
    };
    const shared = {
      users: needs.users,
      products,
      devices: needs.notifications.devices,
      preferences: needs.notifications.preferences,
      entitlements,
      brandThemes: needs.brandThemes,
    };
    const service = createDeliveryService({
      repo,
      secretBox,
      clock,
      bus,
      config: {
        fromAddress,
        fromName: settings.fromName,
        publicBaseUrl: settings.publicBaseUrl,
        appUrl,
        secret: config.jwtSecret,
      },
      needs: shared,
    });
    const maintenance = createMaintenanceHold({ repo, clock, bus });
    const dispatcher = createDispatcher({
      repo,
      secretBox,
      service,
      needs: {
        ...shared,
        clearPushToken: (productId, userId, deviceId) =>
          needs.notifications.devices.clearPushToken(productId, userId, deviceId),
      },
      email,
      push,
      clock,
      bus,
      fromAddress,
      fromName: settings.fromName,
      quietHours: settings.quietHours === undefined ? DELIVERY_DEFAULTS.quietHours : settings.quietHours,
      dailyCap: settings.dailyCap ?? DELIVERY_DEFAULTS.dailyCap,
      apnsTopic: settings.apnsTopic,
      maintenance,
      emailStrings: needs.emailStrings,
    });
    const events = createProviderEvents({ repo, service, clock, bus });
    const productApp = async (productId: string) => (await products.get(productId)).branding.appUrl ?? appUrl;
    return {
      service: {
        ...service,
        dispatch: dispatcher.dispatch,
        providerEvents: events,
        drivers: { email, push },
        /** Holds and releases non-transactional sends for the coordinated maintenance switch. */
        maintenance,
        /** Failed and held sends since a time, counted and sent again (cross-channel recovery). */
        recovery: createDeliveryRecovery({ repo, clock, bus }),
        /** What one event's subscribers sent, for the event's page. */
        ofEvent: async (productId: string, eventId: string, eventAt: string) =>
          (await repo.log.ofEvent(productId, eventId, eventAt)).map(toDetail),
      },
      subscribers: [
        dispatcher.subscriber,
        ...deliverySubscribers(service, {
          users: needs.users,
          invitations: needs.growth.invitations,
          licenses: needs.licenses,
          sessions: needs.sessions,
          appUrl: productApp,
          async planName(productId, userId, code) {
            if (code) return (await entitlements.plan(productId, code))?.name ?? code;
            const { plan } = await entitlements.forUser(productId, userId);
            return plan?.name ?? 'your plan';
          },
        }),
      ],
      jobs: [
        createReleaseJob({ repo, clock, bus, maintenance }),
        createDictationReminderJob({
          products: { list: () => needs.products.list() },
          devices: needs.notifications.devices,
          activeDays: (productId, userId, from, to) =>
            needs.billing.usage.activeDays(productId, userId, from, to),
          delivery: service,
        }),
      ],
      routes: deliveryRoutes({
        delivery: service,
        events,
        sendgridWebhookPublicKey: settings.sendgridWebhookPublicKey,
        now: clock,
      }),
    };
  },
});

export type DeliveryModuleService = ReturnType<typeof deliveryModule.create>['service'];
