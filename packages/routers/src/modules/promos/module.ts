import { defineModule } from '../../module';
import type { BillingService } from '../billing/module';
import { createPromoGateway } from './gateway';
import { createPromosService } from './service';

/**
 * Promo codes: Stripe coupons and promotion codes, created and switched off by admins, validated and redeemed
 * by users. Stripe holds them (roadmap §1.1: no container of ours); this module reads them back and judges them.
 */
export const promosModule = defineModule({
  name: 'promos',
  create: ({ clock, bus, config }, needs: { billing: BillingService }) => ({
    service: createPromosService({
      gateway: createPromoGateway(config.billing ?? {}),
      clock,
      bus,
      needs: { billing: needs.billing },
    }),
  }),
});
