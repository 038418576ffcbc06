import { defineModule } from '../../module';
import { AUDIT_CONTAINERS } from './containers';
import { auditSubscriber, impersonationAuditSubscriber, passwordChangeAuditSubscriber } from './handlers';
import { createAuditRepository } from './repository';
import { createAuditService } from './service';

/** The audit log, written from `admin.action` and impersonation events (and from the user's own password resets). */
export const auditModule = defineModule({
  name: 'audit',
  containers: AUDIT_CONTAINERS,
  create: ({ store, clock }) => {
    const service = createAuditService({ repo: createAuditRepository(store), clock });
    return {
      service,
      subscribers: [
        auditSubscriber(service),
        impersonationAuditSubscriber(service),
        passwordChangeAuditSubscriber(service),
      ],
    };
  },
});
