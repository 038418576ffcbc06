import { defineModule } from '../../module';
import { DELIVERY_DEFAULTS } from '../delivery/config';
import type { DeliveryModuleService } from '../delivery/module';
import type { ProductsService } from '../products/service';
import { FEEDBACK_CONTAINERS } from './containers';
import { feedbackUserErasure } from './erasure';
import { replyMailSubscriber } from './handlers';
import { createFeedbackRepository } from './repository';
import { createFeedbackService, type FeedbackNeeds } from './service';

type Needs = FeedbackNeeds & { delivery: DeliveryModuleService; products: ProductsService };

/**
 * In-app feedback: bug reports with device context, a screenshot and the user's last telemetry events; feature
 * requests that open or vote for a tracker item; NPS answers rolled up per ISO week; an admin inbox that
 * converts, replies by mail (through delivery) and dismisses.
 */
export const feedbackModule = defineModule({
  name: 'feedback',
  containers: FEEDBACK_CONTAINERS,
  create: ({ store, clock, bus, config }, needs: Needs) => {
    const repo = createFeedbackRepository(store);
    const fallbackAppUrl = config.delivery?.appUrl ?? DELIVERY_DEFAULTS.appUrl;
    const appUrl = async (productId: string) => {
      const product = (await needs.products.find(productId)) ?? (await needs.products.get(productId));
      return product.branding.appUrl ?? fallbackAppUrl;
    };
    return {
      service: createFeedbackService({ repo, clock, bus, needs }),
      subscribers: [
        replyMailSubscriber({ repo, delivery: needs.delivery, appUrl }),
        feedbackUserErasure({ repo, blobs: needs.blobs }),
      ],
    };
  },
});
