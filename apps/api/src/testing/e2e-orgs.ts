import type { Services } from '@bytelyst/routers/services';

/** The person orgs.spec.ts invites into an org: an end user of the default product (no console access). */
export const E2E_ORG_INVITEE = {
  email: 'e2e-org-invitee@bytelyst.test',
  name: 'Grace Invitee',
  password: 'e2e-org-invitee-password-123',
};

/** The orgs journey's data: the account the invitation mail is sent to, so that its link can be accepted. */
export const seedOrgs = async (services: Services): Promise<void> => {
  const productId = services.config.defaultProductId;
  // A server started again on the same data folder keeps what it wrote the first time.
  if (await services.users.findByEmail(productId, E2E_ORG_INVITEE.email)) return;
  await services.users.create(productId, { ...E2E_ORG_INVITEE, roles: ['user'], emailVerified: true });
};
