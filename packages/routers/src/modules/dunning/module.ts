import { defineModule } from '../../module';
import type { AuditService } from '../audit/service';
import type { BillingService } from '../billing/module';
import { DELIVERY_DEFAULTS } from '../delivery/config';
import type { DeliveryModuleService } from '../delivery/module';
import type { ProductsService } from '../products/service';
import { createDunningAdmin } from './admin';
import { DUNNING_CONTAINERS } from './containers';
import { createGraceJob } from './grace-job';
import { auditSubscriber, dunningUserErasure, invoiceSubscribers, mailSubscribers } from './handlers';
import { createDunningRepository } from './repository';
import { createDunningCore } from './service';

type Needs = {
  billing: BillingService;
  delivery: DeliveryModuleService;
  products: ProductsService;
  audit: AuditService;
};

/**
 * Billing dunning (roadmap §2.25): a failed invoice payment opens a case (payment-failed mail, in-app banner on
 * the subscription), Stripe's third failed attempt sends the final warning, the grace period's end (the plan's
 * `dunningGraceDays`, 7 by default) moves the account to the free plan with a mail, and a payment at any point
 * ends it. Fed by the invoice events billing stages when it applies Stripe's webhook, and a daily job.
 */
export const dunningModule = defineModule({
  name: 'dunning',
  containers: DUNNING_CONTAINERS,
  create: ({ store, clock, bus, config }, needs: Needs) => {
    const repo = createDunningRepository(store);
    const core = createDunningCore({ repo, clock, bus, billing: needs.billing });
    const admin = createDunningAdmin({ repo, clock });
    const fallbackAppUrl = config.delivery?.appUrl ?? DELIVERY_DEFAULTS.appUrl;
    const mailNeeds = {
      delivery: needs.delivery,
      async appUrl(productId: string) {
        const product = (await needs.products.find(productId)) ?? (await needs.products.get(productId));
        return product.branding.appUrl ?? fallbackAppUrl;
      },
      async planName(productId: string, code: string) {
        return (await needs.billing.entitlements.plan(productId, code))?.name ?? code;
      },
      async freePlan(productId: string) {
        const plan = await needs.billing.plans.defaultPlan(productId);
        return { code: plan.code, name: plan.name };
      },
    };
    return {
      service: { ...admin, banner: core.banner, downgrade: core.downgrade },
      subscribers: [
        ...invoiceSubscribers(core),
        ...mailSubscribers({ repo, core }, mailNeeds),
        auditSubscriber(needs.audit),
        dunningUserErasure(repo),
      ],
      jobs: [createGraceJob({ repo, core })],
    };
  },
});

export type DunningService = ReturnType<typeof dunningModule.create>['service'];
