import { defineModule } from '../../module';
import { AUDIT_CONTAINERS } from './containers';
import { auditSubscriber } from './handlers';
import { createAuditRepository } from './repository';
import { createAuditService } from './service';

/** The audit log, written from `admin.action` events. */
export const auditModule = defineModule({
  name: 'audit',
  containers: AUDIT_CONTAINERS,
  create: ({ store, clock }) => {
    const service = createAuditService({ repo: createAuditRepository(store), clock });
    return { service, subscribers: [auditSubscriber(service)] };
  },
});
