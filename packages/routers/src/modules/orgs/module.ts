import { DAY_MS } from '../../lib/time';
import { defineModule } from '../../module';
import type { AuditService } from '../audit/service';
import type { BillingService } from '../billing/module';
import type { DeliveryModuleService } from '../delivery/module';
import type { UsersService } from '../users/service';
import { ORGS_CONTAINERS } from './containers';
import { orgsUserErasure } from './erasure';
import { orgAuditSubscriber } from './handlers';
import { invitationMailSubscriber } from './invitation-mail';
import { createOrgsRepository } from './repository';
import { createSeats } from './seats';
import { createOrgsService } from './service';

/** Settings of the orgs module (apps/api/src/env.ts fills them from the environment). */
export type OrgsConfig = {
  /** The invitation mail's accept page; `?token=...` is appended (ORG_INVITE_URL_BASE). */
  inviteUrlBase?: string;
  /** How long an invitation link works, in days (ORG_INVITE_TTL_DAYS); default 7. */
  inviteTtlDays?: number;
};

export const ORGS_DEFAULTS = { inviteUrlBase: 'http://127.0.0.1:3001/accept-invite', inviteTtlDays: 7 };

type Needs = {
  users: UsersService;
  audit: AuditService;
  billing: BillingService;
  delivery: DeliveryModuleService;
};

/**
 * Organizations and teams (roadmap §2.22): users belong to orgs, orgs have teams, teams own resources. Roles
 * are checked in one place (`src/org-access.ts`) that any module's procedures can use for a resource an org or
 * a team owns.
 */
export const orgsModule = defineModule({
  name: 'orgs',
  containers: ORGS_CONTAINERS,
  create: ({ store, clock, bus, config, secretBox }, needs: Needs) => {
    const repo = createOrgsRepository(store);
    const settings = { ...ORGS_DEFAULTS, ...config.orgs };
    const service = createOrgsService({
      repo,
      clock,
      bus,
      users: needs.users,
      delivery: needs.delivery,
      entitlements: needs.billing.entitlements,
      usage: needs.billing.usage,
      seats: createSeats(needs.billing.entitlements),
      invitations: {
        acceptUrlBase: settings.inviteUrlBase,
        validMs: settings.inviteTtlDays * DAY_MS,
        secretBox,
      },
    });
    return {
      service,
      subscribers: [
        orgAuditSubscriber({ audit: needs.audit, users: needs.users }),
        invitationMailSubscriber({
          repo,
          users: needs.users,
          delivery: needs.delivery,
          secretBox,
          acceptUrlBase: settings.inviteUrlBase,
        }),
        orgsUserErasure({ repo, members: service.membersService, bus }),
      ],
    };
  },
});
