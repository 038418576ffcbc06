export { plansRouter } from './plans/router';
export { stripeRouter } from './stripe/router';
export { subscriptionsRouter } from './subscriptions/router';
export { usageRouter } from './usage/router';
